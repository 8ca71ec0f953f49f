package pypi

import (
	"fmt"
	"sort"
	"strings"

	"github.com/patchline/patchline/ecosystem"
)

// Requirement is a parsed PEP 508 dependency specification, as found in
// Requires-Dist.
type Requirement struct {
	// Name is the distribution name as written; compare it through the
	// ecosystem's NormalizeName.
	Name string
	// Extras are the extras requested of the dependency, as written.
	Extras []string
	// Specifier is the version specifier set with the whitespace removed
	// and the specifiers in their written order, joined by ","; "" admits
	// every version. Range is its parsed form (nil when Specifier is "").
	Specifier string
	Range     ecosystem.Range
	// URL is a direct reference ("name @ URL"); Specifier is then "".
	URL string
	// Marker is the environment marker as written, trimmed; "" when none.
	Marker string
	// MarkerExtras are the extras the marker compares with ==
	// (`extra == "x"`), normalised as PEP 685 says. A requirement with a
	// non-empty set is one of those extras' requirements: it applies only
	// when one of them is requested.
	MarkerExtras []string
}

// String formats the requirement canonically: name, extras, specifier,
// then " @ URL" or the marker after "; ".
func (r Requirement) String() string {
	var b strings.Builder
	b.WriteString(r.Name)
	if len(r.Extras) > 0 {
		b.WriteString("[" + strings.Join(r.Extras, ",") + "]")
	}
	if r.URL != "" {
		b.WriteString(" @ " + r.URL)
		if r.Marker != "" {
			b.WriteString(" ")
		}
	} else {
		b.WriteString(r.Specifier)
	}
	if r.Marker != "" {
		b.WriteString("; " + r.Marker)
	}
	return b.String()
}

// RequirementError is an invalid requirement string.
type RequirementError struct {
	Input  string
	Pos    int // byte offset of the problem
	Reason string
}

func (e *RequirementError) Error() string {
	return fmt.Sprintf("invalid PEP 508 requirement %q at offset %d: %s", e.Input, e.Pos, e.Reason)
}

// pypiEcosystem is looked up lazily: the ecosystem registers itself from
// an init function.
func pypiEcosystem() (ecosystem.Ecosystem, error) { return ecosystem.Lookup("PyPI") }

// markerVariables are the names packaging accepts in markers, including
// the legacy dotted spellings.
var markerVariables = []string{
	"platform_python_implementation", "python_implementation", "implementation_name",
	"implementation_version", "platform_release", "platform_system", "platform_version",
	"platform_machine", "python_full_version", "python_version", "sys_platform", "os_name",
	"platform.python_implementation", "platform.version", "platform.machine",
	"sys.platform", "os.name", "extra",
}

func init() {
	// Longest first, so that a prefix never shadows a longer name.
	sort.Slice(markerVariables, func(i, j int) bool { return len(markerVariables[i]) > len(markerVariables[j]) })
}

var markerOps = []string{"===", "==", "~=", "!=", "<=", ">=", "<", ">"}

type reqParser struct {
	s   string
	pos int
}

func (p *reqParser) fail(format string, args ...any) error {
	return &RequirementError{Input: p.s, Pos: p.pos, Reason: fmt.Sprintf(format, args...)}
}

func (p *reqParser) ws() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
}

func (p *reqParser) eof() bool { return p.pos >= len(p.s) }

func (p *reqParser) peek(tok string) bool { return strings.HasPrefix(p.s[p.pos:], tok) }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// identifier reads a PEP 508 name: letters and digits, with ".", "_" and
// "-" inside.
func (p *reqParser) identifier() (string, bool) {
	start := p.pos
	if p.eof() || !isAlnum(p.s[p.pos]) {
		return "", false
	}
	end := p.pos + 1
	for i := p.pos + 1; i < len(p.s); i++ {
		c := p.s[i]
		if isAlnum(c) {
			end = i + 1
		} else if c != '.' && c != '_' && c != '-' {
			break
		}
	}
	p.pos = end
	return p.s[start:end], true
}

