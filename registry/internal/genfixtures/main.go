// Command genfixtures writes the registry snapshot committed under
// testdata/registry/snapshot: PEP 691 project pages and core-metadata
// files derived from the InvenioRDM requirement data, and npm package
// documents whose versions and times come from the packages' git tags and
// whose dependency metadata comes from documents recorded from a registry
// (see testdata/registry/README.md for both derivations). The snapshot is
// in the cache layout of package httpcache, so it serves both as the test
// registry's files and as an --offline cache.
//
// Run from the repository root:
//
//	go run ./registry/internal/genfixtures -requires ../shared/realworld/requires -npm-tags ../shared/realworld/tags [-npm-raw DIR]
//
// -npm-raw names a directory of full npm package documents (NAME.json) as
// a registry served them; they are trimmed into the committed recordings
// (-npm-recorded) before the snapshot is written. Without it the committed
// recordings are used as they are. -npm-upstream names npm packages the
// project does not publish (an upstream report's package): their documents
// are their trimmed recordings, times and versions as the registry served
// them. The output is deterministic.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/httpcache"
	"github.com/patchline/patchline/registry/pypi"
)

const (
	pypiHost = "pypi.example.test"
	npmHost  = "registry.example.test"
)

// fetchedAt is the fixed fetch time written into every sidecar.
var fetchedAt = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

var (
	requiresDir = flag.String("requires", "../shared/realworld/requires", "directory of the InvenioRDM requirement files")
	npmTags     = flag.String("npm-tags", "../shared/realworld/tags", "directory of the npm packages' git tag files NAME.tsv")
	npmRecorded = flag.String("npm-recorded", "registry/internal/genfixtures/testdata/npm-recorded", "directory of the trimmed npm package documents NAME.json recorded from a registry")
	npmRaw      = flag.String("npm-raw", "", "directory of full npm package documents NAME.json to trim into -npm-recorded (optional)")
	out         = flag.String("out", "testdata/registry/snapshot", "snapshot directory to write")
	pypiNames   = flag.String("pypi", "invenio-app-rdm,invenio-rdm-records,invenio-communities,invenio-records-resources,invenio-drafts-resources,invenio-requests,invenio-vocabularies,invenio-users-resources", "PyPI packages to derive")
	npmNames    = flag.String("npm", "react-invenio-forms,react-searchkit,react-invenio-deposit", "npm packages to derive")
	npmUpstream = flag.String("npm-upstream", "axios", "npm packages the project does not publish, written as recorded (no tag files)")
)

func main() {
	log.SetFlags(0)
	flag.Parse()
	store := httpcache.New(*out)
	// An empty list selects no package of that ecosystem.
	for _, name := range strings.FieldsFunc(*pypiNames, isComma) {
		if err := genPyPI(store, name); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
	}
	for _, name := range strings.FieldsFunc(*npmNames, isComma) {
		if err := genNPM(store, name, false); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
	}
	for _, name := range strings.FieldsFunc(*npmUpstream, isComma) {
		if err := genNPM(store, name, true); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
	}
}

func isComma(r rune) bool { return r == ',' }

// source is the shape of a file in ../shared/realworld/requires.
type source struct {
	Package  string `json:"package"`
	Releases []struct {
		Version           string        `json:"version"`
		NormalizedVersion string        `json:"normalized_version"`
		Tag               string        `json:"tag"`
		Date              time.Time     `json:"date"`
		RequiresPython    *string       `json:"requires_python"`
		Requires          []string      `json:"requires"`
		Extras            orderedExtras `json:"extras"`
		VersionInCode     string        `json:"version_in_code"`
	} `json:"releases"`
}

// orderedExtras keeps the extras in the order of the source file, which
// is the order setuptools writes them in.
type orderedExtras struct {
	names []string
	reqs  map[string][]string
}

func (o *orderedExtras) UnmarshalJSON(b []byte) error {
	o.reqs = map[string][]string{}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		k := t.(string)
		var v []string
		if err := dec.Decode(&v); err != nil {
			return err
		}
		o.names = append(o.names, k)
		o.reqs[k] = v
	}
	_, err := dec.Token()
	return err
}

