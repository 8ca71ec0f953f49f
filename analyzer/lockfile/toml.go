package lockfile

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// decodeTOML decodes data into v, turning a parse error into an *Error at
// its line.
func decodeTOML(path string, format Format, data []byte, v any) error {
	_, err := toml.Decode(string(data), v)
	if err == nil {
		return nil
	}
	e := &Error{Path: path, Format: format, Msg: fmt.Sprintf("not a valid %s: %v", format, err), Err: err}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		// The position's line counts a newline the lexer has already
		// consumed; the byte offset names the line at fault.
		e.Line = pe.Position.Line
		if pe.Position.Start >= 0 && pe.Position.Start < len(data) {
			e.Line = lineAt(data, pe.Position.Start)
		}
		e.Msg = fmt.Sprintf("not a valid %s: %s", format, pe.Message)
	}
	return e
}

var tomlVersionRE = regexp.MustCompile(`^version\s*=\s*(?:"([^"\\]*)"|'([^']*)')\s*(?:#.*)?$`)

// tomlPackageLines finds, for the i-th [[package]] table of a TOML
// lockfile whose version is versions[i], the line of its version key.
//
// The TOML decoder keeps no positions for the elements of an array of
// tables, so the lines come from a scan of the text. Poetry and uv write
// each "[[package]]" header on a line of its own and the package's scalar
// keys right below it; the scan relies on that and checks itself: a line is
// given only when the headers found match the decoded tables in number and
// the version on the line is the decoded one. Otherwise the line is 0.
func tomlPackageLines(data []byte, versions []string) []int {
	out := make([]int, len(versions))
	lines := strings.Split(string(data), "\n")
	var headers []int // 0-based index of each [[package]] header line
	for i, l := range lines {
		if strings.TrimSpace(l) == "[[package]]" {
			headers = append(headers, i)
		}
	}
	if len(headers) != len(versions) {
		return out
	}
	for k, h := range headers {
		for i := h + 1; i < len(lines); i++ {
			l := strings.TrimSpace(lines[i])
			if strings.HasPrefix(l, "[") {
				break // the next table: the package stated no version here
			}
			if m := tomlVersionRE.FindStringSubmatch(l); m != nil {
				if m[1]+m[2] == versions[k] {
					out[k] = i + 1
				}
				break
			}
		}
	}
	return out
}
