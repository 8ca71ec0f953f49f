package lockfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// memFS serves includes from a map, so that error cases need no files.
func memFS(files map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if s, ok := files[filepath.ToSlash(name)]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
}

// TestParseErrors checks that every unreadable input is an *Error naming
// the file, the line where known, and what is wrong; never an empty File.
func TestParseErrors(t *testing.T) {
	truncatedLock, err := os.ReadFile("testdata/npm-v3/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	truncatedLock = truncatedLock[:len(truncatedLock)/2]
	for _, tt := range []struct {
		desc     string
		name     string
		data     string
		includes map[string]string
		path     string // Error.Path, when it is not name
		line     int
		msg      string // a substring of the message
		unknown  bool   // wraps ErrUnknownFormat
	}{
		{desc: "unknown name", name: "foo.lock", data: "anything", msg: `unknown lockfile format "foo.lock"`, unknown: true},
		{desc: "unknown txt", name: "notes.txt", data: "flask==3.0.3", msg: "unknown lockfile format", unknown: true},
		{desc: "Gemfile.lock", name: "app/Gemfile.lock", data: "GEM\n", msg: "unknown lockfile format", unknown: true},

		{desc: "truncated package-lock.json", name: "package-lock.json", data: string(truncatedLock), line: strings.Count(string(truncatedLock), "\n") + 1, msg: "unexpected end of JSON input"},
		{desc: "JSON syntax", name: "package-lock.json", data: "{\n  \"lockfileVersion\": 3,\n  \"packages\": {,}\n}", line: 3, msg: "invalid character ','"},
		{desc: "JSON wrong type", name: "package-lock.json", data: "{\n  \"lockfileVersion\": \"3\"\n}", line: 2, msg: "lockfileVersion is a JSON string"},
		{desc: "no lockfileVersion", name: "package-lock.json", data: "{}", line: 1, msg: `no "lockfileVersion"`},
		{desc: "v3 without packages", name: "package-lock.json", data: `{"lockfileVersion": 3}`, line: 1, msg: `without "packages"`},
		{desc: "lockfileVersion 4", name: "package-lock.json", data: `{"lockfileVersion": 4}`, line: 1, msg: "unsupported lockfileVersion 4"},
		{desc: "npm invalid version", name: "package-lock.json", data: "{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/react-searchkit\": {\n\"version\": \"3.0\"}}}", line: 3, msg: `npm:react-searchkit: invalid npm version "3.0"`},
		{desc: "npm invalid name", name: "package-lock.json", data: "{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/Bad Name\": {\n\"version\": \"3.0.0\"}}}", line: 3, msg: `invalid npm package name "Bad Name"`},
		{desc: "npm folder that is no install location", name: "package-lock.json", data: "{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/a/lib\": {\n\"version\": \"1.0.0\"}}}", line: 3, msg: `invalid npm package name "a/lib"`},
		{desc: "Pipfile.lock truncated", name: "Pipfile.lock", data: "{\"default\": {\"flask\": {\"version\": \"==3.0.3\"", line: 1, msg: "unexpected end of JSON input"},
		{desc: "Pipfile.lock range", name: "Pipfile.lock", data: "{\"default\": {\"flask\": {\n\"version\": \">=3.0\"}}}", line: 2, msg: `flask: version ">=3.0" is not an exact pin`},
		{desc: "Pipfile.lock no sections", name: "Pipfile.lock", data: "{}", line: 1, msg: `no "default" or "develop"`},

		{desc: "bad TOML", name: "poetry.lock", data: "[[package]]\nname = \"flask\"\nversion = 3.0.3\n", line: 3, msg: "not a valid poetry.lock"},
		{desc: "poetry invalid version", name: "poetry.lock", data: "[[package]]\nname = \"flask\"\nversion = \"3.0.x\"\n", line: 3, msg: `PyPI:flask: invalid PyPI version "3.0.x"`},
		{desc: "poetry no version", name: "poetry.lock", data: "[[package]]\nname = \"flask\"\n", msg: "has no name or version"},
		{desc: "empty poetry.lock", name: "poetry.lock", data: "", line: 1, msg: "not a poetry.lock"},
		{desc: "bad uv TOML", name: "uv.lock", data: "version = 1\n[[package]\n", line: 2, msg: "not a valid uv.lock"},
		{desc: "uv without version", name: "uv.lock", data: "[[package]]\nname = \"flask\"\n", line: 1, msg: "not a uv.lock"},
		{desc: "uv registry without version", name: "uv.lock", data: "version = 1\n[[package]]\nname = \"flask\"\nsource = { registry = \"https://pypi.example.test/simple\" }\n", msg: `"flask" from a registry has no version`},

		{desc: "invalid version", name: "requirements.txt", data: "flask==3.0.3\ninvenio-communities==20.2.x\n", line: 2, msg: `PyPI:invenio-communities: invalid PyPI version "20.2.x"`},
		{desc: "invalid === version", name: "requirements.txt", data: "uwsgi===2.0.28-custom build\n", line: 1, msg: "invalid"},
		{desc: "invalid range", name: "requirements.txt", data: "\n\ncelery>=5.x\n", line: 3, msg: `invalid requirement "celery>=5.x"`},
		{desc: "invalid requirement", name: "requirements.txt", data: "flask=3.0.3\n", line: 1, msg: `invalid requirement "flask=3.0.3"`},
		{desc: "conflicting pins", name: "requirements.txt", data: "flask==3.0.3,==3.0.2\n", line: 1, msg: "conflicting pins"},
		{desc: "unknown option", name: "requirements.txt", data: "--no-such-option\n", line: 1, msg: "no such option: --no-such-option"},
		{desc: "ambiguous option", name: "requirements.txt", data: "--no\n", line: 1, msg: "ambiguous option --no"},
		{desc: "unclosed quote", name: "requirements.txt", data: "--index-url 'https://pypi.example.test/simple\n", line: 1, msg: "no closing quotation"},
		{desc: "option without value", name: "requirements.txt", data: "flask==3.0.3\n-r\n", line: 2, msg: "option -r requires a value"},
		{
			desc: "include cycle", name: "ci/requirements.txt", data: "flask==3.0.3\n-r requirements-base.txt\n",
			includes: map[string]string{"ci/requirements-base.txt": "click==8.1.7\n\n--requirement=requirements.txt\n"},
			path:     "ci/requirements-base.txt", line: 3, msg: "include cycle: requirements.txt -> requirements-base.txt -> requirements.txt",
		},
		{desc: "self include", name: "requirements.txt", data: "-r ./requirements.txt\n", line: 1, msg: "include cycle: requirements.txt -> requirements.txt"},
		{desc: "missing include", name: "requirements.txt", data: "flask==3.0.3\n-c constraints.txt\n", line: 2, msg: "cannot read included file constraints.txt"},
		{desc: "remote include", name: "requirements.txt", data: "-r https://pypi.example.test/requirements.txt\n", line: 1, msg: "remote include"},
		{
			desc: "error in include", name: "requirements.txt", data: "-r sub/base.txt\n",
			includes: map[string]string{"sub/base.txt": "# base\nflask==three\n"},
			path:     "sub/base.txt", line: 2, msg: "line 2 is not a requirement pip accepts (not shown: base.txt is not named as a requirements file)",
		},
		{
			desc: "error in requirements include", name: "requirements.txt", data: "-r sub/requirements-base.txt\n",
			includes: map[string]string{"sub/requirements-base.txt": "# base\nflask==three\n"},
			path:     "sub/requirements-base.txt", line: 2, msg: `invalid PyPI version "three"`,
		},
		{desc: "passwd line", name: "requirements.txt", data: "flask==3.0.3\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n", line: 2, msg: `invalid requirement "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin": it looks like a path`},
		{desc: "unknown URL scheme", name: "requirements.txt", data: "root:x:0:0:root\n", line: 1, msg: `invalid requirement "root:x:0:0:root"`},
		{desc: "missing path", name: "requirements.txt", data: "./no-such-dir\n", line: 1, msg: "it looks like a path, but no such directory"},
		{desc: "NUL byte", name: "requirements.txt", data: "flask==3.0.3\nA=1\x00B=2\n", line: 2, msg: "not a requirements file: it holds a NUL byte"},

		{desc: "yarn odd indent", name: "yarn.lock", data: "# yarn lockfile v1\n\nflask@^1.0.0:\n   version \"1.0.0\"\n", line: 4, msg: "invalid number of spaces"},
		{desc: "yarn no header colon", name: "yarn.lock", data: "react-searchkit@^3.0.0\n  version \"3.0.0\"\n", line: 1, msg: "expected a header"},
		{desc: "yarn unterminated", name: "yarn.lock", data: "\"react-searchkit@^3.0.0:\n  version \"3.0.0\"\n", line: 1, msg: "unterminated string"},
		{desc: "yarn no version", name: "yarn.lock", data: "react-searchkit@^3.0.0:\n  resolved \"https://registry.example.test/x.tgz\"\n", line: 1, msg: "has no version"},
		{desc: "yarn bad indent", name: "yarn.lock", data: "react-searchkit@^3.0.0:\n  version \"3.0.0\"\n    extra \"x\"\n", line: 3, msg: "unexpected indentation"},
		{desc: "yarn invalid version", name: "yarn.lock", data: "react-searchkit@^3.0.0:\n  version \"3.0\"\n", line: 2, msg: `npm:react-searchkit: invalid npm version "3.0"`},
		{desc: "berry bad YAML", name: "yarn.lock", data: "__metadata:\n  version: 8\n\"axios@npm:^1.7.0\":\n  version: [1.7.9\n", line: 4, msg: "not a valid yarn.lock"},
		{desc: "berry no resolution", name: "yarn.lock", data: "__metadata:\n  version: 8\n\"axios@npm:^1.7.0\":\n  version: 1.7.9\n", line: 3, msg: "has no resolution"},
		{desc: "berry invalid version", name: "yarn.lock", data: "__metadata:\n  version: 8\n\"axios@npm:^1.7.0\":\n  version: 1.7\n  resolution: \"axios@npm:1.7\"\n", line: 4, msg: `invalid npm version "1.7"`},

		{desc: "pnpm bad YAML", name: "pnpm-lock.yaml", data: "lockfileVersion: '9.0'\npackages:\n  react@18.2.0: {resolution: {integrity: x}\n", line: 3, msg: "not a valid pnpm-lock.yaml"},
		{desc: "pnpm no version", name: "pnpm-lock.yaml", data: "packages: {}\n", line: 1, msg: "no lockfileVersion"},
		{desc: "pnpm unsupported", name: "pnpm-lock.yaml", data: "lockfileVersion: 4.0\n", line: 1, msg: `unsupported pnpm lockfileVersion "4.0"`},
		{desc: "pnpm invalid version", name: "pnpm-lock.yaml", data: "lockfileVersion: '9.0'\npackages:\n  react@18.2: {}\n", line: 3, msg: `invalid npm version "18.2"`},
		{desc: "berry two documents", name: "yarn.lock", data: "__metadata:\n  version: 8\n---\n__metadata:\n  version: 8\n", line: 4, msg: "want one YAML document, found 2"},
		{desc: "pnpm key without version", name: "pnpm-lock.yaml", data: "lockfileVersion: '9.0'\n\npackages:\n\n  react@18.2.0:\n    resolution: {integrity: x}\n\n  react-dom:\n    resolution: {integrity: y}\n", line: 8, msg: `malformed pnpm package key "react-dom": no version`},
		{desc: "pnpm 5 key without version", name: "pnpm-lock.yaml", data: "lockfileVersion: 5.4\npackages:\n  /react/18.2.0: {}\n  /@types/react: {}\n", line: 4, msg: `malformed pnpm package key "/@types/react"`},
		{desc: "pnpm second document", name: "pnpm-lock.yaml", data: "---\nlockfileVersion: '9.0'\n---\nlockfileVersion: '4.0'\n", line: 4, msg: `unsupported pnpm lockfileVersion "4.0"`},
		{desc: "pnpm deep flow nesting", name: "pnpm-lock.yaml", data: "lockfileVersion: '9.0'\npackages: " + strings.Repeat("[", 20000) + "\n", line: 2, msg: "exceeded max depth"},
		{desc: "pnpm nesting over the bound", name: "pnpm-lock.yaml", data: "lockfileVersion: '9.0'\npackages: " + strings.Repeat("[", 65) + strings.Repeat("]", 65) + "\n", line: 2, msg: "nested more than 64 levels deep"},
		{desc: "pnpm recursive alias", name: "pnpm-lock.yaml", data: "lockfileVersion: '9.0'\npackages: &a\n  x: *a\n", line: 3, msg: "refers to a node that contains it"},
		{desc: "pnpm empty", name: "pnpm-lock.yaml", data: "# nothing\n", line: 1, msg: "the file is empty"},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			f, err := parse(tt.name, []byte(tt.data), memFS(tt.includes))
			if err == nil {
				t.Fatalf("parse(%s) = %+v, want an error", tt.name, f)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("parse(%s) error %T %v, want *Error", tt.name, err, err)
			}
			wantPath := tt.path
			if wantPath == "" {
				wantPath = tt.name
			}
			if e.Path != wantPath || e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("parse(%s) = %q (path %q, line %d), want path %q, line %d, message containing %q", tt.name, err, e.Path, e.Line, wantPath, tt.line, tt.msg)
			}
			if got := errors.Is(err, ErrUnknownFormat); got != tt.unknown {
				t.Errorf("errors.Is(%v, ErrUnknownFormat) = %v, want %v", err, got, tt.unknown)
			}
		})
	}
}

