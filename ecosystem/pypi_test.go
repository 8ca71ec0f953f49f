package ecosystem

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustPyPI(t *testing.T) Ecosystem {
	t.Helper()
	e, err := Lookup("pypi")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name() != "PyPI" {
		t.Fatalf("Name() = %q", e.Name())
	}
	return e
}

func TestPyPIParse(t *testing.T) {
	e := mustPyPI(t)
	for _, tc := range []struct{ in, want string }{
		{"1.0.0", "1.0.0"},
		{"v13.0.0RC1", "13.0.0rc1"},
		{" 1.0-1 ", "1.0.post1"},
		{"1!2.0.dev", "1!2.0.dev0"},
		{"9.0.0.rc1", "9.0.0rc1"},
	} {
		v, err := e.Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if v.String() != tc.want {
			t.Errorf("Parse(%q) = %q, want %q", tc.in, v, tc.want)
		}
	}
}

func TestPyPIErrors(t *testing.T) {
	e := mustPyPI(t)
	_, err := e.Parse("1.0junk")
	var ee *Error
	if !errors.As(err, &ee) {
		t.Fatalf("Parse error %v (%T) is not *Error", err, err)
	}
	want := &Error{Ecosystem: "PyPI", Kind: "version", Input: "1.0junk", Reason: `unexpected 'j' at offset 3 of "1.0junk"`}
	if diff := cmp.Diff(want, ee); diff != "" {
		t.Errorf("Parse error mismatch (-want +got):\n%s", diff)
	}

	_, err = e.ParseRange(">=1.0, ~=1")
	if !errors.As(err, &ee) || ee.Kind != "range" || ee.Input != ">=1.0, ~=1" || ee.Ecosystem != "PyPI" {
		t.Fatalf("ParseRange error = %#v", err)
	}
	if got := err.Error(); got != `invalid PyPI range ">=1.0, ~=1": specifier "~=1": ~= needs at least two release numbers, as in ~=1.0` {
		t.Errorf("ParseRange error message = %s", got)
	}

	_, err = e.NormalizeName("foo bar")
	if !errors.As(err, &ee) || ee.Kind != "package name" {
		t.Fatalf("NormalizeName error = %#v", err)
	}
}

