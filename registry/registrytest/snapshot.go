package registrytest

import "testing"

// The placeholder hosts of the committed snapshot (testdata/registry).
const (
	SnapshotPyPIHost = "pypi.example.test"
	SnapshotNPMHost  = "registry.example.test"
)

// ServeSnapshot serves the snapshot in dir (the layout of package
// httpcache, with the placeholder hosts above): PyPI at /simple/ and
// /packages/, npm below /npm/. The server closes when the test ends.
func ServeSnapshot(t testing.TB, dir string) *Server {
	t.Helper()
	s := New()
	t.Cleanup(s.Close)
	if err := s.LoadSnapshot(dir, SnapshotPyPIHost, "/"); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadSnapshot(dir, SnapshotNPMHost, "/npm/"); err != nil {
		t.Fatal(err)
	}
	return s
}
