package pep440

import (
	"math/big"
	"strings"
)

// Version is a parsed PEP 440 version. It is immutable and safe for
// concurrent use. The zero Version is not a valid version; obtain values
// from Parse.
type Version struct {
	original string // the input as given to Parse
	canon    string // canonical form, str(Version) in packaging

	epoch   string   // normalised digits, "0" when absent
	release []string // normalised digits, as many segments as written
	relLen  int      // segments left after dropping trailing zeros (the ordering key)

	pre  label // letter "a", "b", "rc" (or an unusual spelling, see parseLetter)
	post label // letter "post"
	dev  label // letter "dev"

	local []localPart

	baseLen   int // len(canon) up to the end of the release segment
	publicLen int // len(canon) without the local label
}

// label is a pre-, post- or dev-release segment: a letter and a number.
// An empty letter means the segment is absent.
type label struct {
	letter string
	num    string
}

func (l label) present() bool { return l.letter != "" }

// localPart is one dot-separated part of a local version label: a number
// (compared numerically, above any string) or a lower-cased string.
type localPart struct {
	s       string
	numeric bool
}

// String returns the canonical (normalised) form, exactly as packaging's
// str(Version(s)): "1.0.0-RC1" gives "1.0.0rc1", "v1.0-1" gives "1.0.post1".
func (v Version) String() string { return v.canon }

// Original returns the string given to Parse, unchanged.
func (v Version) Original() string { return v.original }

// IsPrerelease reports whether v is a pre-release or a development release
// (packaging's is_prerelease): "1.0a1", "1.0.dev0" and "1.0.post1.dev0".
func (v Version) IsPrerelease() bool { return v.pre.present() || v.dev.present() }

// IsPostRelease reports whether v has a post-release segment.
func (v Version) IsPostRelease() bool { return v.post.present() }

// IsDevRelease reports whether v has a development release segment.
func (v Version) IsDevRelease() bool { return v.dev.present() }

// Epoch returns the epoch, 0 when none was written.
func (v Version) Epoch() *big.Int { return bigNum(v.epoch) }

// Release returns the release segments as written, trailing zeros included
// ("1.2.0" gives 1, 2, 0). Segments are arbitrary-precision because PEP 440
// does not bound them; each call returns new values.
func (v Version) Release() []*big.Int {
	out := make([]*big.Int, len(v.release))
	for i, s := range v.release {
		out[i] = bigNum(s)
	}
	return out
}

// Pre returns the pre-release letter ("a", "b" or "rc") and number, or ""
// and nil for a version that has none.
func (v Version) Pre() (string, *big.Int) {
	if !v.pre.present() {
		return "", nil
	}
	return v.pre.letter, bigNum(v.pre.num)
}

// Post returns the post-release number, nil when there is none.
func (v Version) Post() *big.Int { return v.post.number() }

// Dev returns the development release number, nil when there is none.
func (v Version) Dev() *big.Int { return v.dev.number() }

func (l label) number() *big.Int {
	if !l.present() {
		return nil
	}
	return bigNum(l.num)
}

// Local returns the normalised local version label without the "+"
// ("1.0+Ubuntu-1" gives "ubuntu.1"), "" when there is none.
func (v Version) Local() string {
	if len(v.local) == 0 {
		return ""
	}
	return v.canon[v.publicLen+1:]
}

// Public returns v without its local version label.
func (v Version) Public() Version {
	p := v
	p.local = nil
	p.canon = v.canon[:v.publicLen]
	p.original = p.canon
	return p
}

// BaseVersion returns the epoch and release segment of v alone: "1!2.0rc1"
// gives "1!2.0".
func (v Version) BaseVersion() Version {
	b := Version{
		epoch:     v.epoch,
		release:   v.release,
		relLen:    v.relLen,
		canon:     v.canon[:v.baseLen],
		baseLen:   v.baseLen,
		publicLen: v.baseLen,
	}
	b.original = b.canon
	return b
}

// format builds the canonical string and records the offsets of its parts.
func (v *Version) format() {
	var b strings.Builder
	if v.epoch != "0" {
		b.WriteString(v.epoch)
		b.WriteByte('!')
	}
	for i, s := range v.release {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	v.baseLen = b.Len()
	if v.pre.present() {
		b.WriteString(v.pre.letter)
		b.WriteString(v.pre.num)
	}
	if v.post.present() {
		b.WriteString(".post")
		b.WriteString(v.post.num)
	}
	if v.dev.present() {
		b.WriteString(".dev")
		b.WriteString(v.dev.num)
	}
	v.publicLen = b.Len()
	for i, p := range v.local {
		if i == 0 {
			b.WriteByte('+')
		} else {
			b.WriteByte('.')
		}
		b.WriteString(p.s)
	}
	v.canon = b.String()
}