// TestReadErrors covers the file-system side: missing files, includes
// read relative to the including file, and a cycle between real files.
func TestReadErrors(t *testing.T) {
	for _, tt := range []struct {
		path string
		want string // the whole error text
		is   error
	}{
		{"testdata/nope/package-lock.json", "testdata/nope/package-lock.json: cannot read lockfile: no such file or directory", fs.ErrNotExist},
		{"testdata/bad/foo.lock", `testdata/bad/foo.lock: unknown lockfile format "foo.lock" (known: requirements.txt, poetry.lock, uv.lock, Pipfile.lock, package-lock.json, yarn.lock, pnpm-lock.yaml, npm-shrinkwrap.json, requirements*.txt)`, ErrUnknownFormat},
		{"testdata/requirements/requirements-cycle-a.txt", "testdata/requirements/requirements-cycle-b.txt:2: include cycle: requirements-cycle-a.txt -> requirements-cycle-b.txt -> requirements-cycle-a.txt", nil},
		{"testdata/requirements/requirements-bad-version.txt", `testdata/requirements/requirements-bad-version.txt:2: PyPI:invenio-communities: invalid PyPI version "20.2.x": unexpected '.' at offset 4 of "20.2.x"`, nil},
		{"testdata/requirements/requirements-missing-include.txt", "testdata/requirements/requirements-missing-include.txt:2: cannot read included file testdata/requirements/does-not-exist.txt: no such file or directory", fs.ErrNotExist},
		{"testdata/requirements/requirements-include-passwd.txt", "testdata/requirements/passwd:1: line 1 is not a requirement pip accepts (not shown: passwd is not named as a requirements file)", nil},
		{"testdata/requirements/requirements-include-environ.txt", "testdata/requirements/environ:1: not a requirements file: it holds a NUL byte", nil},
		{"testdata/requirements/site/pyproject.toml", `testdata/requirements/site/pyproject.toml: unknown lockfile format "pyproject.toml" (known: requirements.txt, poetry.lock, uv.lock, Pipfile.lock, package-lock.json, yarn.lock, pnpm-lock.yaml, npm-shrinkwrap.json, requirements*.txt)`, ErrUnknownFormat},
		{"testdata/bad/package-lock.json", "testdata/bad/package-lock.json:17: not a valid package-lock.json: unexpected end of JSON input", nil},
		{"testdata/bad/poetry.lock", "testdata/bad/poetry.lock:4: not a valid poetry.lock: expected value but found \"main\" instead", nil},
	} {
		_, err := Read(tt.path)
		if err == nil {
			t.Errorf("Read(%s) succeeded, want %q", tt.path, tt.want)
			continue
		}
		var e *Error
		if !errors.As(err, &e) || err.Error() != tt.want {
			t.Errorf("Read(%s) = %T %q, want *Error %q", tt.path, err, err, tt.want)
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("Read(%s) = %v, want it to wrap %v", tt.path, err, tt.is)
		}
	}
}
