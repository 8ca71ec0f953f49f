package config

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// NPMQueryTimeout bounds `npm config get registry`.
const NPMQueryTimeout = 5 * time.Second

// ErrNoNPMRegistry is returned when no npm registry is configured and npm
// is not installed to name its default.
var ErrNoNPMRegistry = errors.New("no npm registry configured: pass --npm-registry URL, set NPM_CONFIG_REGISTRY, " +
	"or add \"registry=URL\" to ~/.npmrc or the project's .npmrc (npm is not installed, so its default could not be asked)")

// NPM is the npm configuration patchline needs: the registry for each
// package and the credentials for each request.
type NPM struct {
	// Registry is the default registry URL, without user info, ending
	// in "/".
	Registry string
	// Source says where Registry came from.
	Source string
	// Scopes maps "@scope" to its registry URL ("@scope:registry=").
	Scopes map[string]string
	// Files lists the npmrc files that were read, highest priority first.
	Files []string
	// CA holds the PEM certificates npm trusts instead of the system's
	// (cafile, else ca); CASource says where they came from. Empty: the
	// system's.
	CA       []byte
	CASource string

	values map[string]string // merged configuration, secrets included
	extra  []Credential      // user info found in registry URLs
}

type npmLayer struct {
	name   string
	values map[string]string
}

