package lockfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var ynodeCmp = []cmp.Option{cmp.AllowUnexported(ynode{}, ymap{}), cmpopts.IgnoreFields(ymap{}, "index"), cmpopts.EquateEmpty()}

// sameAsGeneral fails when the fast reader accepts data and reads it
// differently from the general parser.
func sameAsGeneral(t *testing.T, data []byte) (fast bool) {
	t.Helper()
	docs, ok := fastYAML(data)
	if !ok {
		return false
	}
	want, err := parseYAMLGeneral("pnpm-lock.yaml", PnpmLock, data)
	if err != nil && questionInFlow(data) {
		// The parser refuses a "?" inside a plain scalar of a flow
		// collection ("{tarball: https://x/y?z=1}"), which YAML allows
		// (only a leading "?" is an indicator) and js-yaml, which pnpm
		// writes with, leaves unquoted; the fast reader takes it.
		return true
	}
	if err != nil {
		t.Fatalf("the fast reader accepts what the parser rejects (%v):\n%q", err, data)
	}
	if len(want) == len(docs) && sameNodes(want, docs) {
		return true
	}
	if diff := cmp.Diff(want, docs, ynodeCmp...); diff != "" {
		t.Fatalf("the fast reader reads differently (-parser +fast):\n%s\ninput:\n%q", diff, data)
	}
	return true
}

// questionInFlow reports whether a "?" follows a "{" or "[" on a line.
func questionInFlow(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		if i := strings.IndexAny(line, "{["); i >= 0 && strings.Contains(line[i:], "?") {
			return true
		}
	}
	return false
}

// sameNodes is cmp.Equal for trees of ynode, without reflection, since
// the real lockfiles hold millions of nodes.
func sameNodes(a, b []*ynode) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.kind != y.kind || x.line != y.line || x.str != y.str || len(x.keys()) != len(y.keys()) || !sameNodes(x.vals, y.vals) {
			return false
		}
		for j := range x.keys() {
			if x.m.keys[j] != y.m.keys[j] || x.m.keyLines[j] != y.m.keyLines[j] {
				return false
			}
		}
	}
	return true
}

// yamlFixtures are the YAML lockfiles under testdata.
func yamlFixtures(tb testing.TB) []string {
	pnpm, _ := filepath.Glob("testdata/*/pnpm-lock.yaml")
	berry := []string{"testdata/yarn-berry/yarn.lock", "testdata/yarn-berry-prettier/yarn.lock", "testdata/yarn-berry-jest/yarn.lock"}
	return append(pnpm, berry...)
}

// TestFastYAML: the lockfiles pnpm and Yarn wrote take the fast path, and
// it reads them exactly as the YAML parser does.
func TestFastYAML(t *testing.T) {
	for _, name := range yamlFixtures(t) {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !sameAsGeneral(t, stripBOM(data)) {
			t.Errorf("%s: not read by the fast path", name)
		}
	}
	for _, s := range []string{
		"a: 1\n  b: 2\n",               // a continuation line
		"a:\n- 1\n",                    // block sequence
		"a: &x 1\nb: *x\n",             // anchors
		"a: {b: {c: 1}}\n",             // nested flow
		"a: \"\\x41\"\n",               // a YAML-only escape
		"a: b # c\n'd''e': [f, 'g']\n", // accepted
		"a: null\nb: ~\nc:\n",          // nulls
		"a: 1\r\n",                     // CRLF
		"---\na: 1\n---\nb: 2\n",       // documents
		"a: {b: 1, }\n",                // trailing comma
	} {
		sameAsGeneral(t, []byte(s))
	}
}

// A "?" inside a flow value, as in a tarball URL with a query, is part of
// the plain scalar (YAML 1.2, 7.3.3): the fast reader reads it so, where
// the general parser refuses the file.
func TestFastYAMLQuestionMarkInFlow(t *testing.T) {
	data := []byte("packages:\n  /foo/1.0.0:\n    resolution: {integrity: sha512-x, tarball: https://registry.example.test/foo/-/foo-1.0.0.tgz?token=1}\n")
	docs, ok := fastYAML(data)
	if !ok {
		t.Fatal("not read by the fast path")
	}
	res := docs[0].get("packages").get("/foo/1.0.0").get("resolution")
	if got := res.get("tarball"); got == nil || got.str != "https://registry.example.test/foo/-/foo-1.0.0.tgz?token=1" {
		t.Errorf("tarball = %+v", got)
	}
}

// FuzzFastYAML holds the fast reader to the YAML parser: whatever it
// accepts, the parser accepts and reads the same.
func FuzzFastYAML(f *testing.F) {
	for _, s := range []string{
		"lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      react:\n        specifier: ^18.2.0\n        version: 18.2.0\n",
		"packages:\n  /foo/1.0.0:\n    resolution: {integrity: sha512-x, tarball: 'https://registry.example.test/foo/-/foo-1.0.0.tgz'}\n    cpu: [arm64, x64]\n",
		"__metadata:\n  version: 8\n\n\"a@npm:^1.0.0, a@npm:^1.2.0\":\n  version: 1.2.3\n  resolution: \"a@npm:1.2.3\"\n",
		"a: 'x''y'\nb: \"\\u00e9\"\nc: [\"d\", e]\n",
		"0: {0 : 0}\na: {b: c #d}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameAsGeneral(t, []byte(s))
	})
}

// FuzzPnpm checks the invariants of any parse of a pnpm-lock.yaml (see
// checkFile): never a panic, an *Error with a line inside the input, or
// valid, sorted pins.
func FuzzPnpm(f *testing.F) {
	addFixtures(f, "testdata/pnpm-v5/pnpm-lock.yaml", "testdata/pnpm-v6/pnpm-lock.yaml", "testdata/pnpm-v9/pnpm-lock.yaml", "testdata/pnpm-v5-exotic/pnpm-lock.yaml", "testdata/pnpm-v5-git/pnpm-lock.yaml")
	for _, s := range []string{
		"---\nlockfileVersion: '9.0'\npackages:\n  pnpm@9.0.0:\n    resolution: {integrity: x}\n---\nlockfileVersion: '9.0'\n",
		"lockfileVersion: '9.0'\npackages: [[[[[[]]]]]]\n",
		"lockfileVersion: '9.0'\npackages:\n  react: {}\n",
		"lockfileVersion: 5.4\npackages:\n  registry.example.test/@a/b/1.0.0_c@2.0.0: {}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		data := []byte(s)
		file, err := parsePnpm("pnpm-lock.yaml", data)
		checkFile(t, "pnpm-lock.yaml", data, file, err, func() (*File, error) { return parsePnpm("pnpm-lock.yaml", data) })
	})
}
