package lockfile

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// parseRequirements reads pip's requirements file format, following pip's
// own reader (pip/_internal/req/req_file.py):
//
//   - a line ending in "\" continues on the next one, and the logical line
//     takes the number of its first physical line; a comment ("#" at the
//     start or after whitespace) ends a line;
//   - the line is split into the requirement and its options at the first
//     space-separated word starting with "-", and the options are split
//     like a POSIX shell and parsed like pip's optparse (long options may
//     be abbreviated; an unknown option is an error, as in pip);
//   - "-r FILE" / "--requirement FILE" and "-c FILE" / "--constraint FILE"
//     read FILE relative to the directory of the file naming it; its pins
//     keep their own Source and Line. An include that names a file already
//     being read (a cycle) is an error, as in pip; the same file included
//     twice on different branches is read twice and its pins merged.
//     Remote includes (http, https) are an error: the gate reads no network
//     files. A constraints file's pins count as pins: pip installs exactly
//     those versions when anything requires the package;
//   - "name==V" and "name===V" (with extras, spaces, parentheses, an
//     environment marker, --hash options) pin V. A marker is not evaluated:
//     a pin that applies only on another platform is still reported,
//     because the gate cannot know where the release will be installed;
//   - everything else that installs something is listed as unpinned: a
//     requirement without "==" (">=", "~=", "==1.*", none), "-e" editable
//     installs, URL, VCS and path requirements ("name @ URL" included);
//   - environment variables (${VAR}) are not expanded, so the result does
//     not depend on the machine; a version written with one is invalid.
//
// Requirements files do not mark dev-only or direct dependencies: Dev and
// Direct are always false.
func parseRequirements(name string, data []byte, readFile func(string) ([]byte, error)) (*File, error) {
	r := &reqReader{b: newBuilder(name, Requirements, "PyPI"), readFile: readFile}
	if err := r.read(name, data); err != nil {
		return nil, err
	}
	return r.b.finish(), nil
}

type reqReader struct {
	b        *builder
	readFile func(string) ([]byte, error)
	stack    []string // the files being read, outermost first, for cycles
}

// reqLine is a logical line with the number of its first physical line.
type reqLine struct {
	n    int
	text string
}

// commentRE is pip's COMMENT_RE: a comment starts at a "#" at the start of
// the line or after whitespace, so URL fragments ("#egg=") survive.
var commentRE = regexp.MustCompile(`(^|\s+)#.*$`)

