package pep440

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCanonical(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1.0", "1.0"},
		{"1.0.0", "1.0.0"},
		{"v1.0", "1.0"},
		{"V1.0", "1.0"},
		{"  1.0\n", "1.0"},
		{"\u30001.0\u00a0", "1.0"}, // Python's whitespace includes these
		{"1.0ALPHA1", "1.0a1"},
		{"1.0-beta.2", "1.0b2"},
		{"1.0c1", "1.0rc1"},
		{"1.0pre1", "1.0rc1"},
		{"1.0-preview_3", "1.0rc3"},
		{"1.0RC", "1.0rc0"},
		{"1.0-1", "1.0.post1"},
		{"1.0-r", "1.0.post0"},
		{"1.0rev2", "1.0.post2"},
		{"1.0_POST_3", "1.0.post3"},
		{"1.0dev", "1.0.dev0"},
		{"1.0-dev-4", "1.0.dev4"},
		{"1.0a-1", "1.0a1"}, // the separator goes to the pre-release number, as in packaging's regex
		{"1.0a--1", "1.0a0.post1"},
		{"1.0+Ubuntu-1_2", "1.0+ubuntu.1.2"},
		{"1.0+001.abc", "1.0+1.abc"},
		{"1!1.0", "1!1.0"},
		{"0!1.0", "1.0"},
		{"001!01.002", "1!1.2"},
		{"20231231235959", "20231231235959"},
		{"1.99999999999999999999999", "1.99999999999999999999999"},
		{"1.0prev\u0131ew1", "1.0prev\u0131ew1"}, // Python's case folding lets ı match "i"
		{"1.0.po\u017ft1", "1.0.post1"},
		{"1.0+\u0130\u212a", "1.0+i\u0307k"},
	} {
		v, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := v.String(); got != tc.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tc.in, got, tc.want)
		}
		if v.Original() != tc.in {
			t.Errorf("Parse(%q).Original() = %q", tc.in, v.Original())
		}
		if strings.ContainsRune(v.String(), combiningDot) {
			// Lower-casing U+0130 leaves U+0307, which the grammar does not
			// accept: like packaging's, such a canonical form does not parse.
			continue
		}
		again, err := Parse(v.String())
		if err != nil || again.String() != v.String() {
			t.Errorf("Parse(%q) does not round-trip: %q, %v", v, again, err)
		}
	}
}