func genPyPI(store *httpcache.Store, name string) error {
	b, err := os.ReadFile(filepath.Join(*requiresDir, name+".json"))
	if err != nil {
		return err
	}
	var src source
	if err := json.Unmarshal(b, &src); err != nil {
		return err
	}
	eco, err := ecosystem.Lookup("PyPI")
	if err != nil {
		return err
	}
	norm, err := eco.NormalizeName(src.Package)
	if err != nil {
		return err
	}
	distName := strings.ReplaceAll(norm, "-", "_")
	type rel struct {
		version ecosystem.Version
		file    pypi.File
	}
	var rels []rel
	seen := map[string]bool{}
	for _, r := range src.Releases {
		// Only v* tags trigger the publishing workflow, and a build
		// carries the version in the code, not the tag's.
		if !strings.HasPrefix(r.Tag, "v") || (r.VersionInCode != r.Version && r.VersionInCode != r.NormalizedVersion) {
			continue
		}
		md, err := metadata(src.Package, r.NormalizedVersion, r.RequiresPython, r.Requires, r.Extras)
		if err != nil {
			return fmt.Errorf("%s: %w", r.Tag, err)
		}
		if md == nil {
			continue // direct references: PyPI refuses such uploads
		}
		v, err := eco.Parse(r.NormalizedVersion)
		if err != nil {
			return err
		}
		if seen[v.String()] {
			return fmt.Errorf("version %s twice", v)
		}
		seen[v.String()] = true
		filename := fmt.Sprintf("%s-%s-py3-none-any.whl", distName, r.NormalizedVersion)
		fileURL := &url.URL{Scheme: "http", Host: pypiHost, Path: "/packages/" + filename + ".metadata"}
		if err := store.Put(fileURL, norm, httpcache.Meta{
			URL:          fileURL.String(),
			ContentType:  "application/octet-stream",
			ETag:         `"` + httpcache.Sum(md)[:16] + `"`,
			LastModified: r.Date.UTC().Format(httpTime),
			FetchedAt:    fetchedAt,
		}, md); err != nil {
			return err
		}
		up := r.Date.UTC()
		sum := map[string]string{"sha256": httpcache.Sum(md)}
		rels = append(rels, rel{v, pypi.File{
			Filename:         filename,
			URL:              "../../packages/" + filename,
			Hashes:           map[string]string{},
			RequiresPython:   r.RequiresPython,
			CoreMetadata:     &pypi.MetadataRef{Available: true, Hashes: sum},
			DistInfoMetadata: &pypi.MetadataRef{Available: true, Hashes: sum},
			UploadTime:       &up,
		}})
	}
	sort.SliceStable(rels, func(i, j int) bool { return eco.Compare(rels[i].version, rels[j].version) < 0 })
	page := pageJSON{Name: norm, Versions: []string{}, Files: []pypi.File{}}
	page.Meta.APIVersion = "1.1"
	var last time.Time
	for _, r := range rels {
		page.Versions = append(page.Versions, r.file.Filename[len(distName)+1:len(r.file.Filename)-len("-py3-none-any.whl")])
		page.Files = append(page.Files, r.file)
		if r.file.UploadTime.After(last) {
			last = *r.file.UploadTime
		}
	}
	body, err := marshal(page)
	if err != nil {
		return err
	}
	pageURL := &url.URL{Scheme: "http", Host: pypiHost, Path: "/simple/" + norm + "/"}
	log.Printf("%s: %d releases", pageURL, len(rels))
	return store.Put(pageURL, norm, httpcache.Meta{
		URL:          pageURL.String(),
		ContentType:  pypi.MediaJSON,
		ETag:         `"` + httpcache.Sum(body)[:16] + `"`,
		LastModified: last.Format(httpTime),
		FetchedAt:    fetchedAt,
	}, body)
}

const httpTime = "Mon, 02 Jan 2006 15:04:05 GMT"

