package policy

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2025-06-12", Date{2025, time.June, 12}, true},
		{"2024-02-29", Date{2024, time.February, 29}, true},
		{"0001-01-01", Date{1, time.January, 1}, true},
		{"2025-02-29", Date{}, false},
		{"2025-13-01", Date{}, false},
		{"2025-6-12", Date{}, false},
		{"2025/06/12", Date{}, false},
		{"2025-06-12T00:00:00Z", Date{}, false},
		{" 2025-06-12", Date{}, false},
		{"20250612", Date{}, false},
		{"", Date{}, false},
	} {
		got, err := ParseDate(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestDateOrderAndText(t *testing.T) {
	a, b := Date{2025, time.December, 31}, Date{2026, time.January, 1}
	if !a.Before(b) || b.Before(a) || !b.After(a) || a.Compare(a) != 0 {
		t.Errorf("order of %s and %s is wrong", a, b)
	}
	if got := DateOf(time.Date(2026, 1, 24, 23, 59, 0, 0, time.UTC)); got != (Date{2026, time.January, 24}) {
		t.Errorf("DateOf = %s", got)
	}
	if got := b.Time(); !got.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time = %s", got)
	}
	data, err := json.Marshal(struct{ D Date }{b})
	if err != nil || string(data) != `{"D":"2026-01-01"}` {
		t.Errorf("Marshal = %s, %v", data, err)
	}
	var back struct{ D Date }
	if err := json.Unmarshal(data, &back); err != nil || back.D != b {
		t.Errorf("Unmarshal = %v, %v", back.D, err)
	}
}
