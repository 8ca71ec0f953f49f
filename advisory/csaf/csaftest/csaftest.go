// Package csaftest checks CSAF 2.0 documents in tests, in two ways.
//
// The authoritative check is Validate: the tests of CSAF 2.0 section 6 as
// @secvisogram/csaf-validator-lib implements them (the library behind the
// BSI's and secvisogram's CSAF validator service), run by node on the
// script validate.mjs: the strict schema, every mandatory test (6.1), the
// optional (6.2) and informative (6.3) tests that read only the document.
// A document of patchline passes when the schema and the mandatory tests
// find no error and informative test 6.3.10 finds nothing (Result.Failures).
// .ci/run installs the library at ValidatorVersion and names it in
// ValidatorEnv; elsewhere the tests that need it skip.
//
// Problems is a quick pre-check that needs neither node nor the network,
// so that every test run checks the documents: the CSAF 2.0 JSON schema
// and document model of github.com/gocsaf/csaf/v3 (ValidateCSAF), and the
// mandatory tests that bear on patchline's documents, written after the
// standard's text. It claims no conformance of its own: where it and the
// library disagree, the library is right and the pre-check is to be fixed.
// TestChecksFindFaults in advisory/csaf holds both to the same broken
// documents.
package csaftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	gocsaf "github.com/gocsaf/csaf/v3/csaf"

	"github.com/patchline/patchline/severity"
)

// Problems returns what is wrong with the document; none when it is valid.
func Problems(data []byte) []string {
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	problems, err := gocsaf.ValidateCSAF(doc)
	if err != nil {
		return []string{"schema: " + err.Error()}
	}
	for i := range problems {
		problems[i] = "schema: " + problems[i]
	}
	problems = append(problems, model(data)...)
	m, _ := doc.(map[string]any)
	return append(problems, mandatory(m)...)
}

// model reads the document into the library's model and validates it
// there.
func model(data []byte) []string {
	adv, err := Read(data)
	if err == nil {
		err = adv.Validate()
	}
	if err != nil {
		return []string{"model: " + err.Error()}
	}
	return nil
}

// Read reads a document into the document model of github.com/gocsaf/csaf/v3,
// strictly (no unknown field). Version 3.7.0 models
// product_tree.product_groups as an object where the schema has an array,
// so the groups are left out of this reading (the schema and test 6.1.1
// check them).
func Read(data []byte) (*gocsaf.Advisory, error) {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	delete(obj(doc["product_tree"]), "product_groups")
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var adv gocsaf.Advisory
	if err := dec.Decode(&adv); err != nil {
		return nil, err
	}
	return &adv, nil
}

