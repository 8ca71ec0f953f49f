package lockfile

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/ecosystem/pkgref"
)

// TestRequirementsLines checks pip's line syntax one construct at a time.
// Each input is the whole file; want lists "name==version@line" pins and
// unpinned "name spec (reason)@line" entries.
func TestRequirementsLines(t *testing.T) {
	type pin struct {
		name, version string
		line          int
	}
	type unpinned struct {
		name, spec, reason string
		line               int
	}
	for _, tt := range []struct {
		desc     string
		data     string
		pins     []pin
		unpinned []unpinned
	}{
		{desc: "plain", data: "invenio-app-rdm==13.1.2\n", pins: []pin{{"invenio-app-rdm", "13.1.2", 1}}},
		{desc: "spaces and case", data: "  Invenio_App.RDM  ==  13.1.2  \n", pins: []pin{{"invenio-app-rdm", "13.1.2", 1}}},
		{desc: "extras", data: "invenio-app-rdm[opensearch2, s3]==13.1.2\n", pins: []pin{{"invenio-app-rdm", "13.1.2", 1}}},
		{desc: "parenthesised", data: "flask (==3.0.3)\n", pins: []pin{{"flask", "3.0.3", 1}}},
		{desc: "marker without space", data: "flask==3.0.3;python_version>=\"3.8\"\n", pins: []pin{{"flask", "3.0.3", 1}}},
		{desc: "marker for another platform", data: "pywin32==306 ; sys_platform == \"win32\"\n", pins: []pin{{"pywin32", "306", 1}}},
		{desc: "arbitrary equality", data: "uwsgi===2.0.28\n", pins: []pin{{"uwsgi", "2.0.28", 1}}},
		{desc: "local version", data: "torch==2.5.1+cpu\n", pins: []pin{{"torch", "2.5.1+cpu", 1}}},
		{desc: "pin among other clauses", data: "flask>=3,==3.0.3,<4\n", pins: []pin{{"flask", "3.0.3", 1}}},
		{desc: "hashes and continuation", data: "# top\nflask==3.0.3 \\\n    --hash=sha256:aaaa \\\n    --hash=sha256:bbbb\nclick==8.1.7\n", pins: []pin{{"click", "8.1.7", 5}, {"flask", "3.0.3", 2}}},
		{desc: "continuation inside name", data: "invenio-app-\\\nrdm==13.1.2\n", pins: []pin{{"invenio-app-rdm", "13.1.2", 1}}},
		{desc: "comment ends continuation", data: "flask==3.0.3 \\\n# comment \\\nclick==8.1.7\n", pins: []pin{{"click", "8.1.7", 3}, {"flask", "3.0.3", 1}}},
		{desc: "trailing comment", data: "flask==3.0.3  # via invenio-app-rdm\n", pins: []pin{{"flask", "3.0.3", 1}}},
		{desc: "CRLF and BOM", data: "\xef\xbb\xbfflask==3.0.3\r\nclick==8.1.7\r\n", pins: []pin{{"click", "8.1.7", 2}, {"flask", "3.0.3", 1}}},
		{desc: "global options", data: "-i https://pypi.example.test/simple\n--extra-index-url=https://pypi.example.test/extra\n--trusted-host pypi.example.test\n--pre\n--prefer-binary\n--require-hashes\n--only-binary :all:\n-f ./wheels\n--use-feature truststore\n--no-index\nflask==3.0.3\n", pins: []pin{{"flask", "3.0.3", 11}}},
		{desc: "abbreviated option", data: "--extra-index https://pypi.example.test/extra\nflask==3.0.3\n", pins: []pin{{"flask", "3.0.3", 2}}},
		{desc: "duplicate merged", data: "flask==3.0.3\nFlask==3.0.3\nflask==3.0.3.0\n", pins: []pin{{"flask", "3.0.3", 1}}},
		{desc: "two versions kept apart", data: "flask==3.0.3\nflask==2.3.3\n", pins: []pin{{"flask", "2.3.3", 2}, {"flask", "3.0.3", 1}}},
		{desc: "versions sorted by PEP 440", data: "a==1.10\na==1.9\na==1.10rc1\n", pins: []pin{{"a", "1.9", 2}, {"a", "1.10rc1", 3}, {"a", "1.10", 1}}},
		{
			desc: "unpinned", data: "celery>=5.4,<6\nlxml\nflask==3.*\nrequests~=2.32\n",
			unpinned: []unpinned{{"celery", ">=5.4,<6", "not pinned to one version", 1}, {"lxml", "", "no version specifier", 2}, {"flask", "==3.*", "not pinned to one version", 3}, {"requests", "~=2.32", "not pinned to one version", 4}},
		},
		{
			desc: "URLs, VCS, paths, editables",
			data: "-e .\n--editable git+https://git.example.test/a/invenio-theme.git#egg=invenio-theme\ninvenio-theme @ git+https://git.example.test/a/invenio-theme.git@v4.1.0\nhttps://pypi.example.test/packages/flask-3.0.3-py3-none-any.whl\n./testdata\nflask-3.0.3.tar.gz\n",
			unpinned: []unpinned{
				{"", ".", "editable install", 1},
				{"invenio-theme", "git+https://git.example.test/a/invenio-theme.git#egg=invenio-theme", "editable install", 2},
				{"invenio-theme", "git+https://git.example.test/a/invenio-theme.git@v4.1.0", "URL requirement", 3},
				{"", "https://pypi.example.test/packages/flask-3.0.3-py3-none-any.whl", "URL requirement", 4},
				{"", "./testdata", "path requirement", 5},
				{"", "flask-3.0.3.tar.gz", "path requirement", 6},
			},
		},
		{desc: "environment variable not expanded", data: "--index-url https://${TOKEN}@pypi.example.test/simple\nflask==3.0.3\n", pins: []pin{{"flask", "3.0.3", 2}}},
		{desc: "empty", data: "\n# nothing\n   \n"},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			f, err := parse("requirements.txt", []byte(tt.data), memFS(nil))
			if err != nil {
				t.Fatal(err)
			}
			var want []Pin
			for _, p := range tt.pins {
				want = append(want, Pin{Package: pkgref.Ref{Ecosystem: "PyPI", Name: p.name}, Version: p.version, Source: "requirements.txt", Line: p.line})
			}
			var wantU []Unpinned
			for _, u := range tt.unpinned {
				wantU = append(wantU, Unpinned{Source: "requirements.txt", Line: u.line, Name: u.name, Spec: u.spec, Reason: u.reason})
			}
			if diff := cmp.Diff(want, f.Pins); diff != "" {
				t.Errorf("pins (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantU, f.Unpinned); diff != "" {
				t.Errorf("unpinned (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRequirementsIncludes checks that includes resolve relative to the
// including file, that a file included twice (not a cycle) is fine, and
// that pins keep the file and line stating them.
func TestRequirementsIncludes(t *testing.T) {
	fs := memFS(map[string]string{
		"deploy/requirements/base.txt": "flask==3.0.3\n-c ../constraints.txt\n",
		"deploy/constraints.txt":       "werkzeug==3.0.6\n",
		"deploy/requirements/prod.txt": "-r base.txt\ngunicorn==23.0.0\n",
	})
	f, err := parse("deploy/requirements.txt", []byte("-r requirements/base.txt\n-r requirements/prod.txt\n"), fs)
	if err != nil {
		t.Fatal(err)
	}
	want := []Pin{
		{Package: pkgref.Ref{Ecosystem: "PyPI", Name: "flask"}, Version: "3.0.3", Source: "deploy/requirements/base.txt", Line: 1},
		{Package: pkgref.Ref{Ecosystem: "PyPI", Name: "gunicorn"}, Version: "23.0.0", Source: "deploy/requirements/prod.txt", Line: 2},
		{Package: pkgref.Ref{Ecosystem: "PyPI", Name: "werkzeug"}, Version: "3.0.6", Source: "deploy/constraints.txt", Line: 1},
	}
	if diff := cmp.Diff(want, f.Pins); diff != "" {
		t.Errorf("pins (-want +got):\n%s", diff)
	}
}

func TestShellSplit(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"--hash=sha256:a  --hash=sha256:b", []string{"--hash=sha256:a", "--hash=sha256:b"}},
		{`-r 'my reqs.txt'`, []string{"-r", "my reqs.txt"}},
		{`-r "my \"reqs\".txt"`, []string{"-r", `my "reqs".txt`}},
		{`-r my\ reqs.txt`, []string{"-r", "my reqs.txt"}},
		{`--config-settings=""`, []string{"--config-settings="}},
	} {
		got, err := shellSplit(tt.in)
		if err != nil {
			t.Errorf("shellSplit(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("shellSplit(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
