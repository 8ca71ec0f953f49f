package config

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadNPMRegistry(t *testing.T) {
	tests := []struct {
		name       string
		files      map[string]string
		vars       map[string]string
		flag       string
		want       string
		wantSource string
		wantScopes map[string]string
	}{
		{
			name:  "flag wins",
			flag:  "http://flag.example.test/npm",
			vars:  map[string]string{"NPM_CONFIG_REGISTRY": "http://env.example.test/"},
			files: map[string]string{"home/.npmrc": "registry=http://user.example.test/\n"},
			want:  "http://flag.example.test/npm/", wantSource: "--npm-registry",
		},
		{
			name:  "environment, upper case",
			vars:  map[string]string{"NPM_CONFIG_REGISTRY": "http://env.example.test/"},
			files: map[string]string{"work/.npmrc": "registry=http://project.example.test/\n"},
			want:  "http://env.example.test/", wantSource: "environment",
		},
		{
			name: "environment, lower case",
			vars: map[string]string{"npm_config_registry": "http://lower.example.test/"},
			want: "http://lower.example.test/", wantSource: "environment",
		},
		{
			name: "project npmrc at the package root above the working directory",
			files: map[string]string{
				"work/package.json":       "{}",
				"work/.npmrc":             "registry = \"http://project.example.test/r/\"\n",
				"work/sub/dir/.keep":      "",
				"home/.npmrc":             "registry=http://user.example.test/\n",
				"prefix/etc/npmrc":        "registry=http://global.example.test/\n",
				"work/sub/.npmrc.ignored": "",
			},
			vars: map[string]string{"PREFIX": "ROOT/prefix"},
			want: "http://project.example.test/r/", wantSource: "ROOT/work/.npmrc",
		},
		{
			name: "user over global",
			files: map[string]string{
				"home/.npmrc":      "registry=http://user.example.test/ # comment\n",
				"prefix/etc/npmrc": "registry=http://global.example.test/\n",
			},
			vars: map[string]string{"PREFIX": "ROOT/prefix"},
			want: "http://user.example.test/", wantSource: "ROOT/home/.npmrc",
		},
		{
			name: "NPM_CONFIG_USERCONFIG",
			files: map[string]string{
				"home/.npmrc": "registry=http://user.example.test/\n",
				"alt/npmrc":   "registry=http://alt.example.test/\n",
			},
			vars: map[string]string{"NPM_CONFIG_USERCONFIG": "ROOT/alt/npmrc"},
			want: "http://alt.example.test/", wantSource: "ROOT/alt/npmrc",
		},
		{
			name: "global via prefix in the user file",
			files: map[string]string{
				"home/.npmrc":      "prefix=ROOT/gp\n",
				"gp/etc/npmrc":     "registry=http://global.example.test/\n",
				"prefix/etc/npmrc": "registry=http://wrong.example.test/\n",
			},
			vars: map[string]string{"PREFIX": "ROOT/prefix"},
			want: "http://global.example.test/", wantSource: "ROOT/gp/etc/npmrc",
		},
		{
			name: "scoped registries and env expansion",
			files: map[string]string{
				"home/.npmrc": "registry=${REG}\n@inveniosoftware:registry=http://scoped.example.test/npm\n@other:registry=${UNSET}\n",
			},
			vars: map[string]string{"REG": "http://expanded.example.test/"},
			want: "http://expanded.example.test/", wantSource: "ROOT/home/.npmrc",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			files := map[string]string{}
			for k, v := range tt.files {
				files[k] = strings.ReplaceAll(v, "ROOT", root)
			}
			writeFiles(t, root, files)
			env := testEnv(t, root, tt.vars)
			env.Dir = filepath.Join(root, "work", "sub", "dir")
			os.MkdirAll(env.Dir, 0o755)
			n, err := LoadNPM(context.Background(), env, tt.flag)
			if tt.name == "scoped registries and env expansion" {
				// ${UNSET} stays literal, as npm leaves it: not a URL.
				if err == nil || !strings.Contains(err.Error(), "@other:registry") {
					t.Fatalf("err = %v, want the @other scope rejected", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n.Registry != tt.want {
				t.Errorf("Registry = %q, want %q", n.Registry, tt.want)
			}
			if want := strings.ReplaceAll(tt.wantSource, "ROOT", root); n.Source != want {
				t.Errorf("Source = %q, want %q", n.Source, want)
			}
		})
	}
}

func TestNPMScopesAndAuth(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"home/.npmrc": strings.Join([]string{
			"registry=https://npm.example.test/repo/npm/",
			"@inveniosoftware:registry=https://scoped.example.test/",
			"//npm.example.test/repo/npm/:_authToken=${NPM_TOKEN}",
			"//npm.example.test/other:_auth=dXNlcjpwYXNz",
			"//scoped.example.test/:username=carol",
			"//scoped.example.test/:_password=" + "c2VjcmV0", // base64("secret")
			"//bare.example.test:_authToken=tok-bare",
			"_authToken=unscoped-is-ignored",
		}, "\n"),
	})
	env := testEnv(t, root, map[string]string{"NPM_TOKEN": "tok-123"})
	n, err := LoadNPM(context.Background(), env, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"@inveniosoftware": "https://scoped.example.test/"}, n.Scopes); diff != "" {
		t.Errorf("Scopes (-want +got):\n%s", diff)
	}
	if got := n.RegistryFor("@inveniosoftware/react-invenio-forms"); got != "https://scoped.example.test/" {
		t.Errorf("RegistryFor(scoped) = %q", got)
	}
	if got := n.RegistryFor("react-searchkit"); got != "https://npm.example.test/repo/npm/" {
		t.Errorf("RegistryFor(unscoped) = %q", got)
	}
	tests := []struct {
		url, registry, want string
	}{
		{"https://npm.example.test/repo/npm/react-searchkit", "https://npm.example.test/repo/npm/", "Bearer tok-123"},
		{"https://npm.example.test/other/x", "", "Basic dXNlcjpwYXNz"},
		// Same host as the registry but outside its path: the
		// registry's auth, as npm-registry-fetch falls back to it.
		{"https://npm.example.test/tarballs/x.tgz", "https://npm.example.test/repo/npm/", "Bearer tok-123"},
		{"https://npm.example.test/tarballs/x.tgz", "", ""},
		{"https://scoped.example.test/@inveniosoftware%2freact-invenio-forms", "https://scoped.example.test/", Basic("carol", "secret")},
		{"https://bare.example.test/anything/below", "", "Bearer tok-bare"},
		// Another host, or another port, never gets a token.
		{"https://evil.example.test/repo/npm/react-searchkit", "https://npm.example.test/repo/npm/", ""},
		{"https://npm.example.test:8443/repo/npm/react-searchkit", "https://npm.example.test/repo/npm/", ""},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		if got := n.Authorization(u, tt.registry); got != tt.want {
			t.Errorf("Authorization(%s, %s) = %q, want %q", tt.url, tt.registry, got, tt.want)
		}
	}
	want := []string{"//npm.example.test/other:_auth", "//npm.example.test/repo/npm/:_authToken", "//scoped.example.test/:_password", "//bare.example.test:_authToken"}
	got := n.AuthKeys()
	if len(got) != len(want) {
		t.Errorf("AuthKeys = %v", got)
	}
	// What output masks: every value, and the decoded form of the base64
	// ones.
	secrets := n.Secrets()
	for _, s := range []string{"tok-123", "dXNlcjpwYXNz", "user:pass", "c2VjcmV0", "secret", "tok-bare"} {
		if !slices.Contains(secrets, s) {
			t.Errorf("Secrets() = %q lacks %q", secrets, s)
		}
	}
}

