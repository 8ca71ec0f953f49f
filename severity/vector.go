package severity

import (
	"strings"

	gocvss30 "github.com/pandatix/go-cvss/30"
	gocvss31 "github.com/pandatix/go-cvss/31"

	"github.com/patchline/patchline/severity/internal/cvss40"
)

// OSV severity types (the "type" of an entry in an OSV record's severity).
const (
	OSVTypeV3 = "CVSS_V3"
	OSVTypeV4 = "CVSS_V4"
)

// A Vector is a parsed, valid CVSS vector. It is immutable and comparable;
// the zero Vector is not a valid vector (its Version is "").
type Vector struct {
	version   string
	canonical string
	score     float64
}

// Parse parses a CVSS v3.0, v3.1 or v4.0 vector string. The version comes
// from the prefix: CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/ (case-sensitive, as
// the specifications define it). Surrounding white space is ignored; any
// inside the vector is an error.
//
// Metric order follows each specification: free for v3.x, the
// specification's order for v4.0. Metrics given the value X (Not Defined)
// are accepted and dropped from String.
//
// Any other input is an error of type *ParseError that quotes the vector
// and names the offending metric or token: a CVSS v2 vector, another
// version, a missing prefix, an unknown or duplicated metric, an invalid
// value, a missing base metric, or (v4.0) a metric out of order.
func Parse(vector string) (Vector, error) {
	s := strings.TrimSpace(vector)
	version, body, err := splitPrefix(s)
	if err != nil {
		return Vector{}, err
	}
	switch version {
	case "3.0":
		v, err := gocvss30.ParseVector(s)
		if err != nil {
			return Vector{}, explain(s, version, body, err)
		}
		return Vector{version: version, canonical: v.Vector(), score: v.BaseScore()}, nil
	case "3.1":
		v, err := gocvss31.ParseVector(s)
		if err != nil {
			return Vector{}, explain(s, version, body, err)
		}
		return Vector{version: version, canonical: v.Vector(), score: v.BaseScore()}, nil
	default: // "4.0": splitPrefix admits no other version.
		v, err := cvss40.ParseVector(s)
		if err != nil {
			return Vector{}, explain(s, version, body, err)
		}
		return Vector{version: version, canonical: v.Vector(), score: v.Score()}, nil
	}
}

// Version returns the CVSS version: "3.0", "3.1" or "4.0".
func (v Vector) Version() string { return v.version }

// String returns the vector in canonical form: the specification's metric
// order, and no metric whose value is X (Not Defined).
func (v Vector) String() string { return v.canonical }

// BaseScore returns the score from 0.0 to 10.0, with one decimal.
//
// For CVSS v3.0 and v3.1 it is the base score: temporal and environmental
// metrics in the vector are kept in String but do not change it. For CVSS
// v4.0, which has a single score formula, it is the score of the vector as
// given: CVSS-B for a base vector, CVSS-BT, -BE or -BTE when threat or
// environmental metrics are present (supplemental metrics never change it).
// This is the score FIRST's calculators and OSV consumers show for the
// vector.
func (v Vector) BaseScore() float64 { return v.score }

// OSVType returns the OSV severity type for the vector: "CVSS_V3" for
// v3.0 and v3.1, "CVSS_V4" for v4.0, "" for the zero Vector.
func (v Vector) OSVType() string {
	switch v.version {
	case "3.0", "3.1":
		return OSVTypeV3
	case "4.0":
		return OSVTypeV4
	}
	return ""
}
