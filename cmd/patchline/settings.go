package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
)

// settingsFile is the optional file of a directory that sets global flags
// for the runs started in it: KEY=VALUE lines (dotenv syntax) of the same
// PATCHLINE_* names as the environment variables. A project keeps its
// registries there (a private index, a mirror); the example keeps its
// offline snapshot.
const settingsFile = ".patchline.env"

// envName is the environment variable that sets a global flag:
// PATCHLINE_ and the flag's name in upper case with "_" for "-".
func envName(flag string) string {
	return "PATCHLINE_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// applySettings gives every global flag not set on the command line its
// value from the environment (PATCHLINE_OFFLINE=1), else from
// .patchline.env in the current directory: flags win over the environment,
// which wins over the file. Paths in the file (--cache-dir, --policy) are
// relative to the file's directory.
func applySettings(flags *pflag.FlagSet, getenv func(string) string) error {
	file, err := readSettings(settingsFile, flags)
	if err != nil {
		return err
	}
	var errs []error
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Changed {
			return
		}
		name := envName(f.Name)
		value, from := getenv(name), "environment variable "+name
		if value == "" {
			s, ok := file[name]
			if !ok {
				return
			}
			value, from = s.value, fmt.Sprintf("%s:%d: %s", settingsFile, s.line, name)
		}
		if err := flags.Set(f.Name, value); err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: %v", from, value, err))
		}
	})
	return errors.Join(errs...)
}

type setting struct {
	value string
	line  int
}

// readSettings reads the settings file, if there is one: only PATCHLINE_
// names of global flags, each once.
func readSettings(path string, flags *pflag.FlagSet) (map[string]setting, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	known := map[string]string{}
	flags.VisitAll(func(f *pflag.Flag) { known[envName(f.Name)] = f.Name })
	out := map[string]setting{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		key = strings.TrimSpace(key)
		if !ok {
			return nil, fmt.Errorf("%s:%d: want NAME=VALUE", path, n)
		}
		flag, isFlag := known[key]
		if !isFlag {
			return nil, fmt.Errorf("%s:%d: %s is not a setting (want PATCHLINE_ and a global flag's name, e.g. PATCHLINE_CACHE_DIR)", path, n, key)
		}
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("%s:%d: %s is set twice", path, n, key)
		}
		value = unquote(strings.TrimSpace(value))
		if (flag == "cache-dir" || flag == "policy") && value != "" && !filepath.IsAbs(value) {
			value = filepath.Join(filepath.Dir(path), value)
		}
		out[key] = setting{value: value, line: n}
	}
	return out, sc.Err()
}

// unquote removes one pair of matching quotes, as dotenv files write them.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
