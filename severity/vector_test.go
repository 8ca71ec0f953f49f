package severity

import (
	"errors"
	"strings"
	"testing"

	gocvss31 "github.com/pandatix/go-cvss/31"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		version   string
		canonical string
		score     float64
		osvType   string
	}{
		{
			name:    "3.1 network critical",
			in:      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
			version: "3.1", score: 9.8, osvType: "CVSS_V3",
		},
		{
			name:    "3.1 design example",
			in:      "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N",
			version: "3.1", score: 5.4, osvType: "CVSS_V3",
		},
		{
			name:    "3.0 design example",
			in:      "CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N",
			version: "3.0", score: 5.4, osvType: "CVSS_V3",
		},
		{
			name:    "3.1 scope changed maximum",
			in:      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
			version: "3.1", score: 10.0, osvType: "CVSS_V3",
		},
		{
			name:    "3.1 no impact",
			in:      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N",
			version: "3.1", score: 0.0, osvType: "CVSS_V3",
		},
		{
			name:    "3.1 temporal and environmental metrics leave the base score",
			in:      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U/MAV:P",
			version: "3.1", score: 9.8, osvType: "CVSS_V3",
			canonical: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U/MAV:P",
		},
		{
			name:      "3.0 any metric order, X dropped, white space trimmed",
			in:        " \tCVSS:3.0/A:H/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/E:X/RL:O\n",
			canonical: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/RL:O",
			version:   "3.0", score: 9.8, osvType: "CVSS_V3",
		},
		{
			name:    "4.0 FIRST example, vulnerable system high",
			in:      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
			version: "4.0", score: 9.3, osvType: "CVSS_V4",
		},
		{
			name:    "4.0 FIRST example, all high",
			in:      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H",
			version: "4.0", score: 10.0, osvType: "CVSS_V4",
		},
		{
			name:    "4.0 local, active interaction",
			in:      "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N",
			version: "4.0", score: 6.7, osvType: "CVSS_V4",
		},
		{
			name:    "4.0 physical",
			in:      "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
			version: "4.0", score: 7.0, osvType: "CVSS_V4",
		},
		{
			name:    "4.0 no impact",
			in:      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
			version: "4.0", score: 0.0, osvType: "CVSS_V4",
		},
		{
			name:    "4.0 CVSS-BT: threat metric lowers the score",
			in:      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
			version: "4.0", score: 8.1, osvType: "CVSS_V4",
		},
		{
			name:    "4.0 CVSS-BTE with supplemental metrics",
			in:      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/CR:L/IR:L/AR:L/MAV:A/S:P/AU:Y/U:Red",
			version: "4.0", score: 6.2, osvType: "CVSS_V4",
		},
		{
			name:      "4.0 X dropped",
			in:        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/MAV:X/U:X",
			canonical: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
			version:   "4.0", score: 9.3, osvType: "CVSS_V4",
		},
		{
			// One of the 450 base vectors the unpatched library scores 8.5.
			name:    "4.0 rounding fix",
			in:      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H",
			version: "4.0", score: 8.6, osvType: "CVSS_V4",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			want := tt.canonical
			if want == "" {
				want = strings.TrimSpace(tt.in)
			}
			if got := v.String(); got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
			if got := v.Version(); got != tt.version {
				t.Errorf("Version() = %q, want %q", got, tt.version)
			}
			if got := v.BaseScore(); got != tt.score {
				t.Errorf("BaseScore() = %v, want %v", got, tt.score)
			}
			if got := v.OSVType(); got != tt.osvType {
				t.Errorf("OSVType() = %q, want %q", got, tt.osvType)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		metric string
		reason string // a substring of the error's message
		libErr error  // the scoring library's error, when it has a sentinel for it
	}{
		{name: "empty", in: "  ", reason: "empty vector"},
		{name: "garbage", in: "not a vector", reason: "missing version prefix"},
		{name: "v2 with prefix", in: "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", reason: "CVSS v2 is not supported"},
		{name: "v2 bare", in: "AV:N/AC:L/Au:N/C:P/I:P/A:P", reason: "CVSS v2 is not supported"},
		{name: "v2 in parentheses", in: "(AV:N/AC:L/Au:N/C:P/I:P/A:P)", reason: "CVSS v2 is not supported"},
		{name: "unknown version", in: "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", reason: `unsupported CVSS version "3.2"`},
		{name: "lower-case prefix", in: "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", reason: `must be written in upper case, as "CVSS:3.1"`},
		{name: "prefix only", in: "CVSS:3.1/", reason: `no metrics after "CVSS:3.1/"`},
		{name: "prefix without slash", in: "CVSS:4.0", reason: `no metrics after "CVSS:4.0/"`},
		{
			name: "3.1 missing metrics", in: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/A:H",
			metric: "S", reason: "missing base metrics S, I",
		},
		{
			name: "3.1 duplicated metric", in: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L",
			metric: "AV", reason: "metric AV is given more than once",
		},
		{
			name: "3.1 unknown value S:X", in: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H",
			metric: "S", reason: `metric S has invalid value "X"`, libErr: gocvss31.ErrInvalidMetricValue,
		},
		{
			name: "3.1 unknown metric", in: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N",
			metric: "AT", reason: `unknown metric "AT" for CVSS v3.1`,
		},
		{
			name: "3.0 metric without value", in: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A",
			metric: "A", reason: `"A" is not a METRIC:VALUE pair`,
		},
		{
			name: "3.1 trailing slash", in: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
			reason: "empty metric at position 9",
		},
		{
			name: "3.1 inner white space", in: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A: H",
			metric: "A", reason: `metric A has invalid value " H"`,
		},
		{
			name: "4.0 missing base metrics", in: "CVSS:4.0/AV:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
			metric: "AC", reason: "missing base metrics AC, AT",
		},
		{
			name: "4.0 out of order", in: "CVSS:4.0/AV:N/AT:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
			metric: "AC", reason: "metric AC is out of order",
		},
		{
			name: "4.0 duplicated metric", in: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:P",
			metric: "E", reason: "metric E is given more than once",
		},
		{
			name: "4.0 unknown metric", in: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/RL:O",
			metric: "RL", reason: `unknown metric "RL" for CVSS v4.0`,
		},
		{
			name: "4.0 invalid value", in: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:S/SI:N/SA:N",
			metric: "SC", reason: `metric SC has invalid value "S"`,
		},
		{
			name: "4.0 v3 vector under a v4 prefix", in: "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
			// S is Safety in v4.0, whose values are X, N and P.
			metric: "S", reason: `metric S has invalid value "U"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error", tt.in, v)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %T, want *ParseError", tt.in, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.reason) {
				t.Errorf("error %q does not contain %q", msg, tt.reason)
			}
			if want := quote(strings.TrimSpace(tt.in)); !strings.Contains(msg, want) {
				t.Errorf("error %q does not quote the vector %s", msg, want)
			}
			if pe.Metric != tt.metric {
				t.Errorf("Metric = %q, want %q", pe.Metric, tt.metric)
			}
			if tt.libErr != nil && !errors.Is(err, tt.libErr) {
				t.Errorf("error %v does not wrap %v", err, tt.libErr)
			}
			if v != (Vector{}) {
				t.Errorf("Parse returned %+v with its error, want the zero Vector", v)
			}
		})
	}
}

func TestParseErrorQuotesLongInputShort(t *testing.T) {
	in := "CVSS:3.1/" + strings.Repeat("AV:N/", 1000)
	_, err := Parse(in)
	if err == nil {
		t.Fatal("no error")
	}
	if n := len(err.Error()); n > 2*maxQuoted {
		t.Errorf("error message is %d bytes long: %.80s...", n, err.Error())
	}
}

func TestZeroVector(t *testing.T) {
	var v Vector
	if v.Version() != "" || v.String() != "" || v.BaseScore() != 0 || v.OSVType() != "" {
		t.Errorf("zero Vector = %q %q %v %q, want all empty", v.Version(), v.String(), v.BaseScore(), v.OSVType())
	}
}
