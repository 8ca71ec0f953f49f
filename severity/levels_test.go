package severity

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultLevels(t *testing.T) {
	levels := DefaultLevels()
	if err := levels.Validate(); err != nil {
		t.Fatalf("DefaultLevels().Validate() = %v", err)
	}
	tests := []struct {
		score float64
		want  string
	}{
		{10.0, "Critical"},
		{9.0, "Critical"},
		{math.Nextafter(9.0, 0), "High"},
		{8.99, "High"},
		{8.9, "High"},
		{7.0, "High"},
		{6.9, "Moderate"},
		{4.0, "Moderate"},
		{3.9, "Low"},
		{0.1, "Low"},
		{0.0, "None"},
		{math.NaN(), "None"},
	}
	for _, tt := range tests {
		if got := levels.Level(tt.score); got != tt.want {
			t.Errorf("Level(%v) = %q, want %q", tt.score, got, tt.want)
		}
	}
}

// TestDefaultLevelsAreThePolicyDefault checks DefaultLevels against the
// severity section of the design's default policy, decoded as a map.
func TestDefaultLevelsAreThePolicyDefault(t *testing.T) {
	got, err := NewLevels(map[string]float64{"Critical": 9.0, "High": 7.0, "Moderate": 4.0, "Low": 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultLevels(), got); diff != "" {
		t.Errorf("NewLevels(default map) differs from DefaultLevels() (-want +got):\n%s", diff)
	}
}

func TestNewLevelsCustom(t *testing.T) {
	levels, err := NewLevels(map[string]float64{"P3": 0.0, "P1": 8.0, "P2": 5.5})
	if err != nil {
		t.Fatal(err)
	}
	want := Levels{{"P1", 8.0}, {"P2", 5.5}, {"P3", 0.0}}
	if diff := cmp.Diff(want, levels); diff != "" {
		t.Errorf("NewLevels sorted (-want +got):\n%s", diff)
	}
	for score, want := range map[float64]string{10: "P1", 8.0: "P1", 7.9: "P2", 5.5: "P2", 5.4: "P3", 0.0: "P3"} {
		if got := levels.Level(score); got != want {
			t.Errorf("Level(%v) = %q, want %q", score, got, want)
		}
	}

	// A level at 0.0 named "None" means what NoneLevel means, and is allowed.
	if _, err := NewLevels(map[string]float64{"Bad": 7, "None": 0}); err != nil {
		t.Errorf(`NewLevels with "None": 0.0: %v`, err)
	}
}

func TestLevelsValidateErrors(t *testing.T) {
	tests := []struct {
		name   string
		levels Levels
		want   []string // substrings of the error, one per problem
	}{
		{name: "nil", levels: nil, want: []string{"none defined"}},
		{name: "empty name", levels: Levels{{"High", 7}, {" ", 4}}, want: []string{"severity level 2: empty name"}},
		{name: "duplicate name", levels: Levels{{"High", 7}, {"high", 4}}, want: []string{`"high": defined more than once`}},
		{name: "above 10", levels: Levels{{"Off the scale", 10.5}}, want: []string{"bound 10.5 is outside 0.0–10.0"}},
		{name: "negative", levels: Levels{{"High", 7}, {"Low", -1}}, want: []string{"bound -1 is outside"}},
		{name: "NaN", levels: Levels{{"High", math.NaN()}}, want: []string{"bound NaN is outside"}},
		{name: "not sorted", levels: Levels{{"Low", 0.1}, {"High", 7}}, want: []string{`"High": bound 7.0 is not below the bound 0.1 of "Low"`}},
		{name: "equal bounds", levels: Levels{{"High", 7}, {"Serious", 7}}, want: []string{`"Serious": bound 7.0 is not below`}},
		{name: "None reserved", levels: Levels{{"High", 7}, {"None", 1}}, want: []string{`"None": the name is reserved`}},
		{
			name:   "every problem reported",
			levels: Levels{{"High", 7}, {"High", 8}, {"", 11}},
			want:   []string{"defined more than once", "bound 8.0 is not below", "empty name", "bound 11 is outside"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.levels.Validate()
			if err == nil {
				t.Fatalf("Validate(%v) = nil, want an error", tt.levels)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestNewLevelsErrors(t *testing.T) {
	tests := []struct {
		name   string
		bounds map[string]float64
		want   string
	}{
		{name: "empty", bounds: map[string]float64{}, want: "none defined"},
		// Names order equal bounds, so the message does not depend on map order.
		{name: "equal bounds", bounds: map[string]float64{"Serious": 7, "High": 7, "Low": 0.1}, want: `severity level "Serious": bound 7.0 is not below the bound 7.0 of "High"`},
		{name: "out of range", bounds: map[string]float64{"High": 70}, want: "outside 0.0–10.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 10 { // map order varies between runs
				levels, err := NewLevels(tt.bounds)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("NewLevels(%v) = %v, %v; want error containing %q", tt.bounds, levels, err, tt.want)
				}
			}
		})
	}
}
