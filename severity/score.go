package severity

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// A Result is a scored vector and its level under the policy.
type Result struct {
	// Vector is the vector in canonical form (Vector.String).
	Vector string `json:"vector"`
	// Version is the CVSS version: "3.0", "3.1" or "4.0".
	Version string `json:"version"`
	// Score is the score from 0.0 to 10.0 (see Vector.BaseScore).
	Score float64 `json:"score"`
	// Level is the policy level of Score.
	Level string `json:"level"`
}

// Score parses the vector and returns its score and its level under the
// given levels. Invalid levels are an error, so that a policy mistake is
// not mistaken for a low severity.
func Score(vector string, levels Levels) (Result, error) {
	if err := levels.Validate(); err != nil {
		return Result{}, err
	}
	v, err := Parse(vector)
	if err != nil {
		return Result{}, err
	}
	score := v.BaseScore()
	return Result{
		Vector:  v.String(),
		Version: v.Version(),
		Score:   score,
		Level:   levels.Level(score),
	}, nil
}

// MarshalJSON encodes the result as
//
//	{"vector":"CVSS:3.1/...","version":"3.1","score":9.0,"level":"Critical"}
//
// with the score written with exactly one decimal, as CVSS defines scores,
// so that 9.0 stays 9.0 rather than encoding/json's 9. It is still a JSON
// number, and decodes back into a Result with encoding/json.
func (r Result) MarshalJSON() ([]byte, error) {
	// The negated test also catches NaN, which JSON cannot hold.
	if !(r.Score >= 0 && r.Score <= 10) {
		return nil, fmt.Errorf("severity result: score %v is outside 0.0–10.0", r.Score)
	}
	return json.Marshal(struct {
		Vector  string      `json:"vector"`
		Version string      `json:"version"`
		Score   json.Number `json:"score"`
		Level   string      `json:"level"`
	}{
		Vector:  r.Vector,
		Version: r.Version,
		Score:   json.Number(strconv.FormatFloat(r.Score, 'f', 1, 64)),
		Level:   r.Level,
	})
}
