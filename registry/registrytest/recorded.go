package registrytest

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// RecordedFilesHost is the placeholder file host of recorded project
// pages (registry/testdata/field): their file URLs point at it, and the
// server answers for it.
const RecordedFilesHost = "https://files.example.test/"

// Page forms a recorded project page is served in.
const (
	JSONPages = "json" // PEP 691 (simple/NAME.json)
	HTMLPages = "html" // PEP 503 (html/NAME.html)
	// RenderedHTMLPages are the PEP 691 pages written as PEP 503 HTML,
	// as an index that serves both renders them from the same data.
	RenderedHTMLPages = "rendered-html"
)

var recordedURL = regexp.MustCompile(regexp.QuoteMeta(RecordedFilesHost) + `[^"#\s]+`)

// ServeRecorded serves the recorded project pages of dir below /simple/,
// in the given form (JSONPages or HTMLPages), with their file URLs pointed
// at this server, and each file's core metadata (dir/metadata/FILE.metadata)
// at the file's URL + ".metadata". The server closes when the test ends.
func ServeRecorded(t testing.TB, dir, form string) *Server {
	t.Helper()
	s := New()
	t.Cleanup(s.Close)
	sub, ext, ct := "simple", ".json", "application/vnd.pypi.simple.v1+json"
	if form == HTMLPages {
		sub, ext, ct = "html", ".html", "text/html; charset=utf-8"
	}
	if form == RenderedHTMLPages {
		ct = "text/html; charset=utf-8"
	}
	pages, err := filepath.Glob(filepath.Join(dir, sub, "*"+ext))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if form == RenderedHTMLPages {
			body = RenderHTML(t, body)
		}
		s.PutRecordedPage(t, dir, "/simple/"+strings.TrimSuffix(filepath.Base(p), ext)+"/", ct, body)
	}
	return s
}

// PutRecordedPage serves body, a recorded project page, at p with its
// file URLs pointed at this server, and the core metadata dir holds for
// its files.
func (s *Server) PutRecordedPage(t testing.TB, dir, p, contentType string, body []byte) {
	t.Helper()
	for _, u := range recordedURL.FindAll(body, -1) {
		filePath := "/" + strings.TrimPrefix(string(u), RecordedFilesHost)
		md, err := os.ReadFile(filepath.Join(dir, "metadata", path.Base(filePath)+".metadata"))
		if err == nil {
			s.Put(filePath+".metadata", File{Body: md})
		} else if !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	body = []byte(strings.ReplaceAll(string(body), RecordedFilesHost, s.URL+"/"))
	s.Put(p, File{Body: body, ContentType: contentType})
}

// WithoutFilesOf removes the files of the versions vs from a PEP 691
// page, keeping them in its PEP 700 versions: the page of an index whose
// releases had all their files deleted.
func WithoutFilesOf(t testing.TB, page []byte, vs ...string) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(page, &doc); err != nil {
		t.Fatal(err)
	}
	var files []any
	for _, f := range doc["files"].([]any) {
		name, _ := f.(map[string]any)["filename"].(string)
		if !slices.ContainsFunc(vs, func(v string) bool {
			return strings.Contains(name, "-"+v+"-") || strings.Contains(name, "-"+v+".tar") || strings.Contains(name, "-"+v+".zip")
		}) {
			files = append(files, f)
		}
	}
	doc["files"] = files
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// RenderHTML writes a PEP 691 page as the PEP 503 page of the same data:
// each file an anchor with its hash in the URL fragment and its
// requires-python, yanked and core-metadata attributes. Upload times and
// PEP 700 versions have no place in it.
func RenderHTML(t testing.TB, page []byte) []byte {
	t.Helper()
	var doc struct {
		Name  string `json:"name"`
		Files []struct {
			Filename       string            `json:"filename"`
			URL            string            `json:"url"`
			Hashes         map[string]string `json:"hashes"`
			RequiresPython *string           `json:"requires-python"`
			Yanked         any               `json:"yanked"`
			CoreMetadata   any               `json:"core-metadata"`
		} `json:"files"`
	}
	if err := json.Unmarshal(page, &doc); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html>\n  <head>\n    <meta name=\"pypi:repository-version\" content=\"1.0\">\n    <title>Links for %s</title>\n  </head>\n  <body>\n    <h1>Links for %s</h1>\n",
		html.EscapeString(doc.Name), html.EscapeString(doc.Name))
	for _, f := range doc.Files {
		href := f.URL
		if h := f.Hashes["sha256"]; h != "" {
			href += "#sha256=" + h
		}
		fmt.Fprintf(&b, "    <a href=\"%s\"", html.EscapeString(href))
		if f.RequiresPython != nil && *f.RequiresPython != "" {
			fmt.Fprintf(&b, " data-requires-python=\"%s\"", html.EscapeString(*f.RequiresPython))
		}
		switch y := f.Yanked.(type) {
		case string:
			fmt.Fprintf(&b, " data-yanked=\"%s\"", html.EscapeString(y))
		case bool:
			if y {
				b.WriteString(` data-yanked=""`)
			}
		}
		switch m := f.CoreMetadata.(type) {
		case bool:
			if m {
				b.WriteString(` data-core-metadata="true" data-dist-info-metadata="true"`)
			}
		case map[string]any:
			if h, ok := m["sha256"].(string); ok {
				fmt.Fprintf(&b, ` data-core-metadata="sha256=%s" data-dist-info-metadata="sha256=%s"`, h, h)
			}
		}
		fmt.Fprintf(&b, ">%s</a><br/>\n", html.EscapeString(f.Filename))
	}
	b.WriteString("  </body>\n</html>\n")
	return []byte(b.String())
}
