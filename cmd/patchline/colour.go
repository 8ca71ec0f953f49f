package main

import (
	"io"

	"github.com/muesli/termenv"
)

// colourModes are the values of --color (PATCHLINE_COLOR): auto colours
// verdicts only when stdout is a terminal and neither NO_COLOR nor
// CLICOLOR=0 is set (termenv reads the environment, CI logs included);
// always and never are the user's word, NO_COLOR's too (no-color.org:
// an option given for one run wins over it).
var colourModes = []string{"auto", "always", "never"}

// palette colours the program's own verdict words. The escape sequences
// go straight to the terminal (raw), past the escaping writer that every
// other byte of stdout goes through; text from inputs and registries is
// escaped before it meets them (termsafe.Field in the tables), so the only
// control sequences on the terminal are these.
type palette struct {
	// raw is stdout under the escaping writer; nil when nothing is
	// coloured.
	raw     io.Writer
	profile termenv.Profile
}

// newPalette decides from --color whether verdicts are coloured on
// stdout (terminal: the file under the escaping writer, if any).
func newPalette(mode string, raw, terminal io.Writer) (palette, error) {
	var profile termenv.Profile
	switch mode {
	case "never":
		return palette{}, nil
	case "always":
		profile = termenv.ANSI
	case "auto":
		profile = termenv.NewOutput(terminal).EnvColorProfile()
	default:
		return palette{}, badInputf("--color %q: want auto, always or never", mode)
	}
	if profile == termenv.Ascii {
		return palette{}, nil
	}
	return palette{raw: raw, profile: termenv.ANSI}, nil
}

// on reports whether verdicts are coloured.
func (p palette) on() bool { return p.raw != nil }

// writer is where text holding the palette's colours goes: the terminal
// itself when colouring, else w.
func (p palette) writer(w io.Writer) io.Writer {
	if p.on() {
		return p.raw
	}
	return w
}

// hue is the colour of a verdict word.
type hue int

const (
	plain hue = iota
	red
	yellow
	green
)

// verdictHue colours the verdicts of analyze and the gate: what needs a
// release red, what is past its end of life yellow, what is fixed or
// passes green; not affected stays plain, the quiet answer.
func verdictHue(word string) hue {
	switch word {
	case "affected", "FAIL":
		return red
	case "unsupported":
		return yellow
	case "fixed", "PASS":
		return green
	}
	return plain
}

// paint wraps s, which must hold no escape sequence of its own, in the
// hue's colour.
func (p palette) paint(s string, h hue) string {
	if !p.on() || h == plain || s == "" {
		return s
	}
	colour := map[hue]string{red: "1", yellow: "3", green: "2"}[h]
	return p.profile.String(s).Foreground(p.profile.Color(colour)).String()
}