// A credential's secrets are its header and what a Basic header encodes.
func TestCredentialSecrets(t *testing.T) {
	got := Credential{Header: Basic("carol", "s3cret")}.Secrets()
	for _, s := range []string{Basic("carol", "s3cret"), "carol:s3cret", "s3cret"} {
		if !slices.Contains(got, s) {
			t.Errorf("Secrets() = %q lacks %q", got, s)
		}
	}
	if got := (Credential{Header: "Bearer tok-9"}).Secrets(); !slices.Contains(got, "tok-9") {
		t.Errorf("Secrets() = %q lacks the token", got)
	}
}

func TestLoadNPMWithoutRegistry(t *testing.T) {
	root := t.TempDir()
	env := testEnv(t, root, nil)
	os.MkdirAll(env.Dir, 0o755)
	_, err := LoadNPM(context.Background(), env, "")
	if !errors.Is(err, ErrNoNPMRegistry) || !strings.Contains(err.Error(), "--npm-registry") {
		t.Errorf("err = %v, want ErrNoNPMRegistry telling how to set it", err)
	}

	// With npm installed, npm is asked for its default.
	bin := filepath.Join(root, "bin")
	writeFiles(t, root, map[string]string{"bin/npm": "#!/bin/sh\necho 'npm warn noise' >&2\n[ \"$*\" = 'config get registry' ] && echo http://asked.example.test/\n"})
	os.Chmod(filepath.Join(bin, "npm"), 0o755)
	env.LookPath = func(file string) (string, error) {
		if file == "npm" {
			return filepath.Join(bin, "npm"), nil
		}
		return "", errors.New("not found")
	}
	n, err := LoadNPM(context.Background(), env, "")
	if err != nil {
		t.Fatal(err)
	}
	if n.Registry != "http://asked.example.test/" || n.Source != "npm config get registry" {
		t.Errorf("Registry = %q from %q", n.Registry, n.Source)
	}
}

