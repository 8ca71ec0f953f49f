package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/httpcache"
	"github.com/patchline/patchline/registry/npm"
)

// npmTime is how the npm registry writes the times of a package document:
// RFC 3339 in UTC with milliseconds.
const npmTime = "2006-01-02T15:04:05.000Z07:00"

// gitTag is one line of a tag file: a git tag and the date of the tag
// (the tagger date of an annotated tag, the commit date otherwise).
type gitTag struct {
	name string
	date time.Time
}

// readTags reads a tag file: one "TAG<TAB>DATE" line per tag, the date in
// RFC 3339.
func readTags(r io.Reader) ([]gitTag, error) {
	var tags []gitTag
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		name, date, ok := strings.Cut(line, "\t")
		if !ok || name == "" || strings.Contains(date, "\t") {
			return nil, fmt.Errorf("line %d: want TAG<TAB>DATE, got %q", n, line)
		}
		t, err := time.Parse(time.RFC3339, date)
		if err != nil {
			return nil, fmt.Errorf("line %d: tag %s: %w", n, name, err)
		}
		tags = append(tags, gitTag{name, t})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return tags, nil
}

// tagVersion returns the version a tag publishes. The packages publish
// from a workflow triggered by v* tags, and `npm version` names its tags
// "v" followed by the version, so a tag counts when it is "v" followed by
// a node-semver version written exactly as node-semver formats it: "v1.2",
// "v01.2.3", "vv1.2.3" or "v1.2.3+build" are not tags of a published
// version.
func tagVersion(eco ecosystem.Ecosystem, tag string) (string, bool) {
	s, ok := strings.CutPrefix(tag, "v")
	if !ok {
		return "", false
	}
	v, err := eco.Parse(s)
	if err != nil || v.String() != s {
		return "", false
	}
	return s, true
}

// npmBuild is a derived package document and what it was made of.
type npmBuild struct {
	doc *npm.Document
	// fromTags counts the versions taken from tags, recorded the versions
	// of those that carry the recording's metadata.
	fromTags, recorded int
	// recordedOnly lists the recording's versions that no tag names, in
	// ascending order; skipped the tags that name no version, in file order.
	recordedOnly, skipped []string
}

// buildNPM derives the package document of name from its tags and a
// document recorded from a registry (nil when there is none):
//
//   - versions: one per tag naming a version (tagVersion), with the
//     recorded entry (dependencies, deprecation) when the recording has the
//     version and a bare name and version otherwise, plus the recording's
//     versions that no tag names, kept as recorded;
//   - time: the tag date in UTC for a tagged version, the recorded time for
//     a recording-only one; created and modified are the earliest and latest
//     of these, so that every version time lies between them as in a
//     registry's document;
//   - dist-tags: latest is the highest version that is not a pre-release
//     (the highest version when all are), standing in for npm's "last
//     published with the default tag", which tags cannot tell; other
//     recorded dist-tags are kept when their version is in the document.
func buildNPM(eco ecosystem.Ecosystem, name string, tags []gitTag, rec *npm.Document) (*npmBuild, error) {
	if rec == nil {
		rec = &npm.Document{Name: name}
	}
	if rec.Name != name {
		return nil, fmt.Errorf("recorded document is of %q", rec.Name)
	}
	un, err := rec.Unpublished()
	if err != nil {
		return nil, fmt.Errorf("recorded document: %w", err)
	}
	if un != nil {
		// Tags cannot say what a registry still serves of an
		// unpublished package.
		return nil, fmt.Errorf("recorded document is an unpublication record")
	}
	b := &npmBuild{doc: &npm.Document{Name: name, DistTags: map[string]string{}, Versions: map[string]npm.Version{}, Time: map[string]json.RawMessage{}}}
	times := map[string]time.Time{}
	for _, t := range tags {
		v, ok := tagVersion(eco, t.name)
		if !ok {
			b.skipped = append(b.skipped, t.name)
			continue
		}
		if _, dup := b.doc.Versions[v]; dup {
			return nil, fmt.Errorf("two tags name version %s", v)
		}
		ver, ok := rec.Versions[v]
		if ok {
			b.recorded++
		} else {
			ver = npm.Version{Name: name, Version: v}
		}
		b.doc.Versions[v] = ver
		times[v] = t.date.UTC()
		b.fromTags++
	}
	for v, ver := range rec.Versions {
		if _, ok := b.doc.Versions[v]; ok {
			continue
		}
		b.doc.Versions[v] = ver
		b.recordedOnly = append(b.recordedOnly, v)
		t, ok, err := rec.VersionTime(v)
		if err != nil {
			return nil, fmt.Errorf("recorded document: %w", err)
		}
		if ok {
			times[v] = t
		}
	}
	sortVersions(eco, b.recordedOnly)

	var created, modified time.Time
	for _, t := range times {
		if created.IsZero() || t.Before(created) {
			created = t
		}
		if t.After(modified) {
			modified = t
		}
	}
	for v, t := range times {
		b.doc.Time[v] = quote(t.Format(npmTime))
	}
	// A recording-only version keeps its time exactly as recorded.
	for _, v := range b.recordedOnly {
		if raw, ok := rec.Time[v]; ok {
			b.doc.Time[v] = raw
		}
	}
	if len(times) > 0 {
		b.doc.Time["created"] = quote(created.Format(npmTime))
		b.doc.Time["modified"] = quote(modified.Format(npmTime))
	}

	if latest := highest(eco, b.doc.Versions); latest != "" {
		b.doc.DistTags["latest"] = latest
	}
	for tag, v := range rec.DistTags {
		if _, ok := b.doc.Versions[v]; ok && tag != "latest" {
			b.doc.DistTags[tag] = v
		}
	}
	return b, nil
}