// mandatory runs the mandatory tests.
func mandatory(doc map[string]any) []string {
	var out []string
	fail := func(test, format string, args ...any) {
		out = append(out, test+": "+fmt.Sprintf(format, args...))
	}
	tree := obj(doc["product_tree"])
	defined := map[string]int{}
	walkKey(tree, "product_id", func(v any) { defined[str(v)]++ })
	groups := map[string]int{}
	for _, g := range arr(tree["product_groups"]) {
		groups[str(obj(g)["group_id"])]++
		for _, id := range arr(obj(g)["product_ids"]) {
			if defined[str(id)] == 0 {
				fail("6.1.1", "product group %s names undefined product %s", str(obj(g)["group_id"]), str(id))
			}
		}
	}
	for id, n := range defined {
		if n > 1 {
			fail("6.1.2", "product %s defined %d times", id, n)
		}
	}
	for id, n := range groups {
		if n > 1 {
			fail("6.1.5", "product group %s defined %d times", id, n)
		}
	}
	// 6.1.31: a product version names one version, not a range.
	ranges := regexp.MustCompile(`(?i)(<|>|\bvers:|\b(after|all|before|earlier|later|prior|versions)\b)`)
	walkBranches(arr(tree["branches"]), func(b map[string]any) {
		if str(b["category"]) == "product_version" && ranges.MatchString(str(b["name"])) {
			fail("6.1.31", "product version %q is a range", str(b["name"]))
		}
	})

	d := obj(doc["document"])
	tracking := obj(d["tracking"])
	history := arr(tracking["revision_history"])
	version := str(tracking["version"])
	status := str(tracking["status"])
	var numbers []int
	for _, h := range history {
		n, err := strconv.Atoi(str(obj(h)["number"]))
		if err != nil {
			fail("6.1.30", "revision number %q is not an integer version", str(obj(h)["number"]))
			continue
		}
		numbers = append(numbers, n)
	}
	if !slices.IsSorted(numbers) {
		fail("6.1.14", "revision history not sorted: %v", numbers)
	}
	for i, n := range numbers {
		if n != i+1 {
			fail("6.1.21", "revision history misses an item: %v", numbers)
			break
		}
	}
	if len(numbers) > 0 && strconv.Itoa(numbers[len(numbers)-1]) != version {
		fail("6.1.16", "document version %s is not the latest revision %d", version, numbers[len(numbers)-1])
	}
	if (version == "0" || strings.HasPrefix(version, "0.") || strings.Contains(version, "-")) && status != "draft" {
		fail("6.1.17", "version %s needs status draft, not %s", version, status)
	}
	if str(d["category"]) != "csaf_vex" {
		return out
	}
	if len(tree) == 0 {
		fail("6.1.27.4", "no product tree")
	}
	for i, v := range arr(doc["vulnerabilities"]) {
		vu := obj(v)
		if len(arr(vu["notes"])) == 0 {
			fail("6.1.27.5", "vulnerability %d has no notes", i)
		}
		if str(vu["cve"]) == "" && len(arr(vu["ids"])) == 0 {
			fail("6.1.27.8", "vulnerability %d has neither cve nor ids", i)
		}
		ps := obj(vu["product_status"])
		statusOf := map[string]string{}
		for _, s := range []string{"fixed", "known_affected", "known_not_affected", "under_investigation"} {
			for _, id := range arr(ps[s]) {
				if prev, ok := statusOf[str(id)]; ok {
					fail("6.1.6", "product %s is both %s and %s", str(id), prev, s)
				}
				statusOf[str(id)] = s
			}
		}
		if len(statusOf) == 0 {
			fail("6.1.27.7", "vulnerability %d has no product status", i)
		}
		refs := func(x map[string]any, key string) []string {
			var ids []string
			for _, id := range arr(x[key]) {
				ids = append(ids, str(id))
			}
			for _, g := range arr(x["group_ids"]) {
				for _, pg := range arr(tree["product_groups"]) {
					if str(obj(pg)["group_id"]) == str(g) {
						for _, id := range arr(obj(pg)["product_ids"]) {
							ids = append(ids, str(id))
						}
					}
				}
				if groups[str(g)] == 0 {
					fail("6.1.4", "group %s is not defined", str(g))
				}
			}
			return ids
		}
		for id := range statusOf {
			if defined[id] == 0 {
				fail("6.1.1", "product status names undefined product %s", id)
			}
		}
		acted := map[string]bool{}
		for _, r := range arr(vu["remediations"]) {
			ids := refs(obj(r), "product_ids")
			if len(ids) == 0 {
				fail("6.1.29", "remediation %q names no product", str(obj(r)["details"]))
			}
			for _, id := range ids {
				if defined[id] == 0 {
					fail("6.1.1", "remediation names undefined product %s", id)
				}
				acted[id] = true
			}
		}
		justified := map[string]int{}
		for _, f := range arr(vu["flags"]) {
			ids := refs(obj(f), "product_ids")
			if len(ids) == 0 {
				fail("6.1.32", "flag %s names no product", str(obj(f)["label"]))
			}
			for _, id := range ids {
				justified[id]++
			}
		}
		for id, s := range statusOf {
			switch {
			case s == "known_affected" && !acted[id]:
				fail("6.1.27.10", "known_affected product %s has no remediation", id)
			case s == "known_not_affected" && justified[id] == 0:
				fail("6.1.27.9", "known_not_affected product %s has no impact statement", id)
			}
			if justified[id] > 1 {
				fail("6.1.33", "product %s has %d justification flags", id, justified[id])
			}
		}
		for _, s := range arr(vu["scores"]) {
			for _, id := range arr(obj(s)["products"]) {
				if defined[str(id)] == 0 {
					fail("6.1.1", "score names undefined product %s", str(id))
				}
			}
			if c := obj(obj(s)["cvss_v3"]); len(c) > 0 {
				vec, err := severity.Parse(str(c["vectorString"]))
				if err != nil {
					fail("6.1.8", "%v", err)
					continue
				}
				if got, _ := c["baseScore"].(float64); got != vec.BaseScore() {
					fail("6.1.9", "base score %v, the vector computes %v", got, vec.BaseScore())
				}
				if str(c["version"]) != vec.Version() {
					fail("6.1.10", "version %s, the vector's is %s", str(c["version"]), vec.Version())
				}
			}
		}
	}
	return out
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }
func arr(v any) []any          { a, _ := v.([]any); return a }
func str(v any) string         { s, _ := v.(string); return s }

// walkKey calls f with every value of key anywhere below v.
func walkKey(v any, key string, f func(any)) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if k == key {
				f(c)
			}
			walkKey(c, key, f)
		}
	case []any:
		for _, c := range x {
			walkKey(c, key, f)
		}
	}
}

// walkBranches calls f with every branch of the tree.
func walkBranches(bs []any, f func(map[string]any)) {
	for _, b := range bs {
		f(obj(b))
		walkBranches(arr(obj(b)["branches"]), f)
	}
}
