package match

import (
	"cmp"
	"testing"
)

func TestCompareSemver(t *testing.T) {
	// semver.org, section 11.
	order := []string{"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
		"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1+build.5", "2.0.0", "2.1.0", "2.1.1", "10.0.0", "99999999999999999999.0.0"}
	for i := range order {
		for j := range order {
			a, err := parseSemver(order[i])
			if err != nil {
				t.Fatal(err)
			}
			b, _ := parseSemver(order[j])
			if got, want := compareSemver(a, b), cmp.Compare(i, j); got != want {
				t.Errorf("compare(%s, %s) = %d, want %d", order[i], order[j], got, want)
			}
		}
	}
	for _, bad := range []string{"v1.0.0", "1.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", " 1.0.0"} {
		if _, err := parseSemver(bad); err == nil {
			t.Errorf("parseSemver(%q) accepted", bad)
		}
	}
}