// highest returns the highest version that is not a pre-release, or the
// highest version when all are pre-releases; "" when no key parses.
func highest(eco ecosystem.Ecosystem, versions map[string]npm.Version) string {
	var best, bestPre ecosystem.Version
	var bestS, bestPreS string
	for s := range versions {
		v, err := eco.Parse(s)
		if err != nil {
			continue
		}
		if v.Prerelease() {
			if bestPre == nil || eco.Compare(v, bestPre) > 0 || (eco.Compare(v, bestPre) == 0 && s < bestPreS) {
				bestPre, bestPreS = v, s
			}
			continue
		}
		if best == nil || eco.Compare(v, best) > 0 || (eco.Compare(v, best) == 0 && s < bestS) {
			best, bestS = v, s
		}
	}
	if best != nil {
		return bestS
	}
	return bestPreS
}

// sortVersions sorts version strings in ascending ecosystem order; those
// that do not parse come last, in string order.
func sortVersions(eco ecosystem.Ecosystem, vs []string) {
	sort.Strings(vs)
	sort.SliceStable(vs, func(i, j int) bool {
		a, errA := eco.Parse(vs[i])
		b, errB := eco.Parse(vs[j])
		switch {
		case errA != nil || errB != nil:
			return errA == nil && errB != nil
		default:
			return eco.Compare(a, b) < 0
		}
	})
}

func quote(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

// genNPM writes the package document of name into the snapshot: it trims
// the full document from -npm-raw into -npm-recorded when asked to, then
// derives the document from the tag file and the recording. An upstream
// package (-npm-upstream), which the project does not publish and whose
// tags are not at hand, is written as its trimmed recording.
func genNPM(store *httpcache.Store, name string, upstream bool) error {
	eco, err := ecosystem.Lookup("npm")
	if err != nil {
		return err
	}
	recPath := filepath.Join(*npmRecorded, name+".json")
	if *npmRaw != "" {
		if err := trimRecording(filepath.Join(*npmRaw, name+".json"), recPath); err != nil {
			return err
		}
	}
	raw, err := os.ReadFile(recPath)
	if err != nil {
		return fmt.Errorf("recorded document: %w", err)
	}
	rec, err := npm.Parse(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", recPath, err)
	}
	u := &url.URL{Scheme: "http", Host: npmHost, Path: "/" + npm.EscapeName(name)}
	var body []byte
	if upstream {
		if rec.Name != name {
			return fmt.Errorf("recorded document is of %q", rec.Name)
		}
		if body, err = marshal(rec); err != nil {
			return err
		}
		log.Printf("%s: %d versions as recorded, latest %s", u, len(rec.Versions), rec.DistTags["latest"])
	} else {
		tagPath := filepath.Join(*npmTags, name+".tsv")
		f, err := os.Open(tagPath)
		if err != nil {
			return err
		}
		tags, err := readTags(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", tagPath, err)
		}
		b, err := buildNPM(eco, name, tags, rec)
		if err != nil {
			return err
		}
		if body, err = marshal(b.doc); err != nil {
			return err
		}
		log.Printf("%s: %d versions, %d from tags (%d with recorded metadata), recorded only: %v, skipped tags: %v, created %s, modified %s, latest %s",
			u, len(b.doc.Versions), b.fromTags, b.recorded, b.recordedOnly, b.skipped,
			bytes.Trim(b.doc.Time["created"], `"`), bytes.Trim(b.doc.Time["modified"], `"`), b.doc.DistTags["latest"])
	}
	return store.Put(u, name, httpcache.Meta{
		URL:         u.String(),
		ContentType: "application/json",
		ETag:        `"` + httpcache.Sum(body)[:16] + `"`,
		FetchedAt:   fetchedAt,
	}, body)
}

// trimRecording writes the trimmed form of a full package document, which
// keeps only what patchline reads and so no tarball URL or registry host.
func trimRecording(from, to string) error {
	raw, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	doc, err := npm.Parse(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", from, err)
	}
	body, err := marshal(doc)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, body, 0o644)
}
