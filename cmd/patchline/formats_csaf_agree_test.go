package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/openvex/go-vex/pkg/vex"
)

// TestFormatsCSAF renders every Invenio example report as an OSV record
// and as a CSAF VEX document, and checks that both name the same affected
// versions: the known_affected product versions are exactly the OSV
// record's versions that some line contains; and the same fix per line:
// each version OpenVEX states affected is remediated in CSAF with the same
// action.
func TestFormatsCSAF(t *testing.T) {
	render, reports, members := formatsFixture(t)
	for _, rep := range reports {
		name := filepath.Base(rep)
		fromOSV := osvVersions(t, render("osv", rep))
		data := render("csaf", rep)
		fromCSAF := knownAffected(t, data)
		for key, vs := range fromCSAF {
			for _, v := range vs {
				if !slices.Contains(fromOSV[key], v) {
					t.Errorf("%s: CSAF says %s@%s is known_affected; the OSV record does not list it", name, key, v)
				}
			}
		}
		for key, vs := range fromOSV {
			for _, v := range vs {
				if members[key+"@"+v] && !slices.Contains(fromCSAF[key], v) {
					t.Errorf("%s: the OSV record lists %s@%s, a line's release, which CSAF does not state known_affected", name, key, v)
				}
			}
		}
		if len(fromCSAF) == 0 && len(fromOSV) > 0 {
			t.Errorf("%s: the CSAF document states no affected version", name)
		}
		// The same fix per line: each affected version's OpenVEX action
		// is among the CSAF remediations that name it.
		actions := remediationsByProduct(t, data)
		vdoc, err := vex.Parse(render("openvex", rep))
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range vdoc.Statements {
			if st.Status != vex.StatusAffected {
				continue
			}
			for _, p := range st.Products {
				if !slices.Contains(actions[p.ID], st.ActionStatement) {
					t.Errorf("%s: %s: OpenVEX says %q; the CSAF remediations say %q", name, p.ID, st.ActionStatement, actions[p.ID])
				}
			}
		}
	}
}

// knownAffected reads a CSAF document's known_affected products as
// versions by "ecosystem/name", through the package URLs of the product
// tree.
func knownAffected(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	type branch struct {
		Branches []json.RawMessage
		Product  *struct {
			ProductID string `json:"product_id"`
			Helper    struct {
				PURL string
			} `json:"product_identification_helper"`
		}
	}
	var doc struct {
		ProductTree struct {
			Branches []json.RawMessage
		} `json:"product_tree"`
		Vulnerabilities []struct {
			ProductStatus struct {
				KnownAffected []string `json:"known_affected"`
			} `json:"product_status"`
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	purls := map[string]string{}
	var walk func([]json.RawMessage)
	walk = func(bs []json.RawMessage) {
		for _, raw := range bs {
			var b branch
			if err := json.Unmarshal(raw, &b); err != nil {
				t.Fatal(err)
			}
			if b.Product != nil {
				purls[b.Product.ProductID] = b.Product.Helper.PURL
			}
			walk(b.Branches)
		}
	}
	walk(doc.ProductTree.Branches)
	out := map[string][]string{}
	for _, v := range doc.Vulnerabilities {
		for _, id := range v.ProductStatus.KnownAffected {
			purl, ok := purls[id]
			if !ok {
				t.Fatalf("known_affected product %s is not in the product tree", id)
			}
			key, version := purlKey(t, purl)
			out[key] = append(out[key], version)
		}
	}
	return out
}

// remediationsByProduct reads a CSAF document's remediation texts by
// product id (the package URL).
func remediationsByProduct(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	var doc struct {
		Vulnerabilities []struct {
			Remediations []struct {
				Details    string
				ProductIDs []string `json:"product_ids"`
			}
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, v := range doc.Vulnerabilities {
		for _, r := range v.Remediations {
			for _, id := range r.ProductIDs {
				out[id] = append(out[id], r.Details)
			}
		}
	}
	return out
}
