package cvss40

import (
	"math"
	"testing"
)

// TestRoundup pins the one change from upstream: values within 1e-6 below
// a .x5 boundary round up, as in FIRST's reference calculator; others
// round half up as before.
func TestRoundup(t *testing.T) {
	tests := []struct {
		x, want float64
	}{
		{0, 0},
		{10, 10},
		{8.55, 8.6},
		{math.Nextafter(8.55, 0), 8.6}, // upstream: 8.5
		{8.55 - 5e-7, 8.6},             // upstream: 8.5
		{8.55 - 2e-6, 8.5},             // beyond the reference calculator's epsilon
		{8.5499, 8.5},
		{8.56, 8.6},
		{0.05 - 1e-9, 0.1}, // upstream: 0.0
		{9.95 - 1e-9, 10},  // upstream: 9.9
		{8.64, 8.6},
	}
	for _, tt := range tests {
		if got := roundup(tt.x); got != tt.want {
			t.Errorf("roundup(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

// TestScore checks the copied parser and scorer end to end on FIRST's
// examples and on a vector the upstream rounding scores 8.5.
func TestScore(t *testing.T) {
	tests := []struct {
		vector string
		want   float64
	}{
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H", 8.6},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 8.1},
	}
	for _, tt := range tests {
		v, err := ParseVector(tt.vector)
		if err != nil {
			t.Fatalf("ParseVector(%q): %v", tt.vector, err)
		}
		if got := v.Score(); got != tt.want {
			t.Errorf("Score(%q) = %v, want %v", tt.vector, got, tt.want)
		}
		if got := v.Vector(); got != tt.vector {
			t.Errorf("Vector() = %q, want %q", got, tt.vector)
		}
	}
}
