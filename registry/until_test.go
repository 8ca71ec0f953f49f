package registry

import (
	"context"
	"testing"
	"time"
)

// TestUntil reads the snapshot as it stood on 2024-06-30: invenio-app-rdm
// had released 11.0.6 (2024-06-10) and 9.1.7 (2024-06-11), but not 12.0.0
// (2024-08-01), and the requirements of what is left still read.
func TestUntil(t *testing.T) {
	until := time.Date(2024, 6, 30, 23, 59, 59, 0, time.UTC)
	c := open(t, nil, Options{Offline: true, CacheDir: snapshot, PyPIIndex: snapshotPyPI, NPMRegistry: snapshotNPM, Until: until})
	all := open(t, nil, Options{Offline: true, CacheDir: snapshot, PyPIIndex: snapshotPyPI, NPMRegistry: snapshotNPM})
	ctx := context.Background()
	p := Package{Ecosystem: "PyPI", Name: "invenio-app-rdm"}
	h, err := c.History(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	full, err := all.History(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Releases) == 0 || len(h.Releases) >= len(full.Releases) {
		t.Fatalf("%d releases until %s, %d in all: want fewer, but some", len(h.Releases), until, len(full.Releases))
	}
	for _, r := range h.Releases {
		if r.Uploaded.After(until) {
			t.Errorf("%s uploaded %s, after %s", r.Version, r.Uploaded, until)
		}
	}
	for _, v := range []string{"11.0.6", "9.1.7"} {
		if _, err := h.Release(v); err != nil {
			t.Errorf("%s: %v", v, err)
		}
	}
	if _, err := h.Release("12.0.0"); err == nil {
		t.Error("12.0.0 (uploaded 2024-08-01) is in the history until 2024-06-30")
	}
	checkSorted(t, h)
	newest := h.Releases[len(h.Releases)-1]
	reqs, err := c.Requirements(ctx, h, []string{newest.Version})
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requirements of %s: %v", newest.Version, err)
	}
}
