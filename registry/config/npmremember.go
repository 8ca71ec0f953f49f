package config

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// npmAnswerFile is where npm's answer to `npm config get registry` is
// remembered, below Env.StateDir.
const npmAnswerFile = "npm-registry.json"

// npmAnswer is the remembered answer and what it was given for.
type npmAnswer struct {
	Key      string `json:"key"`
	Registry string `json:"registry"`
}

// rememberedNPM asks npm for its registry only when the answer it gave
// before may have changed: the answer is remembered in Env.StateDir with
// a key made of everything npm's answer depends on that patchline can
// see (the npm and node executables and npm's package.json, by path, size
// and modification time; every npmrc file npm would read, present or
// not; the npm_config_* variables). Asking npm costs a Node.js start, a
// second or two and tens of megabytes on every run; reading the answer
// back costs a few stat calls. Without a StateDir, npm is asked each time.
func rememberedNPM(ctx context.Context, env Env, npmrcs []string) (string, error) {
	if env.StateDir == "" {
		return askNPM(ctx, env)
	}
	key := npmAnswerKey(env, npmrcs)
	path := filepath.Join(env.StateDir, npmAnswerFile)
	if b, err := os.ReadFile(path); err == nil {
		var a npmAnswer
		if json.Unmarshal(b, &a) == nil && a.Key == key && a.Registry != "" {
			return a.Registry, nil
		}
	}
	reg, err := askNPM(ctx, env)
	if err != nil {
		return "", err
	}
	// Remembering is an optimisation: a state directory that cannot be
	// written only costs the next run another question to npm.
	_ = writeAtomic(path, npmAnswer{Key: key, Registry: reg})
	return reg, nil
}

func npmAnswerKey(env Env, npmrcs []string) string {
	h := sha256.New()
	stat := func(p string) {
		fmt.Fprintf(h, "%s\x00", p)
		if fi, err := os.Stat(p); err == nil {
			fmt.Fprintf(h, "%d\x00%d\x00", fi.Size(), fi.ModTime().UnixNano())
		} else {
			h.Write([]byte("absent\x00"))
		}
	}
	for _, exe := range []string{"npm", "node"} {
		if p, ok := env.find(exe); ok {
			stat(p)
		}
	}
	if dir := npmInstallDir(env); dir != "" {
		stat(filepath.Join(dir, "package.json"))
	}
	for _, p := range npmrcs {
		stat(p)
	}
	var vars []string
	for k, v := range env.Vars {
		if len(k) > len("npm_config_") && strings.EqualFold(k[:len("npm_config_")], "npm_config_") || k == "PREFIX" || k == "DESTDIR" {
			vars = append(vars, k+"="+v)
		}
	}
	sort.Strings(vars)
	for _, v := range vars {
		fmt.Fprintf(h, "%s\x00", v)
	}
	fmt.Fprintf(h, "%s\x00%s\x00", env.Home, env.Dir)
	return hex.EncodeToString(h.Sum(nil))
}

// writeAtomic writes v as JSON to path through a temporary file and a
// rename, so that a concurrent run reads the old answer or the new one,
// never a part.
func writeAtomic(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".npm-registry-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
