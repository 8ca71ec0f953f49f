package osv_test

import (
	"testing"
	"time"

	"github.com/patchline/patchline/osv"
)

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestTimeText(t *testing.T) {
	for _, tc := range []struct {
		in      string
		written string // String()
		osvForm bool
		valid   bool
	}{
		{"2026-03-04T10:00:00Z", "2026-03-04T10:00:00Z", true, true},
		{"2021-07-15T02:22:07.778598Z", "2021-07-15T02:22:07.778598Z", true, true},
		{"2021-07-15T02:22:07.100Z", "2021-07-15T02:22:07.100Z", true, true}, // digits kept, zeros too
		{"2021-01-01T00:00:00+00:00", "2021-01-01T00:00:00Z", false, true},
		{"2021-01-01T02:00:00+02:00", "2021-01-01T00:00:00Z", false, true},
		{"2021-01-01T00:00:00.5-01:00", "2021-01-01T01:00:00.5Z", false, true},
		{"2021-01-01", "2021-01-01", false, false},
		{"yesterday", "yesterday", false, false},
	} {
		r, err := osv.Parse("r.json", []byte(`{"id":"x_A-1","modified":"`+tc.in+`"}`))
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		m := r.Modified
		if m.String() != tc.written || m.OSVForm() != tc.osvForm || m.Valid() != tc.valid || m.Text() != tc.in {
			t.Errorf("%s: String %q OSVForm %v Valid %v Text %q; want %q %v %v", tc.in, m.String(), m.OSVForm(), m.Valid(), m.Text(), tc.written, tc.osvForm, tc.valid)
		}
	}
}

func TestNewTimeSecondPrecision(t *testing.T) {
	tm := osv.NewTime(mustTime(t, "2026-03-04T11:00:00.987654321+01:00"))
	if got, want := tm.String(), "2026-03-04T10:00:00Z"; got != want {
		t.Errorf("NewTime: %q, want %q", got, want)
	}
	if !tm.OSVForm() || tm.IsZero() {
		t.Errorf("NewTime: OSVForm %v IsZero %v", tm.OSVForm(), tm.IsZero())
	}
	var zero osv.Time
	if !zero.IsZero() || zero.String() != "" || !zero.Valid() {
		t.Errorf("zero Time: IsZero %v String %q Valid %v", zero.IsZero(), zero.String(), zero.Valid())
	}
	if !tm.Equal(osv.NewTime(mustTime(t, "2026-03-04T10:00:00Z"))) {
		t.Error("Equal: same instant reported different")
	}
}

func TestPublicAtAndEmbargoed(t *testing.T) {
	now := mustTime(t, "2026-06-01T00:00:00Z")
	for _, tc := range []struct {
		published       string
		public, embargo bool
	}{
		{"", false, false},
		{"2026-05-31T23:59:59Z", true, false},
		{"2026-06-01T00:00:00Z", true, false},
		{"2026-06-01T00:00:01Z", false, true},
		{"not a time", false, false},
	} {
		r := &osv.Record{}
		if tc.published != "" {
			var err error
			r, err = osv.Parse("r.json", []byte(`{"id":"x_A-1","published":"`+tc.published+`"}`))
			if err != nil {
				t.Fatal(err)
			}
		}
		if r.PublicAt(now) != tc.public || r.Embargoed(now) != tc.embargo {
			t.Errorf("published %q: PublicAt %v Embargoed %v, want %v %v", tc.published, r.PublicAt(now), r.Embargoed(now), tc.public, tc.embargo)
		}
	}
}
