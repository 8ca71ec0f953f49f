package osv

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Time is an OSV timestamp (modified, published, withdrawn): an instant
// written as RFC 3339 in UTC with a "Z", e.g. "2026-03-04T10:00:00Z".
//
// The zero Time is an absent field. A Time made from a time.Time with
// NewTime has second precision, the precision of every timestamp patchline
// writes. A Time read from a record keeps the number of fractional-second
// digits it was written with (osv.dev writes microseconds), so that reading
// and writing a record does not change it, and keeps its text, so that a
// check can report a timestamp that was not in OSV's form. Such a timestamp
// (an offset such as "+00:00" instead of "Z") is written back in OSV's form;
// text that is not a time at all is written back as it was read.
type Time struct {
	t      time.Time // UTC; zero when absent or unparsable
	digits int       // fractional-second digits to write, 0 to 9
	text   string    // as read; empty for times made with NewTime
	bad    bool      // text is not an RFC 3339 time
}

// osvTime is the form the OSV schema requires.
var osvTime = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$`)

// NewTime returns t as an OSV timestamp: in UTC, truncated to the second.
func NewTime(t time.Time) Time {
	return Time{t: t.UTC().Truncate(time.Second)}
}

// ParseTime parses an RFC 3339 timestamp with any UTC offset; the result is
// in UTC. Whether the text was in OSV's form (UTC with "Z") is reported by
// OSVForm, not by an error, so that records from other tools can be read and
// then checked.
func ParseTime(s string) (Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return Time{}, fmt.Errorf("invalid timestamp %q: want RFC 3339 in UTC, such as 2026-03-04T10:00:00Z", s)
	}
	return Time{t: t.UTC(), digits: fractionDigits(s), text: s}, nil
}

// timeFromText is ParseTime for the reader: unparsable text is kept.
func timeFromText(s string) Time {
	t, err := ParseTime(s)
	if err != nil {
		return Time{text: s, bad: true}
	}
	return t
}

// fractionDigits counts the digits after the seconds' decimal point, at
// most 9 (nanoseconds), the most a time.Time holds.
func fractionDigits(s string) int {
	// The fraction follows "HH:MM:SS" and ends at the zone.
	i := strings.IndexByte(s, 'T')
	if i < 0 {
		return 0
	}
	rest := s[i:]
	dot := strings.IndexByte(rest, '.')
	if dot < 0 {
		return 0
	}
	n := 0
	for _, c := range rest[dot+1:] {
		if c < '0' || c > '9' {
			break
		}
		n++
	}
	return min(n, 9)
}

// IsZero reports whether the field is absent.
func (t Time) IsZero() bool { return t.t.IsZero() && t.text == "" }

// Valid reports whether the timestamp is a time: absent or parsed.
func (t Time) Valid() bool { return !t.bad }

// OSVForm reports whether the timestamp was written in OSV's form: RFC 3339,
// UTC, ending in "Z". Times made with NewTime are.
func (t Time) OSVForm() bool {
	if t.bad {
		return false
	}
	if t.text == "" {
		return true
	}
	return osvTime.MatchString(t.text)
}

// Time returns the instant in UTC; the zero time.Time when the field is
// absent or not a time.
func (t Time) Time() time.Time { return t.t }

// Text returns the timestamp as read, or as it will be written for a Time
// made with NewTime.
func (t Time) Text() string {
	if t.text != "" {
		return t.text
	}
	return t.String()
}

// String returns the timestamp in OSV's form, with as many fractional-second
// digits as it was read with; unparsable text is returned as it was read.
func (t Time) String() string {
	if t.bad {
		return t.text
	}
	if t.t.IsZero() && t.text == "" {
		return ""
	}
	layout := "2006-01-02T15:04:05"
	if t.digits > 0 {
		layout += "." + strings.Repeat("0", t.digits)
	}
	return t.t.Format(layout) + "Z"
}

// Equal reports whether t and u are the same instant, or both absent.
func (t Time) Equal(u Time) bool {
	if t.bad || u.bad {
		return t.text == u.text && t.bad == u.bad
	}
	return t.t.Equal(u.t) && t.IsZero() == u.IsZero()
}