// reqLines joins continuation lines and drops comments and blank lines as
// pip's join_lines and ignore_comments do.
func reqLines(data []byte) []reqLine {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	physical := strings.Split(string(data), "\n")
	var out []reqLine
	emit := func(n int, s string) {
		s = strings.TrimSpace(commentRE.ReplaceAllString(s, ""))
		if s != "" {
			out = append(out, reqLine{n, s})
		}
	}
	var joined []string
	first := 0
	for i, line := range physical {
		line = strings.TrimSuffix(line, "\r")
		isComment := strings.HasPrefix(strings.TrimLeft(line, " \t\f\v"), "#") && commentRE.MatchString(line)
		if !strings.HasSuffix(line, `\`) || isComment {
			if isComment {
				line = " " + line // keeps a comment a comment once joined
			}
			if joined != nil {
				emit(first, strings.Join(append(joined, line), ""))
				joined = nil
			} else {
				emit(i+1, line)
			}
			continue
		}
		if joined == nil {
			first = i + 1
			joined = []string{}
		}
		joined = append(joined, strings.Trim(line, `\`))
	}
	if joined != nil {
		emit(first, strings.Join(joined, ""))
	}
	return out
}

func (r *reqReader) read(name string, data []byte) error {
	r.stack = append(r.stack, fileKey(name))
	defer func() { r.stack = r.stack[:len(r.stack)-1] }()
	shown := isRequirementsName(name)
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return r.b.errorf(name, lineAt(data, i), "not a requirements file: it holds a NUL byte")
	}
	for _, l := range reqLines(data) {
		if err := r.line(name, l); err != nil {
			var e *Error
			if !shown && errors.As(err, &e) && e.Path == name {
				// Whatever this file is (an include of /etc/passwd, of
				// an environment), its text is not repeated.
				e.Msg = fmt.Sprintf("line %d is not a requirement pip accepts (not shown: %s is not named as a requirements file)", l.n, filepath.Base(name))
			}
			return err
		}
	}
	return nil
}

// isRequirementsName reports a file named as Detect recognises
// requirements files; errors quote the lines of those files only.
func isRequirementsName(name string) bool {
	f, err := Detect(name)
	return err == nil && f == Requirements
}

// fileKey identifies a file for cycle detection.
func fileKey(name string) string {
	if abs, err := filepath.Abs(name); err == nil {
		return abs
	}
	return filepath.Clean(name)
}

// line handles one logical line of the file name.
func (r *reqReader) line(name string, l reqLine) error {
	args, opts := breakArgsOptions(l.text)
	words, err := shellSplit(opts)
	if err != nil {
		return r.b.errorf(name, l.n, "%v in %q", err, opts)
	}
	parsed, err := parseReqOptions(words)
	if err != nil {
		return r.b.errorf(name, l.n, "%v", err)
	}
	if args != "" {
		// A requirement line: only its own options (--hash, ...) apply, and
		// pip ignores the others there.
		return r.requirement(name, l.n, args)
	}
	for _, o := range parsed {
		switch o.name {
		case "requirement", "constraint":
			if err := r.include(name, l.n, o.value); err != nil {
				return err
			}
		case "editable":
			r.b.unpinned(name, l.n, eggName(o.value), o.value, "editable install")
		}
	}
	return nil
}

// include reads the file that -r or -c names.
func (r *reqReader) include(from string, line int, target string) error {
	if target == "" {
		return r.b.errorf(from, line, "empty include")
	}
	path := target
	switch scheme := strings.ToLower(urlScheme(target)); scheme {
	case "":
		if !filepath.IsAbs(path) {
			path = filepath.Join(filepath.Dir(from), path)
		}
	case "file":
		u, err := url.Parse(target)
		if err != nil || u.Path == "" {
			return r.b.errorf(from, line, "bad include URL %q", target)
		}
		path = filepath.FromSlash(u.Path)
	default:
		return r.b.errorf(from, line, "remote include %q is not read: download it and name the local copy", target)
	}
	key := fileKey(path)
	for i, s := range r.stack {
		if s == key {
			chain := append(append([]string{}, r.stack[i:]...), key)
			for j := range chain {
				chain[j] = filepath.Base(chain[j])
			}
			return r.b.errorf(from, line, "include cycle: %s", strings.Join(chain, " -> "))
		}
	}
	data, err := r.readFile(path)
	if err != nil {
		return &Error{Path: from, Line: line, Format: Requirements, Msg: fmt.Sprintf("cannot read included file %s: %v", path, unwrapPath(err)), Err: err}
	}
	return r.read(path, data)
}

// breakArgsOptions is pip's break_args_options: the words before the first
// space-separated word starting with "-" are the requirement, the rest its
// options.
func breakArgsOptions(line string) (args, opts string) {
	tokens := strings.Split(line, " ")
	for i, t := range tokens {
		if strings.HasPrefix(t, "-") {
			return strings.Join(tokens[:i], " "), strings.Join(tokens[i:], " ")
		}
	}
	return line, ""
}

// shellSplit splits s as Python's shlex.split does (POSIX mode, no
// comments): whitespace separates words, single quotes are literal, double
// quotes allow \\ \" \$ \` escapes, and a backslash outside quotes escapes
// the next character.
func shellSplit(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			inWord = true
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("no closing quotation")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			inWord = true
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\\"$`\n", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, errors.New("no closing quotation")
			}
		case c == '\\':
			inWord = true
			if i+1 >= len(s) {
				return nil, errors.New("no escaped character")
			}
			i++
			cur.WriteByte(s[i])
		default:
			inWord = true
			cur.WriteByte(c)
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// reqOption is an option pip accepts in a requirements file.
type reqOption struct {
	long  string
	short byte // 0 when it has none
	value bool // takes a value
}

// reqOptions are pip's SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ.
var reqOptions = []reqOption{
	{"index-url", 'i', true},
	{"extra-index-url", 0, true},
	{"no-index", 0, false},
	{"constraint", 'c', true},
	{"requirement", 'r', true},
	{"editable", 'e', true},
	{"find-links", 'f', true},
	{"no-binary", 0, true},
	{"only-binary", 0, true},
	{"prefer-binary", 0, false},
	{"require-hashes", 0, false},
	{"pre", 0, false},
	{"trusted-host", 0, true},
	{"use-feature", 0, true},
	{"global-option", 0, true},
	{"config-settings", 'C', true},
	{"hash", 0, true},
}

type parsedOption struct{ name, value string }

// parseReqOptions parses option words as optparse does: --name=value,
// --name value, a unique prefix of a long name, -xVALUE and -x VALUE.
// Words that are not options are ignored, as pip ignores them.
func parseReqOptions(words []string) ([]parsedOption, error) {
	var out []parsedOption
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "--":
			return out, nil
		case strings.HasPrefix(w, "--"):
			name, value, hasValue := strings.Cut(w[2:], "=")
			opt, err := longOption(name)
			if err != nil {
				return nil, err
			}
			if !opt.value {
				if hasValue {
					return nil, fmt.Errorf("option --%s takes no value", opt.long)
				}
				out = append(out, parsedOption{opt.long, ""})
				continue
			}
			if !hasValue {
				if i+1 >= len(words) {
					return nil, fmt.Errorf("option --%s requires a value", opt.long)
				}
				i++
				value = words[i]
			}
			out = append(out, parsedOption{opt.long, value})
		case strings.HasPrefix(w, "-") && len(w) > 1:
			opt, ok := shortOption(w[1])
			if !ok {
				return nil, fmt.Errorf("no such option: -%c", w[1])
			}
			value := w[2:]
			if value == "" {
				if i+1 >= len(words) {
					return nil, fmt.Errorf("option -%c requires a value", w[1])
				}
				i++
				value = words[i]
			}
			out = append(out, parsedOption{opt.long, value})
		}
	}
	return out, nil
}