func TestPyPIRange(t *testing.T) {
	e := mustPyPI(t)
	parse := func(s string) Version {
		v, err := e.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	vs := []Version{parse("12.0.9"), parse("13.0.0rc1"), parse("13.0.0"), parse("13.1.2"), parse("14.0.0a1")}
	for _, tc := range []struct {
		rng        string
		pre        bool
		want       []int
		contains13 bool // 13.0.0rc1
	}{
		{">=13.0.0,<14", false, []int{2, 3}, false},
		{">=13.0.0,<14", true, []int{2, 3}, false},
		{">=13.0.0rc1,<14", false, []int{1, 2, 3}, true},
		{"<13.0.0", false, []int{0}, false},
		{"<13.0.0", true, []int{0}, false}, // <V never admits V's own pre-releases
		{"<=13.0.0", true, []int{0, 1, 2}, true},
		{"", false, []int{0, 2, 3}, false},
		{"  ", true, []int{0, 1, 2, 3, 4}, true},
		{">=13.5", false, nil, false}, // packaging 24.1: no fallback for a non-empty set
		{">=13.5", true, []int{4}, false},
	} {
		r, err := e.ParseRange(tc.rng)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Filter(vs, tc.pre); !cmp.Equal(got, tc.want) {
			t.Errorf("ParseRange(%q).Filter(pre=%t) = %v, want %v", tc.rng, tc.pre, got, tc.want)
		}
		if got := r.Contains(vs[1], tc.pre); got != tc.contains13 {
			t.Errorf("ParseRange(%q).Contains(13.0.0rc1, pre=%t) = %t", tc.rng, tc.pre, got)
		}
	}
	r, _ := e.ParseRange(" >=1.0 , <2 ")
	if r.String() != ">=1.0 , <2" {
		t.Errorf("String() = %q, want the trimmed input", r.String())
	}
	if got := e.Compare(parse("1.0"), parse("1.0.0")); got != 0 {
		t.Errorf("Compare(1.0, 1.0.0) = %d", got)
	}
	if got := e.Compare(parse("1.0.post1"), parse("1.1.dev0")); got != -1 {
		t.Errorf("Compare(1.0.post1, 1.1.dev0) = %d", got)
	}
}

func TestPyPIEmptyRangeFallback(t *testing.T) {
	e := mustPyPI(t)
	r, err := e.ParseRange("")
	if err != nil {
		t.Fatal(err)
	}
	a1, _ := e.Parse("1.0a1")
	b1, _ := e.Parse("1.0b1")
	if got := r.Filter([]Version{a1, b1}, false); !cmp.Equal(got, []int{0, 1}) {
		t.Errorf("empty range Filter of pre-releases only = %v, want both (packaging's fallback)", got)
	}
	if r.Contains(a1, false) {
		t.Error("empty range Contains(1.0a1, false) = true, want false")
	}
}

func TestPyPINormalizeName(t *testing.T) {
	e := mustPyPI(t)
	for _, tc := range []struct{ in, want string }{
		{"invenio-app-rdm", "invenio-app-rdm"},
		{"Invenio_App.RDM", "invenio-app-rdm"},
		{"invenio__app--.rdm", "invenio-app-rdm"},
		{"A", "a"},
		{"0", "0"},
		{"zope.interface", "zope-interface"},
		{"Flask-Security-Invenio", "flask-security-invenio"},
	} {
		got, err := e.NormalizeName(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("NormalizeName(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "-foo", "foo-", "foo.", "_foo", "foo bar", " foo", "foo\n", "foö", "foo/bar", "foo@1", "fo\u017fo", "\u212aafka"} {
		if got, err := e.NormalizeName(bad); err == nil {
			t.Errorf("NormalizeName(%q) = %q, want error", bad, got)
		}
	}
}

func TestPyPISeriesAndNextPatch(t *testing.T) {
	e := mustPyPI(t)
	for _, tc := range []struct{ in, series, next string }{
		{"13.1.2", "13", "13.1.3"},
		{"13.1.2.post1", "13", "13.1.3"},
		{"13.0.0rc1", "13", "13.0.0"},
		{"13.0.0.dev3", "13", "13.0.0"},
		{"13.0.0a1.dev3", "13", "13.0.0"},
		{"13.0.0.post1.dev1", "13", "13.0.1"}, // a dev release of a post release sorts after 13.0.0
		{"13.1.2+local", "13", "13.1.3"},
		{"2.0", "2", "2.1"},
		{"7", "7", "8"},
		{"0.39.9", "0", "0.39.10"},
		{"1!2.0", "1!2", "1!2.1"},
		{"1!2.0rc1", "1!2", "1!2.0"},
		{"0!5.1", "5", "5.2"},
		{"013.01.09", "13", "13.1.10"},
		{"2023.12.99999999999999999999", "2023", "2023.12.100000000000000000000"},
	} {
		v, err := e.Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Series(v); got != tc.series {
			t.Errorf("Series(%s) = %q, want %q", tc.in, got, tc.series)
		}
		next := e.NextPatch(v)
		if got := next.String(); got != tc.next {
			t.Errorf("NextPatch(%s) = %q, want %q", tc.in, got, tc.next)
		}
		if e.Compare(next, v) <= 0 {
			t.Errorf("NextPatch(%s) = %s does not sort after it", tc.in, next)
		}
	}
}

func TestPyPIForeignVersionPanics(t *testing.T) {
	e := mustPyPI(t)
	v, _ := e.Parse("1.0")
	defer func() {
		if recover() == nil {
			t.Error("Compare with a foreign version did not panic")
		}
	}()
	e.Compare(v, foreignVersion{})
}

type foreignVersion struct{}

func (foreignVersion) String() string   { return "1.0.0" }
func (foreignVersion) Prerelease() bool { return false }

func TestPyPIMinorSeries(t *testing.T) {
	e, err := Lookup("PyPI")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"13.1.2": "13.1", "13": "13.0", "13.0.0rc1": "13.0", "1!2.0.5": "1!2.0", "0!4.17.post1": "4.17",
	} {
		v, err := e.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.MinorSeries(v); got != want {
			t.Errorf("MinorSeries(%s) = %q, want %q", in, got, want)
		}
	}
}
