package config

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultPyPIIndex is the index pip uses when nothing is configured.
const DefaultPyPIIndex = "https://pypi.org/simple/"

// PyPI is the index configuration.
type PyPI struct {
	// IndexURL is the simple index URL without user info, ending in "/".
	IndexURL string
	// Source says where IndexURL came from: "--pypi-index",
	// "PIP_INDEX_URL", "FILE [section]" or "default".
	Source string
	// ExtraIndexURLs are pip's extra-index-url values, cleaned as
	// IndexURL is, in the order given; ExtraSource says where they came
	// from. pip merges the pages of every index with no priority among
	// them, and so does the registry package.
	ExtraIndexURLs []string
	ExtraSource    string
	// Cert is the CA bundle pip verifies TLS with instead of the
	// system's (pip's cert, PIP_CERT); "" means the system's.
	Cert, CertSource string
	// Credentials are the basic-auth credentials from the index URLs and
	// from netrc, in that order of priority.
	Credentials []Credential
}

// PipIndex finds the index URL as `pip install` does: the flag, then
// PIP_INDEX_URL, then index-url from pip's configuration files, then PyPI.
//
// The files are those of pip's configuration module on Unix, lowest
// priority first: the global files ($XDG_CONFIG_DIRS/pip/pip.conf for each
// directory, default /etc/xdg, then /etc/pip.conf), the user files
// (~/.pip/pip.conf, then $XDG_CONFIG_HOME/pip/pip.conf, default
// ~/.config/pip/pip.conf; skipped when PIP_CONFIG_FILE names an existing
// file), the virtual environment's pip.conf ($VIRTUAL_ENV/pip.conf, pip's
// sys.prefix), and PIP_CONFIG_FILE. PIP_CONFIG_FILE=/dev/null disables all
// files. Later files override earlier ones key by key; then, as pip does
// for the install command, an [install] index-url overrides a [global] one
// whichever file each came from. Empty values are ignored.
//
// extra-index-url is read from PIP_EXTRA_INDEX_URL, else the files
// ([install] over [global]), as whitespace-separated URLs; cert from
// PIP_CERT, else the files. With the flag, its index is used alone: the
// flag names the index a run reads, for reproducible runs against a
// mirror or a snapshot.
func PipIndex(env Env, flag string) (*PyPI, error) {
	conf, err := readPipConf(env)
	if err != nil {
		return nil, err
	}
	raw, source := pipIndexURL(env, flag, conf)
	p := &PyPI{Source: source}
	if p.IndexURL, err = p.indexURL(raw, source); err != nil {
		return nil, err
	}
	if flag == "" {
		extra, extraSource := pipSetting(env, conf, "PIP_EXTRA_INDEX_URL", "extra-index-url")
		for _, raw := range strings.Fields(extra) {
			u, err := p.indexURL(raw, extraSource)
			if err != nil {
				return nil, err
			}
			if u != p.IndexURL && !slices.Contains(p.ExtraIndexURLs, u) {
				p.ExtraIndexURLs = append(p.ExtraIndexURLs, u)
			}
		}
		if len(p.ExtraIndexURLs) > 0 {
			p.ExtraSource = extraSource
		}
	}
	if cert, certSource := pipSetting(env, conf, "PIP_CERT", "cert"); cert != "" {
		p.Cert, p.CertSource = env.resolvePath(cert), certSource
	}
	netrc, err := Netrc(env)
	if err != nil {
		return nil, err
	}
	p.Credentials = append(p.Credentials, netrc...)
	return p, nil
}

// indexURL validates an index URL, moves its user info into the
// credentials and ends its path with "/": pip treats an index as a
// directory, /simple and /simple/ are one.
func (p *PyPI) indexURL(raw, source string) (string, error) {
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
		p.Credentials = append(p.Credentials, *cred)
	}
	return u.String(), nil
}

func pipIndexURL(env Env, flag string, conf []pipConfFile) (value, source string) {
	if flag != "" {
		return flag, "--pypi-index"
	}
	if v, source := pipSetting(env, conf, "PIP_INDEX_URL", "index-url"); v != "" {
		return v, source
	}
	return DefaultPyPIIndex, "default"
}

// pipConfFile is one parsed pip configuration file.
type pipConfFile struct {
	path     string
	sections map[string]map[string]string
}

// readPipConf reads pip's configuration files, lowest priority first.
func readPipConf(env Env) ([]pipConfFile, error) {
	var out []pipConfFile
	for _, f := range pipConfigFiles(env) {
		b, ok, err := readOptional(f)
		if err != nil {
			return nil, fmt.Errorf("reading pip configuration: %w", err)
		}
		if !ok {
			continue
		}
		sections, err := parsePipConf(string(b))
		if err != nil {
			return nil, fmt.Errorf("pip configuration %s: %w", f, err)
		}
		out = append(out, pipConfFile{f, sections})
	}
	return out, nil
}

