package lockfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/patchline/patchline/ecosystem/pkgref"
)

// pinRow is a Pin with its Source relative to the fixture's directory.
type pinRow struct {
	eco, name, version, source string
	line                       int
	dev, direct                bool
}

const (
	py = "PyPI"
	js = "npm"
)

type unpinnedRow struct {
	source             string
	line               int
	name, spec, reason string
}

// TestRead reads every fixture and compares all pins and unpinned
// dependencies, with their lines, against the expected values.
func TestRead(t *testing.T) {
	for _, tt := range []struct {
		path     string
		format   Format
		version  string
		pins     []pinRow
		unpinned []unpinnedRow
	}{
		{
			path: "requirements/requirements-dev.txt", format: Requirements, version: "",
			pins: []pinRow{
				{py, "black", "24.10.0", "requirements-dev.txt", 3, false, false},
				{py, "click", "8.1.7", "requirements-tools.txt", 1, false, false},
				{py, "flask", "3.0.3", "requirements/base.txt", 4, false, false},
				{py, "invenio-app-rdm", "13.1.2", "requirements.txt", 9, false, false},
				{py, "invenio-communities", "20.2.1", "requirements.txt", 11, false, false},
				{py, "invenio-rdm-records", "17.3.0", "requirements/base.txt", 2, false, false},
				{py, "invenio-records-resources", "8.4.1", "requirements/base.txt", 3, false, false},
				{py, "jinja2", "3.1.4", "constraints.txt", 2, false, false},
				{py, "pytest-invenio", "3.0.0", "requirements-dev.txt", 2, false, false},
				{py, "uwsgi", "2.0.28", "requirements.txt", 14, false, false},
				{py, "werkzeug", "3.0.6", "constraints.txt", 3, false, false},
			},
			unpinned: []unpinnedRow{
				{"requirements.txt", 15, "celery", ">=5.4,<6", "not pinned to one version"},
				{"requirements.txt", 16, "lxml", "", "no version specifier"},
				{"requirements.txt", 17, "invenio-theme", "git+https://git.example.test/inveniosoftware/invenio-theme.git@v4.1.0#egg=invenio-theme", "editable install"},
				{"requirements.txt", 18, "my-overlay", "https://pypi.example.test/packages/my_overlay-1.0-py3-none-any.whl", "URL requirement"},
				{"requirements.txt", 19, "", "./site", "path requirement"},
			},
		},
		{
			path: "poetry/poetry.lock", format: PoetryLock, version: "2.1",
			pins: []pinRow{
				{py, "flask", "3.0.3", "poetry.lock", 5, false, false},
				{py, "invenio-app-rdm", "13.1.2", "poetry.lock", 24, false, false},
				{py, "invenio-communities", "20.2.1", "poetry.lock", 40, false, false},
				{py, "pytest-invenio", "3.0.0", "poetry.lock", 65, true, false},
				{py, "werkzeug", "3.0.6", "poetry.lock", 74, false, false},
			},
			unpinned: []unpinnedRow{
				{"poetry.lock", 49, "invenio-theme", "https://git.example.test/inveniosoftware/invenio-theme.git@v4.1.0", "git source"},
			},
		},
		{
			path: "poetry-1.1/poetry.lock", format: PoetryLock, version: "1.1",
			pins: []pinRow{
				{py, "invenio-app-rdm", "11.0.5", "poetry.lock", 3, false, false},
				{py, "invenio-app-rdm", "11.0.6", "poetry.lock", 11, false, false},
				{py, "pytest-invenio", "2.1.0", "poetry.lock", 19, true, false},
			},
			unpinned: []unpinnedRow{
				{"poetry.lock", 27, "site-overlay", "site", "directory source"},
			},
		},
		{
			path: "uv/uv.lock", format: UVLock, version: "1",
			pins: []pinRow{
				{py, "asgiref", "3.8.1", "uv.lock", 28, false, false},
				{py, "blinker", "1.9.0", "uv.lock", 7, false, false},
				{py, "flask", "3.0.3", "uv.lock", 13, false, false},
				{py, "invenio-app-rdm", "13.1.2", "uv.lock", 33, false, true},
				{py, "invenio-communities", "20.2.1", "uv.lock", 42, false, false},
				{py, "pytest", "8.3.4", "uv.lock", 84, true, false},
				{py, "pytest-invenio", "3.0.0", "uv.lock", 75, true, true},
				{py, "werkzeug", "3.0.6", "uv.lock", 89, false, false},
			},
			unpinned: []unpinnedRow{
				{"uv.lock", 47, "invenio-theme", "https://git.example.test/inveniosoftware/invenio-theme.git?tag=v4.1.0#1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "git source"},
			},
		},
		{
			path: "pipenv/Pipfile.lock", format: PipfileLock, version: "6",
			pins: []pinRow{
				{py, "flask", "3.0.3", "Pipfile.lock", 25, false, false},
				{py, "invenio-app-rdm", "13.1.2", "Pipfile.lock", 33, false, false},
				{py, "invenio-communities", "20.2.1", "Pipfile.lock", 37, false, false},
				{py, "pytest-invenio", "3.0.0", "Pipfile.lock", 56, true, false},
				{py, "werkzeug", "3.0.6", "Pipfile.lock", 45, false, false},
			},
			unpinned: []unpinnedRow{
				{"Pipfile.lock", 39, "invenio-theme", "https://git.example.test/inveniosoftware/invenio-theme.git@1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "git dependency"},
				{"Pipfile.lock", 49, "my-site", ".", "editable install"},
			},
		},
		{
			path: "npm-v1/package-lock.json", format: PackageLock, version: "1",
			pins: []pinRow{
				{js, "axios", "1.6.8", "package-lock.json", 44, false, false},
				{js, "axios", "1.7.9", "package-lock.json", 13, false, false},
				{js, "follow-redirects", "1.15.9", "package-lock.json", 21, false, false},
				{js, "jest", "29.7.0", "package-lock.json", 30, true, false},
				{js, "react-invenio-forms", "4.17.0", "package-lock.json", 8, false, false},
				{js, "react-invenio-forms", "4.17.3", "package-lock.json", 36, false, false},
				{js, "react-searchkit", "3.0.0", "package-lock.json", 51, false, false},
			},
			unpinned: []unpinnedRow{
				{"package-lock.json", 26, "invenio-theme-assets", "github:inveniosoftware/invenio-theme-assets#1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "not a registry version"},
			},
		},
		{
			path: "npm-v2/package-lock.json", format: PackageLock, version: "2",
			pins: []pinRow{
				{js, "react-invenio-forms", "4.17.0", "package-lock.json", 18, true, true},
				{js, "react-searchkit", "3.0.0", "package-lock.json", 24, false, true},
			},
			unpinned: []unpinnedRow{},
		},
		{
			path: "npm-v3/package-lock.json", format: PackageLock, version: "3",
			pins: []pinRow{
				{js, "axios", "1.6.8", "package-lock.json", 100, false, false},
				{js, "axios", "1.7.9", "package-lock.json", 30, false, false},
				{js, "fsevents", "2.3.3", "package-lock.json", 36, false, false},
				{js, "jest", "29.7.0", "package-lock.json", 50, true, true},
				{js, "react-invenio-deposit", "3.0.2", "package-lock.json", 24, false, true},
				{js, "react-invenio-forms", "4.17.0", "package-lock.json", 63, false, true},
				{js, "react-invenio-forms", "4.17.3", "package-lock.json", 79, false, false},
				{js, "react-searchkit", "3.0.0", "package-lock.json", 72, false, true},
				{js, "semver", "7.6.3", "package-lock.json", 57, false, true},
			},
			unpinned: []unpinnedRow{
				{"package-lock.json", 89, "site-icons", "git+ssh://git@git.example.test/inveniosoftware/site-icons.git#1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "git dependency"},
			},
		},
		{
			path: "npm-shrinkwrap/npm-shrinkwrap.json", format: PackageLock, version: "3",
			pins: []pinRow{
				{js, "react-invenio-forms", "4.17.3", "npm-shrinkwrap.json", 18, true, true},
				{js, "react-searchkit", "3.0.0", "npm-shrinkwrap.json", 24, false, true},
			},
			unpinned: []unpinnedRow{},
		},
		{
			path: "yarn-v1/yarn.lock", format: YarnLock, version: "1",
			pins: []pinRow{
				{js, "axios", "1.7.9", "yarn.lock", 13, false, false},
				{js, "follow-redirects", "1.15.9", "yarn.lock", 21, false, false},
				{js, "form-data", "4.0.1", "yarn.lock", 26, false, false},
				{js, "react-invenio-forms", "4.17.0", "yarn.lock", 35, false, false},
				{js, "react-invenio-forms", "4.17.3", "yarn.lock", 6, false, false},
				{js, "react-searchkit", "3.0.0", "yarn.lock", 42, false, false},
			},
			unpinned: []unpinnedRow{
				{"yarn.lock", 31, "invenio-theme-assets", "github:inveniosoftware/invenio-theme-assets#v1.0.0", "git dependency"},
				{"yarn.lock", 49, "site-icons", "file:./vendor/site-icons", "local dependency"},
			},
		},
		{
			path: "yarn-berry/yarn.lock", format: YarnLock, version: "berry 8",
			pins: []pinRow{
				{js, "axios", "1.7.9", "yarn.lock", 18, false, false},
				{js, "jest", "29.7.0", "yarn.lock", 43, false, true},
				{js, "react-invenio-forms", "4.17.0", "yarn.lock", 50, false, true},
				{js, "react-invenio-forms", "4.17.3", "yarn.lock", 9, false, true},
				{js, "react-searchkit", "3.0.0", "yarn.lock", 59, false, true},
				{js, "resolve", "1.22.8", "yarn.lock", 66, false, false},
			},
			unpinned: []unpinnedRow{
				{"yarn.lock", 37, "invenio-theme-assets", "invenio-theme-assets@https://git.example.test/inveniosoftware/invenio-theme-assets.git#commit=1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "git dependency"},
			},
		},
		{
			path: "pnpm-v5/pnpm-lock.yaml", format: PnpmLock, version: "5.4",
			pins: []pinRow{
				{js, "@babel/core", "7.26.0", "pnpm-lock.yaml", 46, true, false},
				{js, "jest", "29.7.0", "pnpm-lock.yaml", 21, true, true},
				{js, "react", "18.2.0", "pnpm-lock.yaml", 42, false, false},
				{js, "react-dom", "18.2.0", "pnpm-lock.yaml", 26, false, true},
				{js, "react-invenio-forms", "4.17.0", "pnpm-lock.yaml", 34, false, true},
				{js, "react-invenio-forms", "4.17.3", "pnpm-lock.yaml", 38, false, true},
			},
			unpinned: []unpinnedRow{
				{"pnpm-lock.yaml", 50, "site-icons", "registry.example.test/site-icons/-/site-icons-0.3.0.tgz", "not from the registry"},
			},
		},
		{
			path: "pnpm-v6/pnpm-lock.yaml", format: PnpmLock, version: "6.0",
			pins: []pinRow{
				{js, "@babel/core", "7.26.0", "pnpm-lock.yaml", 30, true, false},
				{js, "jest", "29.7.0", "pnpm-lock.yaml", 35, true, true},
				{js, "react", "18.2.0", "pnpm-lock.yaml", 55, false, false},
				{js, "react-invenio-forms", "4.17.0", "pnpm-lock.yaml", 39, false, true},
				{js, "react-searchkit", "3.0.0", "pnpm-lock.yaml", 47, false, true},
			},
			unpinned: []unpinnedRow{
				{"pnpm-lock.yaml", 59, "site-icons", "github.com/inveniosoftware/site-icons/1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "not from the registry"},
			},
		},
		{
			path: "pnpm-v9/pnpm-lock.yaml", format: PnpmLock, version: "9.0",
			pins: []pinRow{
				{js, "jest", "29.7.0", "pnpm-lock.yaml", 30, true, true},
				{js, "loose-envify", "1.4.0", "pnpm-lock.yaml", 34, false, false},
				{js, "react", "18.2.0", "pnpm-lock.yaml", 53, false, false},
				{js, "react-invenio-forms", "4.17.0", "pnpm-lock.yaml", 38, true, true},
				{js, "react-invenio-forms", "4.17.3", "pnpm-lock.yaml", 43, false, true},
				{js, "react-searchkit", "3.0.0", "pnpm-lock.yaml", 48, false, true},
				{js, "semver", "7.6.3", "pnpm-lock.yaml", 57, false, false},
			},
			unpinned: []unpinnedRow{
				{"pnpm-lock.yaml", 62, "site-icons", "site-icons@git+https://git.example.test/inveniosoftware/site-icons.git#1f0e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "not from the registry"},
			},
		},
	} {
		t.Run(tt.path, func(t *testing.T) {
			path := filepath.Join("testdata", tt.path)
			dir := filepath.Dir(path)
			got, err := Read(path)
			if err != nil {
				t.Fatal(err)
			}
			want := &File{Path: path, Format: tt.format, FormatVersion: tt.version}
			for _, r := range tt.pins {
				want.Pins = append(want.Pins, Pin{
					Package: pkgref.Ref{Ecosystem: r.eco, Name: r.name},
					Version: r.version, Source: filepath.Join(dir, r.source),
					Line: r.line, Dev: r.dev, Direct: r.direct,
				})
			}
			for _, r := range tt.unpinned {
				want.Unpinned = append(want.Unpinned, Unpinned{
					Source: filepath.Join(dir, r.source), Line: r.line,
					Name: r.name, Spec: r.spec, Reason: r.reason,
				})
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Read(%s) mismatch (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestByteOrderMark: a file saved with a UTF-8 byte order mark reads like
// the same file without one, in every format.
func TestByteOrderMark(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		files, _ := os.ReadDir(dir)
		for _, f := range files {
			name := filepath.Join(dir, f.Name())
			if _, err := Detect(name); err != nil || f.IsDir() {
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			plain, err := Parse(name, data)
			if err != nil {
				continue // the bad fixtures
			}
			withBOM, err := Parse(name, append([]byte("\ufeff"), data...))
			if err != nil {
				t.Errorf("%s with a byte order mark: %v", name, err)
				continue
			}
			if diff := cmp.Diff(plain.Pins, withBOM.Pins); diff != "" {
				t.Errorf("%s: pins differ with a byte order mark (-without +with):\n%s", name, diff)
			}
			n++
		}
	}
	if n < 10 {
		t.Errorf("checked %d lockfiles, want one of every format at least", n)
	}
}
