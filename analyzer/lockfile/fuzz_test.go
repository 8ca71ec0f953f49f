package lockfile

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/ecosystem"
)

// checkFile holds the invariants of any successful parse: every pin valid
// in its ecosystem and stated on an existing line, pins sorted and merged,
// and the same result when parsed again.
func checkFile(t *testing.T, name string, data []byte, f *File, err error, again func() (*File, error)) {
	t.Helper()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %T %v, want *Error", err, err)
		}
		if e.Line < 0 || e.Line > strings.Count(string(data), "\n")+1 {
			t.Fatalf("error line %d outside the input: %v", e.Line, err)
		}
		return
	}
	lines := strings.Count(string(data), "\n") + 1
	for i, p := range f.Pins {
		eco, err := ecosystem.Lookup(p.Package.Ecosystem)
		if err != nil {
			t.Fatalf("pin %v: %v", p, err)
		}
		v, err := eco.Parse(p.Version)
		if err != nil {
			t.Fatalf("pin %v has an invalid version: %v", p, err)
		}
		if p.Source == name && (p.Line < 1 || p.Line > lines) {
			t.Fatalf("pin %v: line outside the input (%d lines)", p, lines)
		}
		if i > 0 {
			q := f.Pins[i-1]
			if q.Package == p.Package {
				w, _ := eco.Parse(q.Version)
				if eco.Compare(w, v) >= 0 {
					t.Fatalf("pins %v and %v not sorted or not merged", q, p)
				}
			} else if q.Package.Name > p.Package.Name {
				t.Fatalf("pins %v and %v not sorted by name", q, p)
			}
		}
	}
	g, err := again()
	if err != nil {
		t.Fatalf("second parse failed: %v", err)
	}
	if diff := cmp.Diff(f, g); diff != "" {
		t.Fatalf("second parse differs:\n%s", diff)
	}
}

func addFixtures(f *testing.F, paths ...string) {
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
}

func FuzzRequirements(f *testing.F) {
	addFixtures(f, "testdata/requirements/requirements.txt", "testdata/requirements/constraints.txt", "testdata/requirements/requirements-dev.txt")
	for _, s := range []string{
		"flask==3.0.3 \\\n  --hash=sha256:aa\n",
		"a[b]==1 ; python_version<'3'\n-e .\n",
		"x @ https://pypi.example.test/x.whl\n",
		"--index-url 'a b'\n\\\n\\\n",
		"-rother.txt\n-c constraints.txt\n",
		"uwsgi===2.0.28\nflask (==3.0.3)\n",
		"# c \\\nflask==3.0.3#x\n",
	} {
		f.Add(s)
	}
	// Includes name files that do not exist, so the target stays off the
	// file system; a requirements file includes itself to check cycles.
	readFile := memFS(map[string]string{"self-requirements.txt": "-r requirements.txt\nclick==8.1.7\n"})
	f.Fuzz(func(t *testing.T, s string) {
		data := []byte(s)
		file, err := parse("requirements.txt", data, readFile)
		checkFile(t, "requirements.txt", data, file, err, func() (*File, error) { return parse("requirements.txt", data, readFile) })
	})
}

func FuzzYarnV1(f *testing.F) {
	addFixtures(f, "testdata/yarn-v1/yarn.lock")
	for _, s := range []string{
		"a@^1:\n  version \"1.0.0\"\n",
		"\"@s/a@^1\", \"@s/a@~1.2\":\n  version \"1.2.3\"\n  dependencies:\n    b \"^2\"\n",
		"a@npm:b@^1:\n  version \"1.0.0\"\n",
		"\"a@\\u0031\":\n  version: \"1.0.0\"\n",
		"a@1:\n  version \"1.0.0\"\n\n\n# c\nb@2:\n  version 2.0.0\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		data := []byte(s)
		file, err := parseYarnV1("yarn.lock", data)
		checkFile(t, "yarn.lock", data, file, err, func() (*File, error) { return parseYarnV1("yarn.lock", data) })
	})
}
