package pypi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The recorded PEP 503 pages (registry/testdata/field/html, from Poetry's
// fixtures) read as pip reads them.
func TestParseProjectHTMLRecorded(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "field", "html", "black.html"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParseProjectHTML(b, "black")
	if err != nil {
		t.Fatal(err)
	}
	type file struct {
		Name, URL, SHA256, RequiresPython string
		Yanked                            Yanked
	}
	var got []file
	for _, f := range p.Files {
		got = append(got, file{f.Filename, f.URL[strings.LastIndexByte(f.URL, '/')+1:], f.Hashes["sha256"], *f.RequiresPython, f.Yanked})
	}
	reason := Yanked{Yanked: true, Reason: "Broken regex dependency. Use 21.11b1 instead."}
	want := []file{
		{"black-19.10b0-py36-none-any.whl", "black-19.10b0-py36-none-any.whl#sha256=13001c5b7dbc81137164b43137320a1785e95ce84e4db849279786877ac6d7f6", "13001c5b7dbc81137164b43137320a1785e95ce84e4db849279786877ac6d7f6", ">=3.6", Yanked{}},
		{"black-19.10b0.tar.gz", "black-19.10b0.tar.gz#sha256=6cada614d5d2132698c6d5fff384657273d922c4fffa6a2f0de9e03e25b8913a", "6cada614d5d2132698c6d5fff384657273d922c4fffa6a2f0de9e03e25b8913a", ">=3.6", Yanked{}},
		{"black-21.11b0-py3-none-any.whl", "black-21.11b0-py3-none-any.whl#sha256=38f6ad54069912caf2fa2d4f25d0c5dedef4b2338a0cb545dbe2fdf54a6a8891", "38f6ad54069912caf2fa2d4f25d0c5dedef4b2338a0cb545dbe2fdf54a6a8891", ">=3.6.2", reason},
		{"black-21.11b0.tar.gz", "black-21.11b0.tar.gz#sha256=f23c482185d842e2f19d506e55c004061167e3c677c063ecd721042c62086ada", "f23c482185d842e2f19d506e55c004061167e3c677c063ecd721042c62086ada", ">=3.6.2", reason},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if p.Name != "black" || p.Versions != nil || p.Meta.APIVersion != "1.0" {
		t.Errorf("page %q, versions %v, api %q", p.Name, p.Versions, p.Meta.APIVersion)
	}
}

func TestParseProjectHTMLAttributes(t *testing.T) {
	page := `<html><head><meta name="pypi:repository-version" content="1.1"><base href="https://files.example.test/base/"></head><body>
<a href="x-1.0-py3-none-any.whl#sha256=AB" data-core-metadata="sha256=cd" data-requires-python="&gt;=3.8">x-1.0-py3-none-any.whl</a>
<a href="../x-1.1.tar.gz" data-dist-info-metadata="true" data-yanked="">x-1.1.tar.gz</a>
<a href="/abs/x-1.2.tar.gz" data-core-metadata="false">
  x-1.2.tar.gz
</a>
<a href="x-1.3.zip"/>
<a name="no-href">not a file</a>
</body></html>`
	p, err := ParseProjectHTML([]byte(page), "x")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Files) != 4 {
		t.Fatalf("%d files: %+v", len(p.Files), p.Files)
	}
	f0, f1, f2, f3 := p.Files[0], p.Files[1], p.Files[2], p.Files[3]
	if f0.URL != "https://files.example.test/base/x-1.0-py3-none-any.whl#sha256=AB" || f0.Hashes["sha256"] != "AB" ||
		!f0.Metadata().Available || f0.Metadata().Hashes["sha256"] != "cd" || *f0.RequiresPython != ">=3.8" || f0.Yanked.Yanked {
		t.Errorf("file 0: %+v", f0)
	}
	if f1.URL != "https://files.example.test/x-1.1.tar.gz" || !f1.Metadata().Available || !f1.Yanked.Yanked || f1.Yanked.Reason != "" {
		t.Errorf("file 1: %+v", f1)
	}
	if f2.Filename != "x-1.2.tar.gz" || f2.URL != "https://files.example.test/abs/x-1.2.tar.gz" || f2.Metadata().Available {
		t.Errorf("file 2: %+v", f2)
	}
	if f3.Filename != "x-1.3.zip" {
		t.Errorf("file 3: %+v", f3)
	}
	if p.Meta.APIVersion != "1.1" {
		t.Errorf("api version %q", p.Meta.APIVersion)
	}
	if _, err := ParseProjectHTML([]byte(`<meta name="pypi:repository-version" content="2.0">`), "x"); err == nil {
		t.Error("repository version 2.0 accepted")
	}
}

// FuzzParseProjectHTML checks that any page parses or fails without
// panicking, and that every file it yields has a name and a URL.
func FuzzParseProjectHTML(f *testing.F) {
	for _, name := range []string{"black", "ipython", "isort", "pyyaml"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "field", "html", name+".html"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<base href="::"><a href="x">`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParseProjectHTML(b, "x")
		if err != nil {
			return
		}
		for _, file := range p.Files {
			if file.Filename == "" || file.URL == "" {
				t.Fatalf("file without name or URL: %+v", file)
			}
		}
	})
}