func TestParseInvalid(t *testing.T) {
	for _, tc := range []struct{ in, reason string }{
		{"", "empty version"},
		{"   ", "empty version"},
		{"1.0junk", `unexpected 'j' at offset 3 of "1.0junk"`},
		{"1.", `unexpected '.' at offset 1 of "1."`},
		{"1.0+", "unexpected end of version"},
		{"1.0+a..b", `unexpected '.' at offset 6 of "1.0+a..b"`},
		{"1.0.*", `unexpected '.' at offset 3 of "1.0.*"`},
		{"1.0a1a2", `unexpected 'a' at offset 5 of "1.0a1a2"`},
		{"1.0.dev1.post1", `unexpected '.' at offset 8 of "1.0.dev1.post1"`},
		{"v", "unexpected end of version"},
		{"1!v2", `unexpected 'v' at offset 2 of "1!v2"`},
		{"\u0661.0", `unexpected '١' at offset 0 of "١.0"`},
		{"1.0 a1", `unexpected ' ' at offset 3 of "1.0 a1"`},
		{"1.0\x00", `unexpected '\x00' at offset 3 of "1.0\x00"`},
		{"1.0\xff", `unexpected '�' at offset 3 of "1.0\xff"`},
	} {
		v, err := Parse(tc.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %q, %v; want *ParseError", tc.in, v, err)
			continue
		}
		want := &ParseError{Kind: "version", Input: tc.in, Reason: tc.reason}
		if diff := cmp.Diff(want, pe); diff != "" {
			t.Errorf("Parse(%q) error mismatch (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestVersionAccessors(t *testing.T) {
	v := MustParse("v01!2.0.30RC4.post5.dev6+Local.07")
	type got struct {
		String, Public, Base, Epoch, Pre, Post, Dev, Local string
		Release                                            []string
		Prerelease, PostRelease, DevRelease                bool
	}
	letter, n := v.Pre()
	var rel []string
	for _, r := range v.Release() {
		rel = append(rel, r.String())
	}
	want := got{
		String: "1!2.0.30rc4.post5.dev6+local.7", Public: "1!2.0.30rc4.post5.dev6", Base: "1!2.0.30",
		Epoch: "1", Pre: "rc4", Post: "5", Dev: "6", Local: "local.7",
		Release: []string{"2", "0", "30"}, Prerelease: true, PostRelease: true, DevRelease: true,
	}
	have := got{
		String: v.String(), Public: v.Public().String(), Base: v.BaseVersion().String(),
		Epoch: v.Epoch().String(), Pre: letter + n.String(), Post: v.Post().String(), Dev: v.Dev().String(),
		Local: v.Local(), Release: rel, Prerelease: v.IsPrerelease(), PostRelease: v.IsPostRelease(), DevRelease: v.IsDevRelease(),
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("accessors mismatch (-want +got):\n%s", diff)
	}

	plain := MustParse("1.0")
	if l, n := plain.Pre(); l != "" || n != nil || plain.Post() != nil || plain.Dev() != nil || plain.Local() != "" {
		t.Errorf("1.0 has optional parts: %q %v %v %v %q", l, n, plain.Post(), plain.Dev(), plain.Local())
	}
	if plain.IsPrerelease() || plain.IsPostRelease() || plain.IsDevRelease() {
		t.Error("1.0 reports pre/post/dev")
	}
	// Release returns fresh values: changing them does not change v.
	plain.Release()[0].SetInt64(7)
	if plain.String() != "1.0" || plain.Release()[0].Int64() != 1 {
		t.Error("Release() aliases the version")
	}
}

func TestCompareOrder(t *testing.T) {
	// Strictly increasing, as packaging sorts them.
	order := []string{
		"1.0.dev0", "1.0a1.dev0", "1.0a1", "1.0a1.post1.dev0", "1.0a1.post1", "1.0a2", "1.0b1",
		"1.0rc1", "1.0", "1.0+abc", "1.0+abc.1", "1.0+1", "1.0+1.abc", "1.0+2", "1.0.post1.dev0",
		"1.0.post1", "1.0.post1+local", "1.0.post2", "1.0.1.dev0", "1.0.1", "1.1", "1.10", "2.0",
		"20231231235959", "99999999999999999999", "1!0.1",
	}
	for i := range order {
		for j := range order {
			a, b := MustParse(order[i]), MustParse(order[j])
			if got, want := Compare(a, b), cmpInt(i, j); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
	for _, eq := range [][2]string{{"1.0", "1.0.0"}, {"1", "1.0.0.0"}, {"1.0+ABC", "1.0+abc"}, {"1.0+1", "1.0+01"}, {"0!1.0", "1.0"}, {"1.0c1", "1.0rc1"}} {
		if !MustParse(eq[0]).Equal(MustParse(eq[1])) {
			t.Errorf("%s != %s", eq[0], eq[1])
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		r := recover()
		if err, ok := r.(error); !ok || !strings.Contains(err.Error(), `invalid PEP 440 version "x"`) {
			t.Errorf("MustParse panic = %v", r)
		}
	}()
	MustParse("x")
}

func TestHugeNumbers(t *testing.T) {
	// Python refuses to convert integers of more than 4300 digits; PEP 440
	// sets no limit, and neither does this package.
	long := strings.Repeat("7", 5000)
	v, err := Parse("1." + long)
	if err != nil {
		t.Fatal(err)
	}
	w := MustParse("1." + long[1:] + "8")
	if Compare(v, w) != -1 || v.Release()[1].String() != long {
		t.Error("huge release segment mishandled")
	}
}
