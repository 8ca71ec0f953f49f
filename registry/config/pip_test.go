package config

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeFiles creates files below root; keys are slash paths.
func writeFiles(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// testEnv is an environment rooted in a temporary directory: HOME is
// ROOT/home, XDG_CONFIG_DIRS is ROOT/xdg (so /etc/xdg is not read).
func testEnv(t *testing.T, root string, vars map[string]string) Env {
	t.Helper()
	v := map[string]string{"XDG_CONFIG_DIRS": filepath.Join(root, "xdg")}
	for k, val := range vars {
		v[k] = strings.ReplaceAll(val, "ROOT", root)
	}
	return Env{Vars: v, Home: filepath.Join(root, "home"), Dir: filepath.Join(root, "work")}
}

func TestPipIndex(t *testing.T) {
	tests := []struct {
		name       string
		files      map[string]string
		vars       map[string]string
		flag       string
		want       string
		wantSource string
	}{
		{
			name: "default",
			want: "https://pypi.org/simple/", wantSource: "default",
		},
		{
			name:  "flag wins",
			flag:  "http://flag.example.test/simple",
			vars:  map[string]string{"PIP_INDEX_URL": "http://env.example.test/simple/"},
			files: map[string]string{"home/.config/pip/pip.conf": "[global]\nindex-url = http://file.example.test/simple/\n"},
			want:  "http://flag.example.test/simple/", wantSource: "--pypi-index",
		},
		{
			name:  "environment over files",
			vars:  map[string]string{"PIP_INDEX_URL": "http://env.example.test/simple/"},
			files: map[string]string{"home/.config/pip/pip.conf": "[install]\nindex-url = http://file.example.test/simple/\n"},
			want:  "http://env.example.test/simple/", wantSource: "PIP_INDEX_URL",
		},
		{
			name: "empty environment value is ignored",
			vars: map[string]string{"PIP_INDEX_URL": ""},
			want: "https://pypi.org/simple/", wantSource: "default",
		},
		{
			name: "new user file over legacy user file over global files",
			files: map[string]string{
				"xdg/pip/pip.conf":          "[global]\nindex-url = http://xdg.example.test/simple/\n",
				"home/.pip/pip.conf":        "[global]\nindex-url = http://legacy.example.test/simple/\n",
				"home/.config/pip/pip.conf": "[global]\nindex-url = http://new.example.test/simple/\n",
			},
			want: "http://new.example.test/simple/", wantSource: "ROOT/home/.config/pip/pip.conf [global]",
		},
		{
			name:  "XDG_CONFIG_HOME",
			vars:  map[string]string{"XDG_CONFIG_HOME": "ROOT/cfg"},
			files: map[string]string{"cfg/pip/pip.conf": "[global]\nindex_url = http://cfg.example.test/simple/\n"},
			want:  "http://cfg.example.test/simple/", wantSource: "ROOT/cfg/pip/pip.conf [global]",
		},
		{
			name: "install section beats global from a later file",
			files: map[string]string{
				"xdg/pip/pip.conf":          "[install]\nindex-url = http://install.example.test/simple/\n",
				"home/.config/pip/pip.conf": "[global]\nindex-url = http://global.example.test/simple/\n",
			},
			want: "http://install.example.test/simple/", wantSource: "ROOT/xdg/pip/pip.conf [install]",
		},
		{
			name: "PIP_CONFIG_FILE skips user files and wins",
			vars: map[string]string{"PIP_CONFIG_FILE": "ROOT/custom.conf", "VIRTUAL_ENV": "ROOT/venv"},
			files: map[string]string{
				"custom.conf":               "[global]\nindex-url = http://custom.example.test/simple/\n",
				"venv/pip.conf":             "[global]\nindex-url = http://venv.example.test/simple/\n",
				"home/.config/pip/pip.conf": "[install]\nindex-url = http://user.example.test/simple/\n",
			},
			want: "http://custom.example.test/simple/", wantSource: "ROOT/custom.conf [global]",
		},
		{
			name: "missing PIP_CONFIG_FILE keeps user files",
			vars: map[string]string{"PIP_CONFIG_FILE": "ROOT/absent.conf"},
			files: map[string]string{
				"home/.config/pip/pip.conf": "[global]\nindex-url = http://user.example.test/simple/\n",
			},
			want: "http://user.example.test/simple/", wantSource: "ROOT/home/.config/pip/pip.conf [global]",
		},
		{
			name: "virtualenv over user",
			vars: map[string]string{"VIRTUAL_ENV": "ROOT/venv"},
			files: map[string]string{
				"venv/pip.conf":             "[global]\nindex-url = http://venv.example.test/simple/\n",
				"home/.config/pip/pip.conf": "[global]\nindex-url = http://user.example.test/simple/\n",
			},
			want: "http://venv.example.test/simple/", wantSource: "ROOT/venv/pip.conf [global]",
		},
		{
			name:  "PIP_CONFIG_FILE=/dev/null disables files",
			vars:  map[string]string{"PIP_CONFIG_FILE": "/dev/null"},
			files: map[string]string{"home/.config/pip/pip.conf": "[global]\nindex-url = http://user.example.test/simple/\n"},
			want:  "https://pypi.org/simple/", wantSource: "default",
		},
		{
			name:  "DEFAULT section and colon delimiter",
			files: map[string]string{"home/.config/pip/pip.conf": "[DEFAULT]\nIndex-URL: http://default.example.test/simple/\n[global]\ntimeout = 60\n"},
			want:  "http://default.example.test/simple/", wantSource: "ROOT/home/.config/pip/pip.conf [global]",
		},
		{
			name: "user info moves to a credential",
			flag: "https://alice:pw%40x@private.example.test/pypi/simple",
			want: "https://private.example.test/pypi/simple/", wantSource: "--pypi-index",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tt.files)
			env := testEnv(t, root, tt.vars)
			got, err := PipIndex(env, tt.flag)
			if err != nil {
				t.Fatal(err)
			}
			if got.IndexURL != tt.want {
				t.Errorf("IndexURL = %q, want %q", got.IndexURL, tt.want)
			}
			if want := strings.ReplaceAll(tt.wantSource, "ROOT", root); got.Source != want {
				t.Errorf("Source = %q, want %q", got.Source, want)
			}
		})
	}
}