// LoadNPM reads npm's configuration as npm 7 and later do, highest
// priority first: the flag (--npm-registry), npm_config_* environment
// variables (any case; "_" after the prefix read as "-" except in
// "//host/:key" names), the project's .npmrc (in the nearest directory
// above the working directory that holds package.json or node_modules),
// the user's npmrc ($NPM_CONFIG_USERCONFIG, default ~/.npmrc), the global
// npmrc ($NPM_CONFIG_GLOBALCONFIG, else PREFIX/etc/npmrc with PREFIX from
// the "prefix" setting, $PREFIX, or the directory above node's bin
// directory) and npm's builtin npmrc. Keys and values have ${VAR}
// expanded.
//
// When no layer sets "registry", npm itself is asked (`npm config get
// registry`, bounded by NPMQueryTimeout) if it is installed, and its
// answer remembered in Env.StateDir until what it depends on changes
// (rememberedNPM); otherwise the result is ErrNoNPMRegistry. Workspace roots are not searched for a
// project .npmrc (npm ignores a workspace's own .npmrc only with a
// warning), and unscoped _authToken/_auth keys are not used: npm 9 and
// later reject them as invalid.
func LoadNPM(ctx context.Context, env Env, flag string) (*NPM, error) {
	var layers []npmLayer
	if flag != "" {
		layers = append(layers, npmLayer{"--npm-registry", map[string]string{"registry": flag}})
	}
	layers = append(layers, npmLayer{"environment", npmEnvLayer(env)})
	var builtin []npmLayer // loaded first, as npm does, but of lowest priority
	get := func(key string) (string, string) {
		for _, l := range append(layers[:len(layers):len(layers)], builtin...) {
			if v, ok := l.values[key]; ok && v != "" {
				return v, l.name
			}
		}
		return "", ""
	}
	var consulted []string // every npmrc read or looked for
	load := func(path string, into *[]npmLayer) error {
		consulted = append(consulted, path)
		b, ok, err := readOptional(path)
		if err != nil {
			return fmt.Errorf("npm configuration: %w", err)
		}
		if !ok {
			return nil
		}
		raw := parseNpmrc(string(b))
		vals := make(map[string]string, len(raw))
		for k, v := range raw {
			vals[envReplace(k, env.Vars)] = envReplace(v, env.Vars)
		}
		*into = append(*into, npmLayer{path, vals})
		return nil
	}
	if npmPath := npmInstallDir(env); npmPath != "" {
		if err := load(filepath.Join(npmPath, "npmrc"), &builtin); err != nil {
			return nil, err
		}
	}

	userconfig := filepath.Join(env.Home, ".npmrc")
	if v, _ := get("userconfig"); v != "" {
		userconfig = env.resolvePath(v)
	}
	if project := filepath.Join(npmLocalPrefix(env.Dir), ".npmrc"); project != userconfig {
		if err := load(project, &layers); err != nil {
			return nil, err
		}
	}
	if v, _ := get("userconfig"); v != "" {
		userconfig = env.resolvePath(v)
	}
	if err := load(userconfig, &layers); err != nil {
		return nil, err
	}
	globalconfig := ""
	if v, _ := get("globalconfig"); v != "" {
		globalconfig = env.resolvePath(v)
	} else if v, _ := get("prefix"); v != "" {
		globalconfig = filepath.Join(env.resolvePath(v), "etc", "npmrc")
	} else if p := npmGlobalPrefix(env); p != "" {
		globalconfig = filepath.Join(p, "etc", "npmrc")
	}
	if globalconfig != "" {
		if err := load(globalconfig, &layers); err != nil {
			return nil, err
		}
	}
	layers = append(layers, builtin...)
	var files []string
	for _, l := range layers {
		if filepath.IsAbs(l.name) {
			files = append(files, l.name)
		}
	}

	n := &NPM{Scopes: map[string]string{}, Files: files, values: map[string]string{}}
	for i := len(layers) - 1; i >= 0; i-- {
		for k, v := range layers[i].values {
			n.values[k] = v
		}
	}
	if cafile, src := get("cafile"); cafile != "" {
		b, err := os.ReadFile(env.resolvePath(cafile))
		if err != nil {
			return nil, fmt.Errorf("npm configuration %s: cafile: %w", src, err)
		}
		n.CA, n.CASource = b, src+" (cafile)"
	} else if ca, src := get("ca"); ca != "" && ca != "null" {
		// Certificates written on one line keep their line breaks as
		// "\n", as npm documents.
		n.CA, n.CASource = []byte(strings.ReplaceAll(ca, `\n`, "\n")), src+" (ca)"
	}
	reg, source := get("registry")
	if reg == "" {
		var err error
		reg, err = rememberedNPM(ctx, env, consulted)
		if err != nil {
			return nil, err
		}
		source = "npm config get registry"
	}
	var err error
	if n.Registry, err = n.registryURL(reg, source); err != nil {
		return nil, err
	}
	n.Source = source
	for k, v := range n.values {
		scope, ok := strings.CutSuffix(k, ":registry")
		if !ok || !strings.HasPrefix(scope, "@") || v == "" {
			continue
		}
		_, src := get(k)
		if n.Scopes[scope], err = n.registryURL(v, src+" ("+k+")"); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// registryURL validates a registry URL, moves user info into the
// credentials and ends the path with "/", as npm-registry-fetch does.
func (n *NPM) registryURL(raw, source string) (string, error) {
	clean, cred, err := SplitUserinfo(raw, source)
	if err != nil {
		return "", err
	}
	u, err := checkRegistryURL(clean, source)
	if err != nil {
		return "", err
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	if cred != nil {
		cred.Path = u.EscapedPath()
		n.extra = append(n.extra, *cred)
	}
	return u.String(), nil
}

// RegistryFor returns the registry of a package name: its scope's registry
// when one is configured, else the default.
func (n *NPM) RegistryFor(name string) string {
	if scope, _, ok := strings.Cut(name, "/"); ok && strings.HasPrefix(scope, "@") {
		if r, ok := n.Scopes[scope]; ok {
			return r
		}
	}
	return n.Registry
}

// Authorization returns the Authorization header npm would send for a
// request to u made for a package served by registry (npm-registry-fetch's
// getAuth): the auth key ("//host[:port]/path/:_authToken", ":_auth", or
// ":username" with a base64 ":_password") with the longest path that is a
// prefix of u, else, when u is on the registry's host, the registry's own
// auth. A credential is thus never sent to a host it was not configured
// for.
func (n *NPM) Authorization(u *url.URL, registry string) string {
	if h := n.authFor(u); h != "" {
		return h
	}
	if registry != "" && registry != u.String() {
		if r, err := url.Parse(registry); err == nil && strings.EqualFold(r.Host, u.Host) {
			if h := n.authFor(r); h != "" {
				return h
			}
		}
	}
	return Lookup(n.extra, u)
}

func (n *NPM) authFor(u *url.URL) string {
	key := "//" + u.Host + u.EscapedPath()
	for len(key) > len("//") {
		if h := n.authAt(key); h != "" {
			return h
		}
		// Walk up: drop what follows the last slash, or the slash itself.
		if strings.HasSuffix(key, "/") {
			key = key[:len(key)-1]
		} else {
			key = key[:strings.LastIndexByte(key, '/')+1]
		}
	}
	return ""
}

func (n *NPM) authAt(key string) string {
	if t := n.values[key+":_authToken"]; t != "" {
		return "Bearer " + t
	}
	if a := n.values[key+":_auth"]; a != "" {
		return "Basic " + a
	}
	user, pw := n.values[key+":username"], n.values[key+":_password"]
	if user != "" && pw != "" {
		dec, err := base64.StdEncoding.DecodeString(pw)
		if err != nil {
			// npm's Buffer.from(..., 'base64') is lenient; be as lenient
			// with unpadded input.
			dec, _ = base64.RawStdEncoding.DecodeString(strings.TrimRight(pw, "="))
		}
		return Basic(user, string(dec))
	}
	return ""
}

// Secrets returns the configured credentials' values (tokens, auth
// strings, passwords), so that output can mask them wherever they might
// appear.
func (n *NPM) Secrets() []string {
	var out []string
	for _, k := range n.AuthKeys() {
		if v := n.values[k]; v != "" {
			out = append(out, v)
			if strings.HasSuffix(k, ":_password") || strings.HasSuffix(k, ":_auth") {
				// Stored base64-encoded: the decoded form is secret too.
				if b, err := base64.StdEncoding.DecodeString(v); err == nil && len(b) > 0 {
					out = append(out, string(b))
				}
			}
		}
	}
	return out
}

// AuthKeys lists the configured auth keys (names only, never values), for
// diagnostics.
func (n *NPM) AuthKeys() []string {
	var keys []string
	for k := range n.values {
		if strings.HasPrefix(k, "//") && (strings.HasSuffix(k, ":_authToken") || strings.HasSuffix(k, ":_auth") || strings.HasSuffix(k, ":_password")) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func npmEnvLayer(env Env) map[string]string {
	conf := map[string]string{}
	keys := make([]string, 0, len(env.Vars))
	for k := range env.Vars {
		keys = append(keys, k)
	}
	// Deterministic when NPM_CONFIG_X and npm_config_x are both set:
	// the lower-case spelling, which npm documents, wins.
	sort.Sort(sort.Reverse(sort.StringSlice(keys)))
	for _, envKey := range keys {
		v := env.Vars[envKey]
		if len(envKey) <= len("npm_config_") || !strings.EqualFold(envKey[:len("npm_config_")], "npm_config_") || v == "" {
			continue
		}
		key := envKey[len("npm_config_"):]
		if !strings.HasPrefix(key, "//") {
			key = key[:1] + strings.ReplaceAll(key[1:], "_", "-")
			key = strings.ToLower(key)
		}
		conf[envReplace(key, env.Vars)] = envReplace(v, env.Vars)
	}
	return conf
}

// npmLocalPrefix is the nearest directory from dir upwards holding
// package.json or node_modules; dir itself when there is none.
func npmLocalPrefix(dir string) string {
	for p := dir; ; {
		if fileExists(filepath.Join(p, "package.json")) || dirExists(filepath.Join(p, "node_modules")) {
			return p
		}
		parent := filepath.Dir(p)
		if parent == p {
			return dir
		}
		p = parent
	}
}

// npmGlobalPrefix is npm's default global prefix: $PREFIX, else the
// directory above the one holding node, under $DESTDIR if set.
func npmGlobalPrefix(env Env) string {
	if p := env.get("PREFIX"); p != "" {
		return p
	}
	node, ok := env.find("node")
	if !ok {
		return ""
	}
	p := filepath.Dir(filepath.Dir(node))
	if d := env.get("DESTDIR"); d != "" {
		p = filepath.Join(d, p)
	}
	return p
}

// npmInstallDir is where npm itself is installed (npm-cli.js lives in its
// bin directory); its npmrc is the builtin configuration.
func npmInstallDir(env Env) string {
	npm, ok := env.find("npm")
	if !ok || filepath.Base(npm) != "npm-cli.js" {
		return ""
	}
	return filepath.Dir(filepath.Dir(npm))
}

func askNPM(ctx context.Context, env Env) (string, error) {
	npm, ok := env.find("npm")
	if !ok {
		return "", ErrNoNPMRegistry
	}
	if filepath.Base(npm) == "npm-cli.js" {
		if node, ok := env.find("node"); ok {
			return runNPM(ctx, env, node, npm)
		}
	}
	return runNPM(ctx, env, npm)
}

func runNPM(ctx context.Context, env Env, argv ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, NPMQueryTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:], "config", "get", "registry")...)
	cmd.Dir = env.Dir
	for k, v := range env.Vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("no answer within %v", NPMQueryTimeout)
		}
		return "", fmt.Errorf("asking npm for its registry (`npm config get registry`): %w; "+
			"pass --npm-registry URL or set NPM_CONFIG_REGISTRY", err)
	}
	reg := strings.TrimSpace(out.String())
	if reg == "" || reg == "undefined" || reg == "null" {
		return "", ErrNoNPMRegistry
	}
	return reg, nil
}

// resolvePath resolves a path setting as npm does: "~/" against the home
// directory, a relative path against the working directory.
func (e Env) resolvePath(p string) string {
	p = e.expandHome(p)
	if !filepath.IsAbs(p) {
		p = filepath.Join(e.Dir, p)
	}
	return p
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