// ParseRequirement parses a PEP 508 requirement with packaging's grammar:
//
//	name [extras] (specifier | "(" specifier ")" | "@" URL) [";" marker]
//
// The specifier is parsed with the PyPI ecosystem's ParseRange; the marker
// is checked against the marker grammar and kept as text, together with
// the extras it names.
func ParseRequirement(s string) (Requirement, error) {
	p := &reqParser{s: s}
	var r Requirement
	p.ws()
	name, ok := p.identifier()
	if !ok {
		return r, p.fail("expected a package name")
	}
	r.Name = name
	p.ws()
	if p.peek("[") {
		p.pos++
		p.ws()
		r.Extras = []string{}
		if !p.peek("]") {
			for {
				p.ws()
				e, ok := p.identifier()
				if !ok {
					return r, p.fail("expected an extra name")
				}
				r.Extras = append(r.Extras, e)
				p.ws()
				if p.peek(",") {
					p.pos++
					continue
				}
				break
			}
		}
		if !p.peek("]") {
			return r, p.fail("expected \",\" or \"]\" in extras")
		}
		p.pos++
		if len(r.Extras) == 0 {
			r.Extras = nil
		}
	}
	p.ws()
	switch {
	case p.peek("@"):
		p.pos++
		p.ws()
		start := p.pos
		for !p.eof() && p.s[p.pos] != ' ' && p.s[p.pos] != '\t' {
			p.pos++
		}
		if start == p.pos {
			return r, p.fail("expected a URL after \"@\"")
		}
		r.URL = p.s[start:p.pos]
		hadWS := p.pos
		p.ws()
		if p.eof() {
			return r, nil
		}
		if p.pos == hadWS || !p.peek(";") {
			return r, p.fail("expected end or \";\" after the URL and whitespace")
		}
	default:
		spec, err := p.specifier()
		if err != nil {
			return r, err
		}
		r.Specifier = spec
		if spec != "" {
			eco, err := pypiEcosystem()
			if err != nil {
				return r, err
			}
			rng, err := eco.ParseRange(spec)
			if err != nil {
				return r, &RequirementError{Input: s, Pos: p.pos, Reason: err.Error()}
			}
			r.Range = rng
		}
		p.ws()
		if p.eof() {
			return r, nil
		}
		if !p.peek(";") {
			return r, p.fail("expected a version specifier, \";\" or end")
		}
	}
	p.pos++ // ";"
	start := p.pos
	m := &markerParser{reqParser: p}
	withoutExtra, err := m.marker()
	if err != nil {
		return r, err
	}
	p.ws()
	if !p.eof() {
		return r, p.fail("unexpected text after the marker")
	}
	r.Marker = strings.TrimSpace(s[start:])
	if r.Marker == "" {
		return r, p.fail("expected a marker after \";\"")
	}
	if !withoutExtra {
		// Only when no extra makes the marker false is the requirement an
		// extra's: `sys_platform == "win32" or extra == "x"` applies on
		// win32 without it.
		r.MarkerExtras = m.extras
	}
	return r, nil
}

// specifier reads a comma-separated list of version specifiers, optionally
// in parentheses, and returns it without whitespace.
func (p *reqParser) specifier() (string, error) {
	paren := false
	if p.peek("(") {
		paren = true
		p.pos++
		p.ws()
	}
	var specs []string
	for {
		p.ws()
		op := ""
		for _, o := range []string{"===", "~=", "==", "!=", "<=", ">=", "<", ">"} {
			if p.peek(o) {
				op = o
				break
			}
		}
		if op == "" {
			if len(specs) > 0 {
				return "", p.fail("expected a version specifier after \",\"")
			}
			break
		}
		p.pos += len(op)
		p.ws()
		// A version never starts with an operator's character: "== =" is
		// not "===" with an empty version (packaging rejects it too).
		if !p.eof() && strings.ContainsRune("=<>!~", rune(p.s[p.pos])) {
			return "", p.fail("expected a version after %q", op)
		}
		start := p.pos
		for !p.eof() && !strings.ContainsRune(" \t,;)", rune(p.s[p.pos])) {
			p.pos++
		}
		if start == p.pos {
			return "", p.fail("expected a version after %q", op)
		}
		specs = append(specs, op+p.s[start:p.pos])
		p.ws()
		if !p.peek(",") {
			break
		}
		p.pos++
	}
	if paren {
		p.ws()
		if !p.peek(")") {
			return "", p.fail("expected \")\" to close the specifier")
		}
		p.pos++
	}
	return strings.Join(specs, ","), nil
}