func longOption(name string) (reqOption, error) {
	var matches []reqOption
	for _, o := range reqOptions {
		if o.long == name {
			return o, nil
		}
		if name != "" && strings.HasPrefix(o.long, name) {
			matches = append(matches, o)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return reqOption{}, fmt.Errorf("no such option: --%s", name)
	}
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = "--" + m.long
	}
	return reqOption{}, fmt.Errorf("ambiguous option --%s (%s)", name, strings.Join(names, ", "))
}

// shortOption finds a short option; all of pip's take a value.
func shortOption(c byte) (reqOption, bool) {
	for _, o := range reqOptions {
		if o.short != 0 && o.short == c {
			return o, true
		}
	}
	return reqOption{}, false
}

var (
	schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)
	// reqNameRE matches the start of a PEP 508 requirement: a name, then
	// optional extras.
	reqNameRE = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*`)
	extrasRE  = regexp.MustCompile(`^\[\s*([A-Za-z0-9][A-Za-z0-9._-]*\s*(,\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*)*)?\]$`)
	archiveRE = regexp.MustCompile(`(?i)\.(whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar)$`)
)

// urlScheme returns s's URL scheme, or "" when it has none. A single letter
// is a Windows drive, not a scheme.
func urlScheme(s string) string {
	m := schemeRE.FindStringSubmatch(s)
	if m == nil || len(m[1]) == 1 {
		return ""
	}
	return m[1]
}

// pipURLSchemes are the schemes pip takes a requirement line for a URL
// with (pip's is_url: the archive schemes and every VCS scheme); any other
// "word:" is read as a requirement, and fails.
var pipURLSchemes = map[string]bool{
	"http": true, "https": true, "file": true, "ftp": true,
	"git": true, "git+http": true, "git+https": true, "git+ssh": true, "git+git": true, "git+file": true,
	"hg+file": true, "hg+http": true, "hg+https": true, "hg+ssh": true, "hg+static-http": true,
	"svn": true, "svn+ssh": true, "svn+http": true, "svn+https": true, "svn+svn": true, "svn+file": true,
	"bzr+http": true, "bzr+https": true, "bzr+ssh": true, "bzr+sftp": true, "bzr+ftp": true, "bzr+lp": true, "bzr+file": true,
}

// requirement handles the requirement part of a line.
func (r *reqReader) requirement(name string, n int, req string) error {
	req = strings.TrimSpace(req)
	if pipURLSchemes[strings.ToLower(urlScheme(req))] {
		r.b.unpinned(name, n, eggName(req), req, "URL requirement")
		return nil
	}
	m := reqNameRE.FindStringSubmatchIndex(req)
	if m != nil && strings.HasPrefix(req[m[1]:], "@") {
		r.b.unpinned(name, n, req[m[2]:m[3]], strings.TrimSpace(req[m[1]+1:]), "URL requirement")
		return nil
	}
	if looksLikePath(req) {
		// pip installs a path only when it is a directory or names an
		// archive; anything else it reads as a requirement, and rejects
		// ("It looks like a path. File ... does not exist").
		if !archiveRE.MatchString(pathPart(req)) && !isDir(pathPart(req), name) {
			return r.b.errorf(name, n, "invalid requirement %q: it looks like a path, but no such directory", req)
		}
		r.b.unpinned(name, n, eggName(req), req, "path requirement")
		return nil
	}
	if m == nil {
		return r.b.errorf(name, n, "invalid requirement %q", req)
	}
	pkg := req[m[2]:m[3]]
	if m[4] >= 0 && !extrasRE.MatchString(req[m[4]:m[5]]) {
		return r.b.errorf(name, n, "invalid extras in requirement %q", req)
	}
	rest := req[m[1]:]
	spec, _, _ := strings.Cut(rest, ";") // the environment marker is not evaluated
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "(") {
		if !strings.HasSuffix(spec, ")") {
			return r.b.errorf(name, n, "invalid requirement %q: unclosed parenthesis", req)
		}
		spec = strings.TrimSpace(spec[1 : len(spec)-1])
	}
	if spec == "" {
		r.b.unpinned(name, n, pkg, "", "no version specifier")
		return nil
	}
	exact, err := exactVersion(spec)
	if err != nil {
		return r.b.errorf(name, n, "invalid requirement %q: %v", req, err)
	}
	// The whole set must be valid PEP 440, as pip requires; when the pinned
	// version is what is wrong, the pin's own error names it.
	if _, err := r.b.eco.ParseRange(spec); err != nil {
		if _, verr := r.b.eco.Parse(exact); exact != "" && verr != nil {
			return r.b.pin(name, n, pkg, exact, false, false)
		}
		return r.b.errorf(name, n, "invalid requirement %q: %v", req, err)
	}
	if exact == "" {
		r.b.unpinned(name, n, pkg, spec, "not pinned to one version")
		return nil
	}
	return r.b.pin(name, n, pkg, exact, false, false)
}

// exactVersion returns the version an "==" (without ".*") or "===" clause
// of spec pins, or "" when none does. Two such clauses naming different
// versions are an error: no version satisfies them.
func exactVersion(spec string) (string, error) {
	var pinned string
	for _, clause := range strings.Split(spec, ",") {
		clause = strings.TrimSpace(clause)
		var v string
		switch {
		case strings.HasPrefix(clause, "==="):
			v = strings.TrimSpace(clause[3:])
		case strings.HasPrefix(clause, "=="):
			v = strings.TrimSpace(clause[2:])
			if strings.HasSuffix(v, ".*") {
				continue
			}
		default:
			continue
		}
		if v == "" {
			return "", fmt.Errorf("missing version after %q", clause)
		}
		if pinned != "" && pinned != v {
			return "", fmt.Errorf("conflicting pins %q and %q", pinned, v)
		}
		pinned = v
	}
	return pinned, nil
}

// looksLikePath reports a local path or archive requirement as pip tells
// them: a path separator or a leading "." in the requirement (before any
// marker), or an archive file name.
func looksLikePath(s string) bool {
	s, _, _ = strings.Cut(s, ";")
	s = strings.TrimSpace(s)
	return strings.ContainsAny(s, `/\`) || strings.HasPrefix(s, ".") || archiveRE.MatchString(s)
}

// pathPart is a path requirement without its marker and "#egg=" fragment.
func pathPart(s string) string {
	s, _, _ = strings.Cut(s, ";")
	s, _, _ = strings.Cut(s, "#")
	return strings.TrimSpace(s)
}

// isDir reports whether path is a directory, relative to the current
// directory as pip reads it, or to the directory of the requirements file
// (where the gate is often run from elsewhere).
func isDir(path, from string) bool {
	for _, p := range []string{path, filepath.Join(filepath.Dir(from), path)} {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			return true
		}
	}
	return false
}

// eggName returns the project name a URL or path names with "#egg=NAME", or
// "" when it names none.
func eggName(s string) string {
	_, frag, ok := strings.Cut(s, "#")
	if !ok {
		return ""
	}
	for _, part := range strings.Split(frag, "&") {
		if v, ok := strings.CutPrefix(part, "egg="); ok {
			v, _, _ = strings.Cut(v, "[")
			return v
		}
	}
	return ""
}