func TestPipIndexCredentials(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"home/.netrc": "machine files.example.test login bob password hunter2\ndefault login anon password x\n",
	})
	env := testEnv(t, root, nil)
	p, err := PipIndex(env, "https://alice:s3cret@private.example.test/simple/")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ url, want string }{
		{"https://private.example.test/simple/x/", Basic("alice", "s3cret")},
		{"https://private.example.test:443/packages/x.whl.metadata", Basic("alice", "s3cret")},
		{"https://private.example.test:8443/simple/x/", Basic("anon", "x")},
		{"https://files.example.test:8443/x.metadata", Basic("bob", "hunter2")},
		{"https://other.example.test/", Basic("anon", "x")},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		if got := Lookup(p.Credentials, u); got != tt.want {
			t.Errorf("Lookup(%s) = %q, want %q", tt.url, got, tt.want)
		}
	}
	for _, c := range p.Credentials {
		if strings.Contains(c.String(), "s3cret") || strings.Contains(c.String(), "hunter2") {
			t.Errorf("Credential.String leaks the secret: %s", c)
		}
	}
}

func TestPipConfErrors(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"outside section", "index-url = http://x/\n", "line 1: option outside any section"},
		{"duplicate section", "[global]\n[global]\n", "line 2: section [global] already exists"},
		{"duplicate option", "[global]\na = 1\nA = 2\n", `line 3: option "a" already set`},
		{"no delimiter", "[global]\njust words\n", "line 2: want key = value"},
	}
	for _, tt := range tests {
		_, err := parsePipConf(tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestParsePipConf(t *testing.T) {
	text := "# comment\n[global]\nindex-url =\n    http://a.example.test/simple/\n; another\ntimeout=5\nindex_url = http://b.example.test/simple/\n[install]\nextra-index-url = one\n  two\n\n  three\n"
	got, err := parsePipConf(text)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"global":  {"index-url": "http://b.example.test/simple/", "timeout": "5"},
		"install": {"extra-index-url": "one\ntwo\n\nthree"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestPipIndexFileErrorNamesFile(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"home/.config/pip/pip.conf": "index-url = https://u:topsecret@x.example.test/\n"})
	_, err := PipIndex(testEnv(t, root, nil), "")
	if err == nil || !strings.Contains(err.Error(), filepath.Join(root, "home/.config/pip/pip.conf")) || strings.Contains(err.Error(), "topsecret") {
		t.Errorf("err = %v", err)
	}
	_, err = PipIndex(testEnv(t, root, nil), "ftp://u:topsecret@x.example.test/")
	if err == nil || strings.Contains(err.Error(), "topsecret") {
		t.Errorf("bad flag: err = %v", err)
	}
}

func TestNetrc(t *testing.T) {
	text := `# comment
machine a.example.test
  login "user name" password "p\"w"
macdef init
  cd /pub
  machine evil.example.test login x password y

machine b.example.test account acct password pb
machine a.example.test login second password p2
`
	got := parseNetrc(text, "/n")
	want := []Credential{
		{Host: "a.example.test", AnyPort: true, Header: Basic("second", "p2"), Source: "/n"},
		{Host: "b.example.test", AnyPort: true, Header: Basic("acct", "pb"), Source: "/n"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := parseNetrc("machine x login", "/n"); got != nil {
		t.Errorf("malformed file gave %v, want nothing", got)
	}
}

// extra-index-url and cert are read as pip reads them: the environment,
// then the files, [install] over [global]; several extra URLs separated
// by whitespace or lines; user info becomes a credential. The flag names
// the one index a run reads.
func TestPipExtraIndexAndCert(t *testing.T) {
	tests := []struct {
		name                  string
		files, vars           map[string]string
		flag                  string
		wantExtra             []string
		wantExtraSrc          string
		wantCert, wantCertSrc string
	}{
		{name: "none"},
		{
			name: "file, several on lines",
			files: map[string]string{"home/.config/pip/pip.conf": "[global]\nindex-url = https://mirror.example.test/simple\n" +
				"extra-index-url =\n    https://a.example.test/simple\n    https://bob:pw@b.example.test/simple/\ncert = ROOT/ca.pem\n"},
			wantExtra:    []string{"https://a.example.test/simple/", "https://b.example.test/simple/"},
			wantExtraSrc: "ROOT/home/.config/pip/pip.conf [global]",
			wantCert:     "ROOT/ca.pem", wantCertSrc: "ROOT/home/.config/pip/pip.conf [global]",
		},
		{
			name:      "environment over files, install over global",
			files:     map[string]string{"home/.config/pip/pip.conf": "[global]\nextra-index-url = https://a.example.test/simple\ncert = /g.pem\n[install]\ncert = /i.pem\n"},
			vars:      map[string]string{"PIP_EXTRA_INDEX_URL": "https://c.example.test/simple https://d.example.test/simple"},
			wantExtra: []string{"https://c.example.test/simple/", "https://d.example.test/simple/"}, wantExtraSrc: "PIP_EXTRA_INDEX_URL",
			wantCert: "/i.pem", wantCertSrc: "ROOT/home/.config/pip/pip.conf [install]",
		},
		{
			name:     "PIP_CERT, relative to the working directory",
			vars:     map[string]string{"PIP_CERT": "certs/ca.pem"},
			wantCert: "ROOT/work/certs/ca.pem", wantCertSrc: "PIP_CERT",
		},
		{
			name:  "the flag's index alone; the index itself is not an extra",
			flag:  "https://flag.example.test/simple/",
			vars:  map[string]string{"PIP_EXTRA_INDEX_URL": "https://c.example.test/simple"},
			files: map[string]string{"home/.config/pip/pip.conf": "[global]\nextra-index-url = https://flag.example.test/simple\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for k, v := range tt.files {
				tt.files[k] = strings.ReplaceAll(v, "ROOT", root)
			}
			writeFiles(t, root, tt.files)
			got, err := PipIndex(testEnv(t, root, tt.vars), tt.flag)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantExtra, got.ExtraIndexURLs); diff != "" {
				t.Errorf("ExtraIndexURLs (-want +got):\n%s", diff)
			}
			r := func(s string) string { return strings.ReplaceAll(s, "ROOT", root) }
			// The machine's /etc/pip.conf is read too: its cert is only
			// compared where the test sets one over it.
			if got.ExtraSource != r(tt.wantExtraSrc) || tt.wantCert != "" && (got.Cert != r(tt.wantCert) || got.CertSource != r(tt.wantCertSrc)) {
				t.Errorf("extra source %q, cert %q from %q", got.ExtraSource, got.Cert, got.CertSource)
			}
			if tt.name == "file, several on lines" {
				u, _ := url.Parse("https://b.example.test/simple/x/")
				if Lookup(got.Credentials, u) == "" {
					t.Error("the extra index's user info is not a credential")
				}
			}
		})
	}
}