// pageJSON fixes the key order of a project page: meta, name, versions,
// files, as PyPI writes it.
type pageJSON struct {
	Meta struct {
		APIVersion string `json:"api-version"`
	} `json:"meta"`
	Name     string      `json:"name"`
	Versions []string    `json:"versions"`
	Files    []pypi.File `json:"files"`
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// metadata renders a core-metadata file as setuptools writes one:
// Requires-Dist lines in packaging's canonical form (extras sorted,
// specifiers sorted as strings, markers with normalised spacing and double
// quotes), duplicates dropped, then per extra a Provides-Extra line
// followed by its requirements with `extra == "name"` added to the marker.
// It returns nil when a requirement is a direct reference.
func metadata(name, version string, requiresPython *string, requires []string, extras orderedExtras) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "Metadata-Version: 2.1\nName: %s\nVersion: %s\n", name, version)
	if requiresPython != nil && *requiresPython != "" {
		fmt.Fprintf(&b, "Requires-Python: %s\n", *requiresPython)
	}
	write := func(reqs []string, extra string) (bool, error) {
		seen := map[string]bool{}
		for _, s := range reqs {
			line, direct, err := render(s, extra)
			if err != nil {
				return false, err
			}
			if direct {
				return false, nil
			}
			if seen[line] {
				continue
			}
			seen[line] = true
			fmt.Fprintf(&b, "Requires-Dist: %s\n", line)
		}
		return true, nil
	}
	if ok, err := write(requires, ""); !ok || err != nil {
		return nil, err
	}
	for _, e := range extras.names {
		fmt.Fprintf(&b, "Provides-Extra: %s\n", e)
		if ok, err := write(extras.reqs[e], e); !ok || err != nil {
			return nil, err
		}
	}
	return []byte(b.String()), nil
}

// render formats one requirement as packaging's str(Requirement) does.
func render(s, extra string) (string, bool, error) {
	r, err := pypi.ParseRequirement(s)
	if err != nil {
		return "", false, err
	}
	if r.URL != "" {
		return "", true, nil
	}
	var b strings.Builder
	b.WriteString(r.Name)
	if len(r.Extras) > 0 {
		ex := append([]string(nil), r.Extras...)
		sort.Strings(ex)
		b.WriteString("[" + strings.Join(ex, ",") + "]")
	}
	if r.Specifier != "" {
		specs := strings.Split(r.Specifier, ",")
		sort.Strings(specs)
		b.WriteString(strings.Join(specs, ","))
	}
	marker := formatMarker(r.Marker)
	if extra != "" {
		em := `extra == "` + extra + `"`
		if marker != "" {
			marker = "(" + marker + ") and " + em
		} else {
			marker = em
		}
	}
	if marker != "" {
		b.WriteString("; " + marker)
	}
	return b.String(), false, nil
}

// formatMarker respaces a marker as packaging prints it: one space around
// operators and keywords, strings in double quotes. The markers in the
// source data are flat comparisons joined by and/or.
func formatMarker(m string) string {
	if m == "" {
		return ""
	}
	var toks []string
	for i := 0; i < len(m); {
		c := m[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '\'' || c == '"':
			j := strings.IndexByte(m[i+1:], c)
			toks = append(toks, `"`+m[i+1:i+1+j]+`"`)
			i += j + 2
		case c == '(' || c == ')':
			toks = append(toks, string(c))
			i++
		case strings.ContainsRune("<>=!~", rune(c)):
			j := i
			for j < len(m) && strings.ContainsRune("<>=!~", rune(m[j])) {
				j++
			}
			toks = append(toks, m[i:j])
			i = j
		default:
			j := i
			for j < len(m) && !strings.ContainsRune(" \t'\"()<>=!~", rune(m[j])) {
				j++
			}
			toks = append(toks, m[i:j])
			i = j
		}
	}
	out := strings.Join(toks, " ")
	out = strings.ReplaceAll(out, "( ", "(")
	return strings.ReplaceAll(out, " )", ")")
}
