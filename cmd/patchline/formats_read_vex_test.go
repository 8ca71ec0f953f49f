package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	gocsaf "github.com/gocsaf/csaf/v3/csaf"
	"github.com/openvex/go-vex/pkg/vex"
	"github.com/package-url/packageurl-go"

	"github.com/patchline/patchline/advisory/csaf/csaftest"
)

// The readers of the VEX formats, OpenVEX and CSAF, for TestFormatsAgree.

// purlVersion splits a package URL into "type/name" and its version.
func purlVersion(t *testing.T, s string) (key, version string) {
	t.Helper()
	purl, err := packageurl.FromString(s)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	name := purl.Name
	if purl.Namespace != "" {
		name = purl.Namespace + "/" + name
	}
	return purl.Type + "/" + name, purl.Version
}

// namedFix is the release a VEX text names as a line's fix ("Upgrade to
// react-invenio-forms 3.5.3 (line v12).", "... upgrade to invenio-app-rdm
// 11.0.6, which carries the fix"), or "".
func namedFix(key, text string) string {
	_, name, _ := strings.Cut(key, "/")
	m := regexp.MustCompile(`(?i)\bupgrade to ` + regexp.QuoteMeta(name) + ` ([^\s,]+)`).FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return m[1]
}

// vexFix is a VEX format's fix for a line: the release that the texts of
// the line's own affected products name (one for all of them), which the
// document must state fixed where the line contains it (except for an
// upstream report, whose documents state the forcing releases only).
func vexFix(r reading, l lineHits, texts map[string][]string, fixed map[string]bool) string {
	fix := ""
	for i, v := range l.own {
		named := ""
		for _, text := range texts[l.key+"@"+v] {
			if n := namedFix(l.key, text); n != "" {
				named = n
			}
		}
		if i > 0 && named != fix {
			return fmt.Sprintf("%s@%s names %q, others %q", l.key, v, named, fix)
		}
		fix = named
	}
	// An upstream report's documents state only the forcing releases.
	if fix != "" && !r.upstream && slices.Contains(r.later[l.line][l.key], fix) && !fixed[l.key+"@"+fix] {
		return fmt.Sprintf("%s, which the line contains and the document does not state fixed", fix)
	}
	return fix
}

// readOpenVEXFacts reads an OpenVEX document with go-vex: the products
// stated affected; for a line's own affected products, the line's first
// product after them stated fixed, which their action statement must name,
// and whether that statement says the line is past its end of life with
// no fix.
func readOpenVEXFacts(t *testing.T, data []byte, r reading) facts {
	t.Helper()
	doc, err := vex.Parse(data)
	if err != nil {
		t.Fatalf("go-vex cannot read the document: %v", err)
	}
	var f facts
	fixed := map[string]bool{}
	actions := map[string][]string{}
	for _, st := range doc.Statements {
		if err := st.Validate(); err != nil {
			t.Error(err)
		}
		for _, p := range st.Products {
			key, v := purlVersion(t, p.ID)
			switch st.Status {
			case vex.StatusAffected:
				f.addAffected(r.lineMembers, key, v)
				actions[key+"@"+v] = append(actions[key+"@"+v], st.ActionStatement)
			case vex.StatusFixed:
				fixed[key+"@"+v] = true
			}
		}
	}
	f.sortAffected(t)
	f.fixes, f.endOfLife = map[string]string{}, map[string]bool{}
	r.perLine(f.affected, func(l lineHits) {
		if len(l.own) == 0 {
			return
		}
		f.fixes[l.id()] = vexFix(r, l, actions, fixed)
		eol := true
		for _, v := range l.own {
			eol = eol && slices.ContainsFunc(actions[l.key+"@"+v], func(a string) bool {
				return strings.Contains(a, "Line "+l.line+" is past its end of life and gets no fix")
			})
		}
		f.endOfLife[l.id()] = eol
	})
	return f
}

// readCSAFFacts reads a CSAF document into gocsaf's model: the
// known_affected products (by the package URLs of the product tree); for
// a line's own affected products, the line's first product after them
// stated fixed, with which their vendor_fix remediation must come, and
// whether they are all remediated no_fix_planned.
func readCSAFFacts(t *testing.T, data []byte, r reading) facts {
	t.Helper()
	adv, err := csaftest.Read(data)
	if err != nil {
		t.Fatalf("gocsaf cannot read the document: %v", err)
	}
	purls := map[gocsaf.ProductID]string{}
	var walk func(bs gocsaf.Branches)
	walk = func(bs gocsaf.Branches) {
		for _, b := range bs {
			if p := b.Product; p != nil && p.ProductID != nil && p.ProductIdentificationHelper != nil && p.ProductIdentificationHelper.PURL != nil {
				purls[*p.ProductID] = string(*p.ProductIdentificationHelper.PURL)
			}
			walk(b.Branches)
		}
	}
	if adv.ProductTree != nil {
		walk(adv.ProductTree.Branches)
	}
	product := func(id *gocsaf.ProductID) string {
		purl, ok := purls[*id]
		if !ok {
			t.Fatalf("product %s is not in the product tree", *id)
		}
		key, v := purlVersion(t, purl)
		return key + "@" + v
	}
	var f facts
	fixed := map[string]bool{}
	remedies := map[string][]string{} // "key@version" → remediation categories
	fixTexts := map[string][]string{} // "key@version" → vendor_fix details
	for _, v := range adv.Vulnerabilities {
		if v.ProductStatus == nil {
			continue
		}
		if ps := v.ProductStatus.KnownAffected; ps != nil {
			for _, id := range *ps {
				key, ver, _ := strings.Cut(product(id), "@")
				f.addAffected(r.lineMembers, key, ver)
			}
		}
		if ps := v.ProductStatus.Fixed; ps != nil {
			for _, id := range *ps {
				fixed[product(id)] = true
			}
		}
		for _, rem := range v.Remediations {
			if rem.ProductIds == nil || rem.Category == nil {
				continue
			}
			for _, id := range *rem.ProductIds {
				p := product(id)
				remedies[p] = append(remedies[p], string(*rem.Category))
				if *rem.Category == "vendor_fix" && rem.Details != nil {
					fixTexts[p] = append(fixTexts[p], *rem.Details)
				}
			}
		}
	}
	f.sortAffected(t)
	f.fixes, f.endOfLife = map[string]string{}, map[string]bool{}
	r.perLine(f.affected, func(l lineHits) {
		if len(l.own) == 0 {
			return
		}
		eol := true
		for _, v := range l.own {
			eol = eol && slices.Equal(remedies[l.key+"@"+v], []string{"no_fix_planned"})
		}
		f.endOfLife[l.id()] = eol
		f.fixes[l.id()] = vexFix(r, l, fixTexts, fixed)
	})
	return f
}