type markerParser struct {
	*reqParser
	extras []string
}

// The marker functions return the marker's value when no extra is
// requested and every other condition holds: patchline counts environment
// markers as satisfiable, so only the extra comparisons can make a
// requirement conditional.

// marker = and_expr ("or" and_expr)*
func (m *markerParser) marker() (bool, error) {
	v, err := m.and()
	if err != nil {
		return false, err
	}
	for m.keyword("or") {
		w, err := m.and()
		if err != nil {
			return false, err
		}
		v = v || w
	}
	return v, nil
}

// and_expr = atom ("and" atom)*
func (m *markerParser) and() (bool, error) {
	v, err := m.atom()
	if err != nil {
		return false, err
	}
	for m.keyword("and") {
		w, err := m.atom()
		if err != nil {
			return false, err
		}
		v = v && w
	}
	return v, nil
}

// keyword consumes a keyword surrounded by whitespace or punctuation.
func (m *markerParser) keyword(k string) bool {
	save := m.pos
	m.ws()
	if m.peek(k) {
		end := m.pos + len(k)
		if end == len(m.s) || !isAlnum(m.s[end]) && m.s[end] != '_' && m.s[end] != '.' {
			m.pos = end
			return true
		}
	}
	m.pos = save
	return false
}

// atom = "(" marker ")" | var op var
func (m *markerParser) atom() (bool, error) {
	m.ws()
	if m.peek("(") {
		m.pos++
		v, err := m.marker()
		if err != nil {
			return false, err
		}
		m.ws()
		if !m.peek(")") {
			return false, m.fail("expected \")\" in marker")
		}
		m.pos++
		return v, nil
	}
	lv, lstr, err := m.markerVar()
	if err != nil {
		return false, err
	}
	m.ws()
	op := ""
	switch {
	case m.keyword("in"):
		op = "in"
	case m.keyword("not"):
		if !m.keyword("in") {
			return false, m.fail("expected \"in\" after \"not\"")
		}
		op = "not in"
	default:
		m.ws()
		for _, o := range markerOps {
			if m.peek(o) {
				op = o
				m.pos += len(o)
				break
			}
		}
	}
	if op == "" {
		return false, m.fail("expected a marker operator")
	}
	m.ws()
	rv, rstr, err := m.markerVar()
	if err != nil {
		return false, err
	}
	if lv != "extra" && rv != "extra" {
		return true, nil // an environment condition: satisfiable
	}
	if op == "==" || op == "===" {
		switch {
		case lv == "extra" && rv == "":
			m.addExtra(rstr)
		case rv == "extra" && lv == "":
			m.addExtra(lstr)
		}
	}
	// Without an extra, extra is "": "==" a name is false, "!=" true.
	return op == "!=" || op == "not in", nil
}

func (m *markerParser) addExtra(e string) {
	if eco, err := pypiEcosystem(); err == nil {
		if n, err := eco.NormalizeName(e); err == nil {
			e = n
		}
	}
	for _, x := range m.extras {
		if x == e {
			return
		}
	}
	m.extras = append(m.extras, e)
}

// markerVar reads a variable name (returned as variable) or a quoted
// string (returned as str).
func (m *markerParser) markerVar() (variable, str string, err error) {
	m.ws()
	if m.eof() {
		return "", "", m.fail("expected a marker variable or string")
	}
	if q := m.s[m.pos]; q == '"' || q == '\'' {
		end := strings.IndexByte(m.s[m.pos+1:], q)
		if end < 0 {
			return "", "", m.fail("unterminated string in marker")
		}
		str = m.s[m.pos+1 : m.pos+1+end]
		m.pos += end + 2
		return "", str, nil
	}
	for _, v := range markerVariables {
		if m.peek(v) {
			end := m.pos + len(v)
			if end == len(m.s) || !isAlnum(m.s[end]) && m.s[end] != '_' && m.s[end] != '.' {
				m.pos = end
				return v, "", nil
			}
		}
	}
	return "", "", m.fail("expected a marker variable or string")
}
