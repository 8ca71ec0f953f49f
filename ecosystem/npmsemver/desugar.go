package npmsemver

import "strings"

// desugar rewrites one ||-alternative of a range into primitive comparator
// tokens, in the order and with the quirks of node-semver's parseRange:
//
//  1. build metadata is removed wherever it appears;
//  2. a hyphen range "A - B" spanning the whole alternative is rewritten;
//  3. spaces after operators, "~", "~>" and "^" are dropped;
//  4. each space-separated token goes through caret, tilde, x-range and star
//     rewriting, and the results are split into tokens again;
//  5. ">=0.0.0" (">=0.0.0-0" with includePrerelease) becomes the any token.
//
// Empty tokens, which node-semver turns into the any-version comparator and
// then drops from a set that has other comparators, are left out; the
// caller supplies the any comparator when nothing remains. part holds single
// spaces as its only whitespace and no leading or trailing space.
func desugar(part string, incPr bool) []string {
	part = stripBuilds(part)
	part = hyphenRange(part, incPr)
	part = trimComparatorWhitespace(part)
	part = trimAfter(part, '~')
	part = trimAfter(part, '^')
	var toks []string
	for _, tok := range strings.Split(part, " ") {
		out := replaceCaret(tok, incPr)
		out = mapWords(out, func(w string) string { return replaceTilde(w, incPr) })
		out = mapWords(out, func(w string) string { return replaceXRange(w, incPr) })
		out = replaceStar(out)
		for _, w := range strings.Split(out, " ") {
			if w == ">=0.0.0" && !incPr || w == ">=0.0.0-0" && incPr {
				w = ""
			}
			if w != "" {
				toks = append(toks, w)
			}
		}
	}
	return toks
}

// mapWords applies f to each space-separated word of s and joins the results
// with spaces, as node-semver's split(/\s+/).map(f).join(' ') does.
func mapWords(s string, f func(string) string) string {
	if strings.IndexByte(s, ' ') < 0 {
		return f(s)
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		words[i] = f(w)
	}
	return strings.Join(words, " ")
}

// stripBuilds removes every "+ident(.ident)*" from s: node-semver strips
// build metadata from the whole alternative before it looks at any
// comparator, so "1.2.3+b" and even a lone "+b" vanish.
func stripBuilds(s string) string {
	i := strings.IndexByte(s, '+')
	if i < 0 {
		return s
	}
	var b strings.Builder
	copyFrom := 0
	for ; i < len(s); i++ {
		if s[i] != '+' || !isIdentChar(at(s, i+1)) {
			continue
		}
		end := i + 1
		for {
			for end < len(s) && isIdentChar(s[end]) {
				end++
			}
			if at(s, end) != '.' || !isIdentChar(at(s, end+1)) {
				break
			}
			end++
		}
		b.WriteString(s[copyFrom:i])
		copyFrom = end
		i = end - 1
	}
	b.WriteString(s[copyFrom:])
	return b.String()
}

// trimAfter drops the space after each "~", "~>" or "^" (op), as the
// TILDETRIM and CARETTRIM replacements do; "~> 1" becomes "~1".
func trimAfter(s string, op byte) string {
	if strings.IndexByte(s, op) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i
		if s[j] == ' ' {
			j++
		}
		if at(s, j) == op {
			k := j + 1
			if op == '~' && at(s, k) == '>' && at(s, k+1) == ' ' {
				k++
			}
			if at(s, k) == ' ' {
				b.WriteString(s[i:j])
				b.WriteByte(op)
				i = k + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// replaceStar removes the first "*" together with an operator and space in
// front of it, node-semver's replaceStars. A "*" that no earlier step
// consumed thus vanishes, so "1.2.3*" means "1.2.3".
func replaceStar(s string) string {
	s = strings.Trim(s, " ")
	star := strings.IndexByte(s, '*')
	if star < 0 {
		return s
	}
	for i := 0; i <= star; i++ {
		j := i
		if c := s[j]; c == '<' || c == '>' {
			j++
		}
		if at(s, j) == '=' {
			j++
		}
		if at(s, j) == ' ' {
			j++
		}
		if at(s, j) == '*' {
			return s[:i] + s[j+1:]
		}
	}
	return s
}
