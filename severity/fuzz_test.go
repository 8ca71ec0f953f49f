package severity

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that every error is a
// *ParseError quoting the trimmed input, and that a parsed vector's
// canonical String parses to the same vector.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N/E:F/RL:O/RC:C/CR:H/MAV:A/MS:C/MA:X",
		"CVSS:3.0/A:H/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H",
		"CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N/E:P/CR:L/IR:X/AR:M/MAV:P/MAC:H/MAT:P/MPR:L/MUI:P/MVC:N/MVI:L/MVA:H/MSC:L/MSI:S/MSA:S/S:P/AU:Y/R:I/V:C/RE:H/U:Amber",
		"CVSS:4.0/AV:N/AT:N/AC:L",
		"CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
		"CVSS:3.1//",
		" cvss:3.1/AV:N ",
		"",
		"CVSS:",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		v, err := Parse(in)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q): error %T %v, want *ParseError", in, err, err)
			}
			if pe.Vector != strings.TrimSpace(in) || pe.Reason == "" {
				t.Fatalf("Parse(%q): ParseError %+v", in, pe)
			}
			return
		}
		s := v.BaseScore()
		if !(s >= 0 && s <= 10) || math.Round(s*10)/10 != s {
			t.Fatalf("Parse(%q): score %v is not a CVSS score", in, s)
		}
		if v.OSVType() == "" {
			t.Fatalf("Parse(%q): version %q has no OSV type", in, v.Version())
		}
		again, err := Parse(v.String())
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", in, v.String(), err)
		}
		if again != v {
			t.Fatalf("Parse(%q) = %+v, but its String parses to %+v", in, v, again)
		}
	})
}