func TestEnvReplace(t *testing.T) {
	vars := map[string]string{"A": "aa", "EMPTY": ""}
	tests := []struct{ in, want string }{
		{"${A}", "aa"},
		{"x${A}y${A}", "xaaya" + "a"},
		{"${B}", "${B}"},
		{"${B?}", ""},
		{"${EMPTY}", ""},
		{`\${A}`, "${A}"},
		{`\\${A}`, `\aa`},
		{`\\\${A}`, `\${A}`},
		{"${A", "${A"},
		{"$A", "$A"},
		{"${}", "${}"},
	}
	for _, tt := range tests {
		if got := envReplace(tt.in, vars); got != tt.want {
			t.Errorf("envReplace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseNpmrc(t *testing.T) {
	text := "; comment\n  # comment\nregistry = http://r.example.test/ ; trailing\nquoted=\"a;b\"\nsingle='x#y'\nesc=a\\;b\\#c\\d\nflag\nlist[]=1\nlist[]=2\n=novalue\n[section]\nhidden=1\n"
	want := map[string]string{
		"registry": "http://r.example.test/",
		"quoted":   "a;b",
		"single":   "x#y",
		"esc":      `a;b#c\d`,
		"flag":     "true",
		"list":     "2",
	}
	if diff := cmp.Diff(want, parseNpmrc(text)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// npm's answer is remembered: a second run does not start npm, a change
// to a configuration file it depends on does.
func TestLoadNPMRemembersNPM(t *testing.T) {
	root := t.TempDir()
	env, count := fakeNPM(t, root)
	env.StateDir = filepath.Join(root, "state")
	asks := func() int {
		b, _ := os.ReadFile(count)
		return len(b)
	}
	for run, want := range []int{1, 1, 1} {
		n, err := LoadNPM(context.Background(), env, "")
		if err != nil {
			t.Fatal(err)
		}
		if n.Registry != "http://asked.example.test/" || asks() != want {
			t.Errorf("run %d: registry %q, npm asked %d times, want %d", run, n.Registry, asks(), want)
		}
	}
	// A user npmrc appears (without a registry): npm may answer otherwise.
	writeFiles(t, root, map[string]string{"home/.npmrc": "fund=false\n"})
	if _, err := LoadNPM(context.Background(), env, ""); err != nil || asks() != 2 {
		t.Errorf("after the npmrc changed: npm asked %d times, want 2 (%v)", asks(), err)
	}
	// Without a state directory npm is asked every time.
	env.StateDir = ""
	LoadNPM(context.Background(), env, "")
	if asks() != 3 {
		t.Errorf("without a state directory: npm asked %d times, want 3", asks())
	}
}

// fakeNPM installs a shell-script npm below root that answers `config get
// registry` and counts its calls (one byte each) in the returned file.
func fakeNPM(t testing.TB, root string) (Env, string) {
	env := Env{Vars: map[string]string{"XDG_CONFIG_DIRS": filepath.Join(root, "xdg")}, Home: filepath.Join(root, "home"), Dir: filepath.Join(root, "work")}
	count := filepath.Join(root, "asked")
	bin := filepath.Join(root, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(env.Dir, 0o755)
	script := "#!/bin/sh\nprintf x >> '" + count + "'\n[ \"$*\" = 'config get registry' ] && echo http://asked.example.test/\n"
	if err := os.WriteFile(filepath.Join(bin, "npm"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	env.LookPath = func(file string) (string, error) {
		if file == "npm" {
			return filepath.Join(bin, "npm"), nil
		}
		return "", errors.New("not found")
	}
	return env, count
}

// BenchmarkLoadNPM is the cost of finding the npm registry when only npm
// can name it: asking npm (a shell-script npm here; a real one starts
// Node.js, 0.9-1.9 s), and reading the remembered answer.
func BenchmarkLoadNPM(b *testing.B) {
	for _, remember := range []bool{false, true} {
		name := "ask-npm-each-run"
		if remember {
			name = "remembered"
		}
		b.Run(name, func(b *testing.B) {
			root := b.TempDir()
			env, _ := fakeNPM(b, root)
			if remember {
				env.StateDir = filepath.Join(root, "state")
			}
			for b.Loop() {
				if _, err := LoadNPM(context.Background(), env, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPipIndex is the cost of finding the PyPI indexes and CA
// bundle from pip's configuration files.
func BenchmarkPipIndex(b *testing.B) {
	root := b.TempDir()
	writeFiles(b, root, map[string]string{"home/.config/pip/pip.conf": "[global]\nindex-url = https://mirror.example.test/simple\nextra-index-url = https://private.example.test/simple\ncert = /etc/ssl/certs/ca-certificates.crt\n"})
	env := Env{Vars: map[string]string{"XDG_CONFIG_DIRS": filepath.Join(root, "xdg")}, Home: filepath.Join(root, "home"), Dir: root}
	for b.Loop() {
		if _, err := PipIndex(env, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// With no registry in the user's or project's npmrc, npm's global npmrc
// (PREFIX/etc/npmrc, PREFIX above node's bin directory) and then its
// builtin npmrc (beside npm's own bin directory) name it, as npm reads
// them, and npm is never run: its npm-cli.js here is no program.
func TestLoadNPMGlobalAndBuiltin(t *testing.T) {
	for _, tt := range []struct {
		name, want, wantSource string
		files                  map[string]string
	}{
		{"builtin", "http://builtin.example.test/", "ROOT/prefix/lib/node_modules/npm/npmrc", map[string]string{
			"prefix/lib/node_modules/npm/npmrc": "globalconfig=/etc/npmrc-of-a-distribution\nregistry=http://builtin.example.test/\n",
		}},
		{"global over builtin", "http://global.example.test/", "ROOT/prefix/etc/npmrc", map[string]string{
			"prefix/lib/node_modules/npm/npmrc": "registry=http://builtin.example.test/\n",
			"prefix/etc/npmrc":                  "registry=http://global.example.test/\n",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			files := map[string]string{
				"prefix/bin/node": "not a program",
				"prefix/lib/node_modules/npm/bin/npm-cli.js": "not a program",
				"home/.npmrc": "fund=false\n",
			}
			for k, v := range tt.files {
				files[k] = v
			}
			writeFiles(t, root, files)
			env := testEnv(t, root, nil)
			os.MkdirAll(env.Dir, 0o755)
			env.LookPath = func(file string) (string, error) {
				switch file {
				case "node":
					return filepath.Join(root, "prefix", "bin", "node"), nil
				case "npm":
					return filepath.Join(root, "prefix", "lib", "node_modules", "npm", "bin", "npm-cli.js"), nil
				}
				return "", errors.New("not found")
			}
			n, err := LoadNPM(context.Background(), env, "")
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.ReplaceAll(tt.wantSource, "ROOT", root); n.Registry != tt.want || n.Source != want {
				t.Errorf("registry %q from %q, want %q from %q", n.Registry, n.Source, tt.want, want)
			}
		})
	}
}
