package severity

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScore(t *testing.T) {
	custom := Levels{{"Urgent", 8.0}, {"Normal", 0.0}}
	tests := []struct {
		name   string
		vector string
		levels Levels
		want   Result
	}{
		{
			name:   "3.1 critical",
			vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
			levels: DefaultLevels(),
			want:   Result{Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Version: "3.1", Score: 9.8, Level: "Critical"},
		},
		{
			name:   "design example",
			vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N",
			levels: DefaultLevels(),
			want:   Result{Vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", Version: "3.1", Score: 5.4, Level: "Moderate"},
		},
		{
			name:   "3.1 low",
			vector: "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N",
			levels: DefaultLevels(),
			want:   Result{Vector: "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", Version: "3.1", Score: 1.8, Level: "Low"},
		},
		{
			name:   "3.1 high",
			vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
			levels: DefaultLevels(),
			want:   Result{Vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", Version: "3.1", Score: 8.1, Level: "High"},
		},
		{
			name:   "4.0 none",
			vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
			levels: DefaultLevels(),
			want:   Result{Vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", Version: "4.0", Score: 0.0, Level: "None"},
		},
		{
			name:   "4.0 exactly 7.0 is High",
			vector: "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
			levels: DefaultLevels(),
			want:   Result{Vector: "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", Version: "4.0", Score: 7.0, Level: "High"},
		},
		{
			name:   "4.0 custom levels",
			vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
			levels: custom,
			want:   Result{Vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", Version: "4.0", Score: 8.1, Level: "Urgent"},
		},
		{
			name:   "custom levels: a level at 0.0 takes a 0.0 score",
			vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N",
			levels: custom,
			want:   Result{Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", Version: "3.1", Score: 0.0, Level: "Normal"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Score(tt.vector, tt.levels)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Score(%q) (-want +got):\n%s", tt.vector, diff)
			}
		})
	}
}

func TestScoreErrors(t *testing.T) {
	if _, err := Score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Levels{{"High", 7}, {"Low", 9}}); err == nil ||
		!strings.Contains(err.Error(), "bounds must decrease strictly") {
		t.Errorf("Score with invalid levels: error %v, want the levels' error", err)
	}
	if _, err := Score("CVSS:3.1/AV:N", nil); err == nil || !strings.Contains(err.Error(), "none defined") {
		t.Errorf("Score with no levels: error %v, want the levels' error first", err)
	}
	if _, err := Score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X", DefaultLevels()); err == nil ||
		!strings.Contains(err.Error(), `metric A has invalid value "X"`) {
		t.Errorf("Score with invalid vector: error %v, want the vector's error", err)
	}
}

func TestResultJSON(t *testing.T) {
	tests := []struct {
		result Result
		want   string
	}{
		{
			result: Result{Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Version: "3.1", Score: 9.8, Level: "Critical"},
			want:   `{"vector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","version":"3.1","score":9.8,"level":"Critical"}`,
		},
		{
			result: Result{Vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", Version: "4.0", Score: 10, Level: "Critical"},
			want:   `{"vector":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H","version":"4.0","score":10.0,"level":"Critical"}`,
		},
		{
			result: Result{Vector: "v", Version: "3.1", Score: 9, Level: "Critical"},
			want:   `{"vector":"v","version":"3.1","score":9.0,"level":"Critical"}`,
		},
		{
			result: Result{Vector: "v", Version: "3.1", Score: 0, Level: "None"},
			want:   `{"vector":"v","version":"3.1","score":0.0,"level":"None"}`,
		},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.result)
		if err != nil {
			t.Fatalf("Marshal(%+v): %v", tt.result, err)
		}
		if string(b) != tt.want {
			t.Errorf("Marshal(%+v)\n got %s\nwant %s", tt.result, b, tt.want)
		}
		var back Result
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(tt.result, back); diff != "" {
			t.Errorf("JSON round trip (-want +got):\n%s", diff)
		}
	}

	// Inside another value, and as a pointer, the method still applies.
	b, err := json.Marshal(map[string]any{"r": &Result{Score: 7, Level: "High"}})
	if err != nil || !strings.Contains(string(b), `"score":7.0`) {
		t.Errorf("Marshal(map with *Result) = %s, %v; want score 7.0", b, err)
	}

	for _, bad := range []float64{-0.1, 10.1, math.NaN(), math.Inf(1)} {
		if b, err := json.Marshal(Result{Score: bad}); err == nil {
			t.Errorf("Marshal(score %v) = %s, want an error", bad, b)
		}
	}
}