// pipSetting finds a setting of the install command as pip does: the
// environment variable, then the files, later files overriding earlier
// ones key by key, an [install] value overriding a [global] one whichever
// file each came from. Empty values are ignored.
func pipSetting(env Env, conf []pipConfFile, envVar, key string) (value, source string) {
	if v := strings.TrimSpace(env.get(envVar)); v != "" {
		return v, envVar
	}
	var global, install struct{ value, source string }
	for _, f := range conf {
		if v := f.sections["global"][key]; v != "" {
			global.value, global.source = v, f.path+" [global]"
		}
		if v := f.sections["install"][key]; v != "" {
			install.value, install.source = v, f.path+" [install]"
		}
	}
	if install.value != "" {
		return install.value, install.source
	}
	return global.value, global.source
}

// pipConfigFiles lists the files pip reads, lowest priority first.
func pipConfigFiles(env Env) []string {
	envFile := env.get("PIP_CONFIG_FILE")
	if envFile == "/dev/null" {
		return nil
	}
	var files []string
	dirs := env.get("XDG_CONFIG_DIRS")
	if strings.TrimSpace(dirs) == "" {
		dirs = "/etc/xdg"
	}
	for _, d := range filepath.SplitList(dirs) {
		files = append(files, filepath.Join(d, "pip", "pip.conf"))
	}
	files = append(files, "/etc/pip.conf")
	userSkipped := false
	if envFile != "" {
		if _, ok, _ := readOptional(envFile); ok {
			userSkipped = true
		}
	}
	if !userSkipped {
		files = append(files, filepath.Join(env.Home, ".pip", "pip.conf"))
		xdg := env.get("XDG_CONFIG_HOME")
		if strings.TrimSpace(xdg) == "" {
			xdg = filepath.Join(env.Home, ".config")
		}
		files = append(files, filepath.Join(xdg, "pip", "pip.conf"))
	}
	if venv := env.get("VIRTUAL_ENV"); venv != "" {
		files = append(files, filepath.Join(venv, "pip.conf"))
	}
	if envFile != "" {
		files = append(files, envFile)
	}
	return files
}

// parsePipConf parses a pip.conf as Python's configparser.RawConfigParser
// does with its defaults: "[section]" headers, "key = value" or
// "key: value" (the first "=" or ":" splits), keys lower-cased and, as pip
// normalises them, "_" read as "-"; whole-line comments starting with "#"
// or ";"; indented lines continue the previous value; [DEFAULT] values
// apply to every section. An option outside any section, or a section or
// option given twice, is an error, as it is for pip.
func parsePipConf(text string) (map[string]map[string]string, error) {
	sections := map[string]map[string]string{}
	defaults := map[string]string{}
	var cur map[string]string
	var curName, curKey string
	// Duplicates are detected on the lower-cased key as written, as
	// configparser does; "index_url" after "index-url" overrides it.
	seen := map[string]bool{}
	curIndent := 0
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		n := i + 1
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";") {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		if trimmed == "" {
			// An empty line inside a value is kept by configparser and
			// stripped at the end; it only ends nothing.
			if cur != nil && curKey != "" {
				cur[curKey] += "\n"
			}
			continue
		}
		if cur != nil && curKey != "" && indent > curIndent {
			cur[curKey] += "\n" + trimmed
			continue
		}
		curKey = ""
		if strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]") && len(trimmed) > 2 {
			name := trimmed[1 : len(trimmed)-1]
			curName = name
			if name == "DEFAULT" {
				cur = defaults
				continue
			}
			if _, dup := sections[name]; dup {
				return nil, fmt.Errorf("line %d: section [%s] already exists", n, name)
			}
			cur = map[string]string{}
			sections[name] = cur
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("line %d: option outside any section", n)
		}
		cut := strings.IndexAny(trimmed, "=:")
		if cut <= 0 {
			return nil, fmt.Errorf("line %d: want key = value", n)
		}
		raw := strings.ToLower(strings.TrimSpace(trimmed[:cut]))
		if seen[curName+"\x00"+raw] {
			return nil, fmt.Errorf("line %d: option %q already set in this section", n, raw)
		}
		seen[curName+"\x00"+raw] = true
		key := strings.ReplaceAll(raw, "_", "-")
		cur[key] = strings.TrimSpace(trimmed[cut+1:])
		curKey, curIndent = key, indent
	}
	for _, s := range sections {
		for k, v := range defaults {
			if _, ok := s[k]; !ok {
				s[k] = v
			}
		}
		for k, v := range s {
			s[k] = strings.TrimSpace(v)
		}
	}
	return sections, nil
}
