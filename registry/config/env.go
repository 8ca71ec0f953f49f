// Package config owns how patchline finds its registries and their
// credentials the way the ecosystems' own tools do: the PyPI index URL as
// pip reads it (--pypi-index, PIP_INDEX_URL, pip.conf files), the npm
// registries and auth tokens as npm reads them (--npm-registry,
// npm_config_* variables, project, user, global and builtin npmrc files,
// scoped registries, nerf-darted auth keys with ${ENV} expansion), and
// basic-auth credentials from URLs and ~/.netrc.
//
// Nothing here performs a registry request. Secrets are kept inside
// Credentials values and never appear in their String forms or errors.
package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// Env is the process environment the discovery reads; tests build one by
// hand so that nothing from the machine leaks in.
type Env struct {
	Vars map[string]string // environment variables
	Home string            // the user's home directory
	Dir  string            // the working directory
	// LookPath finds an executable (npm, node); nil means none is found.
	LookPath func(file string) (string, error)
	// StateDir is where discovery may remember answers that are costly
	// to get (npm's default registry); "" remembers nothing.
	StateDir string
}

// OSEnv returns the environment of the running process.
func OSEnv() (Env, error) {
	vars := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	home := vars["HOME"]
	if home == "" {
		h, err := os.UserHomeDir()
		if err == nil {
			home = h
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return Env{}, err
	}
	return Env{Vars: vars, Home: home, Dir: dir, LookPath: lookPath}, nil
}

func lookPath(file string) (string, error) {
	p, err := execLookPath(file)
	if err != nil {
		return "", err
	}
	// npm and node are usually symlinks (/usr/bin/npm ->
	// ../lib/node_modules/npm/bin/npm-cli.js); npm derives its paths from
	// the resolved file.
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r, nil
	}
	return p, nil
}

func (e Env) get(k string) string { return e.Vars[k] }

func (e Env) find(file string) (string, bool) {
	if e.LookPath == nil {
		return "", false
	}
	p, err := e.LookPath(file)
	return p, err == nil && p != ""
}

// expandHome resolves "~/" against the home directory.
func (e Env) expandHome(p string) string {
	if p == "~" {
		return e.Home
	}
	if strings.HasPrefix(p, "~/") {
		return filepath.Join(e.Home, p[2:])
	}
	return p
}

// readOptional reads a file that may be absent.
func readOptional(path string) ([]byte, bool, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}
