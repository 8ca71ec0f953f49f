package cve5

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	advosv "github.com/patchline/patchline/advisory/osv"
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/severity"
	"github.com/patchline/patchline/weakness"
)

// PlaceholderOrgID stands for the CNA's organisation UUID when none is
// given: CVE Services replaces providerMetadata with the submitting
// organisation's on submission, and the schema asks for a UUID.
const PlaceholderOrgID = "00000000-0000-4000-8000-000000000000"

// The schema's bounds on texts, in characters.
const (
	maxTitle       = 256
	maxDescription = 4096
	maxMedia       = 16384
)

// Options are the container's metadata.
type Options struct {
	// Vendor names the maintainer of the affected packages: the
	// policy's project.
	Vendor string
	// OrgID is the CNA's organisation UUID (PlaceholderOrgID when empty).
	OrgID string
	// Now is the container's dateUpdated, and its datePublic for a report
	// without embargo.
	Now time.Time
	// Tooling names the program that wrote it (x_generator).
	Tooling string
	// Record passes on to the OSV builder, whose affected versions the
	// container states.
	Record advosv.Options
}

// ErrNoRecord is advosv.ErrNoRecord: an upstream report that no release
// of the project forces has nothing of the project's to publish.
var ErrNoRecord = advosv.ErrNoRecord

// Document renders the analysis as the CNA container of a CVE record.
func Document(an *impact.Analysis, opts Options) (*Container, error) {
	r := an.Report
	entries, err := advosv.Entries(an, opts.Record)
	if err != nil {
		return nil, err
	}
	now := opts.Now.UTC()
	published := now
	if r.Published != nil {
		published = r.Published.UTC()
	} else if r.EmbargoUntil != nil {
		published = r.EmbargoUntil.UTC()
	}
	orgID := opts.OrgID
	if orgID == "" {
		orgID = PlaceholderOrgID
	}
	c := &Container{
		ProviderMetadata: ProviderMetadata{OrgID: orgID, DateUpdated: timestamp(now)},
		DatePublic:       timestamp(published),
		References:       references(r),
		Credits:          credits(r.Credits),
	}
	if n := utf8.RuneCountInString(r.Summary); n > 0 && n <= maxTitle {
		c.Title = r.Summary
	}
	d, err := description(r)
	if err != nil {
		return nil, err
	}
	c.Descriptions = []Description{d}
	// The report's weaknesses (cwe_ids), one problem type each, described
	// as CNAs write them: the id and its catalogue name.
	for _, id := range r.CWEIDs {
		text := id
		if w, ok := weakness.Lookup(id); ok {
			text = id + ": " + w.Name
		}
		c.ProblemTypes = append(c.ProblemTypes, ProblemType{Descriptions: []ProblemDescription{{Lang: "en", CWEID: id, Description: text, Type: "CWE"}}})
	}
	if r.Severity != nil {
		m, err := metric(r.Severity)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.Path, err)
		}
		c.Metrics = []Metric{m}
	}
	for _, e := range entries {
		p, err := product(opts.Vendor, e)
		if err != nil {
			return nil, err
		}
		c.Affected = append(c.Affected, p)
	}
	if len(c.Affected) == 0 {
		return nil, fmt.Errorf("%s: no affected package: a CVE record names at least one", r.Path)
	}
	if len(c.References) == 0 {
		c.References = packagePages(c.Affected)
	}
	if opts.Tooling != "" {
		c.Generator = &Generator{Engine: opts.Tooling}
	}
	return c, nil
}

// timestamp is the schema's timestamp form, to the second in UTC (the
// schema's pattern does not take fractions of a second).
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// description is the report's details (its summary when it has none) in
// English. A text over the schema's 4,096 characters is cut at a word
// boundary and given whole as supporting media.
func description(r *report.Report) (Description, error) {
	text := strings.TrimSpace(r.Details)
	if text == "" {
		text = strings.TrimSpace(r.Summary)
	}
	if text == "" {
		return Description{}, errors.New(r.Path + ": neither summary nor details: a CVE record describes the vulnerability")
	}
	d := Description{Lang: "en", Value: text}
	if utf8.RuneCountInString(text) <= maxDescription {
		return d, nil
	}
	if utf8.RuneCountInString(text) > maxMedia {
		return Description{}, fmt.Errorf("%s: details longer than the %d characters a CVE record's description holds", r.Path, maxMedia)
	}
	d.Value = cut(text, maxDescription)
	d.SupportingMedia = []Media{{Type: "text/plain", Value: text}}
	return d, nil
}

// cut shortens text to at most n characters, at the last space before the
// limit, ending in an ellipsis.
func cut(text string, n int) string {
	runes := []rune(text)[:n-1]
	s := string(runes)
	if i := strings.LastIndexAny(s, " \n"); i > 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, " \n") + "…"
}

// metric is the report's CVSS vector under its version's key, with the
// base severity CVSS names for the score.
func metric(s *severity.Result) (Metric, error) {
	cvss := &CVSS{Version: s.Version, VectorString: s.Vector, BaseScore: s.Score, BaseSeverity: baseSeverity(s.Score)}
	m := Metric{Format: "CVSS", Scenarios: []Scenario{{Lang: "en", Value: "GENERAL"}}}
	switch s.Version {
	case "4.0":
		m.CVSSV4_0 = cvss
	case "3.1":
		m.CVSSV3_1 = cvss
	case "3.0":
		m.CVSSV3_0 = cvss
	default:
		return Metric{}, fmt.Errorf("CVSS version %q has no place in a CVE record", s.Version)
	}
	return m, nil
}

// baseSeverity is the qualitative rating of a score, the same in CVSS 3.x
// and 4.0.
func baseSeverity(score float64) string {
	switch {
	case score == 0:
		return "NONE"
	case score < 4:
		return "LOW"
	case score < 7:
		return "MEDIUM"
	case score < 9:
		return "HIGH"
	}
	return "CRITICAL"
}

// referenceTags maps OSV reference types to the CVE program's tags where
// they mean the same; other types are written untagged.
var referenceTags = map[string]string{
	"FIX":       "patch",
	"REPORT":    "issue-tracking",
	"PACKAGE":   "product",
	"EVIDENCE":  "exploit",
	"DETECTION": "signature",
}

// references are the report's, each URL once.
func references(r *report.Report) []Reference {
	var out []Reference
	seen := map[string]int{}
	for _, ref := range r.References {
		tag := referenceTags[ref.Type]
		if i, ok := seen[ref.URL]; ok {
			if tag != "" && !contains(out[i].Tags, tag) {
				out[i].Tags = append(out[i].Tags, tag)
			}
			continue
		}
		seen[ref.URL] = len(out)
		ref := Reference{URL: ref.URL}
		if tag != "" {
			ref.Tags = []string{tag}
		}
		out = append(out, ref)
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// credits are the report's, with OSV's credit types in the CVE program's
// words ("REMEDIATION_DEVELOPER" is "remediation developer"), each once:
// CVE credits carry no contact, so two that differ only in it are one.
func credits(cs []report.Credit) []Credit {
	var out []Credit
	seen := map[Credit]bool{}
	for _, c := range cs {
		cr := Credit{Lang: "en", Value: c.Name, Type: strings.ReplaceAll(strings.ToLower(c.Type), "_", " ")}
		if !seen[cr] {
			seen[cr] = true
			out = append(out, cr)
		}
	}
	return out
}
