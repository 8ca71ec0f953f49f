package openvex_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openvex/go-vex/pkg/vex"

	"github.com/patchline/patchline/advisory/openvex"
	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/analyzer/membership"
	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/internal/memregistry"
)

const testPolicy = `
project: Example
packages:
  npm: [app]
lines:
  - {name: "2.x", status: supported, released: 2025-01-01, from: "npm:app >=2.0.0 <3.0.0"}
  - {name: "1.x", status: supported, released: 2024-01-01, end_of_life: 2025-06-30, from: "npm:app >=1.0.0 <2.0.0"}
`

// Every member version gets one statement: affected with its line's fix,
// fixed from the fix on, not affected before the vulnerability; a line
// past its end of life is told that no fix will come.
func TestDocument(t *testing.T) {
	doc, got := statements(t, testPolicy, []string{"1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.0.1", "2.1.0"},
		"summary: s\naliases: [CVE-2026-0001]\naffected: [{package: npm:app, introduced: 1.1.0, fixed: [2.0.1]}]\n")
	want := []string{
		"pkg:npm/app@1.0.0 not_affected",
		"pkg:npm/app@1.1.0 affected: Line 1.x is past its end of life and gets no fix: upgrade to a supported line.",
		"pkg:npm/app@1.2.0 affected: Line 1.x is past its end of life and gets no fix: upgrade to a supported line.",
		"pkg:npm/app@2.0.0 affected: Upgrade to app 2.0.1 (line 2.x).",
		"pkg:npm/app@2.0.1 fixed",
		"pkg:npm/app@2.1.0 fixed",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statements (-want +got):\n%s", diff)
	}
	if doc.Statements[0].Vulnerability.Name != "CVE-2026-0001" {
		t.Errorf("vulnerability %q, want the CVE alias", doc.Statements[0].Vulnerability.Name)
	}
	// The format's own reader takes the document back.
	var buf bytes.Buffer
	if err := doc.ToJSON(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := vex.Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Statements) != len(doc.Statements) || back.ID != "urn:x-patchline:vex:x_EX-2026-0001" {
		t.Errorf("read back: %d statements, id %q", len(back.Statements), back.ID)
	}
}

// A version that two lines contain (a long-term line inside a major one)
// is told each line's fix: its users may stay on either line.
func TestSharedRelease(t *testing.T) {
	const pol = `
project: Example
packages:
  npm: [app]
lines:
  - {name: "2.x", status: supported, released: 2025-01-01, from: "npm:app >=2.0.0 <3.0.0"}
  - {name: "2.0", status: lts, released: 2025-01-01, end_of_life: 2027-01-01, from: "npm:app >=2.0.0 <2.1.0"}
`
	_, got := statements(t, pol, []string{"2.0.0", "2.0.1", "2.1.0", "2.1.1"},
		"summary: s\naffected: [{package: npm:app, introduced: 2.0.0, fixed: [2.0.1, 2.1.1]}]\n")
	want := []string{
		"pkg:npm/app@2.0.0 affected: Upgrade to app 2.1.1 (line 2.x). Upgrade to app 2.0.1 (line 2.0).",
		"pkg:npm/app@2.0.1 fixed",
		"pkg:npm/app@2.1.0 affected: Upgrade to app 2.1.1 (line 2.x).",
		"pkg:npm/app@2.1.1 fixed",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statements (-want +got):\n%s", diff)
	}
}

// statements analyses the report against the policy's lines over the
// versions and renders the OpenVEX document; got is each statement as
// "product status: action".
func statements(t *testing.T, pol string, versions []string, rep string) (doc *vex.VEX, got []string) {
	t.Helper()
	reg := memregistry.New()
	for _, v := range versions {
		reg.Add("npm:app", v)
	}
	p, err := policy.Parse("patchline.yaml", []byte(pol))
	if err != nil {
		t.Fatal(err)
	}
	m, err := membership.Compute(context.Background(), p, reg)
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Parse("report.yaml", []byte(rep), p)
	if err != nil {
		t.Fatal(err)
	}
	an, err := impact.Analyze(m, r, policy.Date{Year: 2026, Month: 1, Day: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, err = openvex.Document(an, openvex.Options{ID: "x_EX-2026-0001", Author: "Example", Now: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range doc.Statements {
		s := st.Products[0].ID + " " + string(st.Status)
		if st.ActionStatement != "" {
			s += ": " + st.ActionStatement
		}
		got = append(got, s)
	}
	return doc, got
}

func TestJoinActions(t *testing.T) {
	for _, tc := range []struct {
		in   []openvex.LineAction
		want string
	}{
		{[]openvex.LineAction{{"v12", "Upgrade to a 2.3.1 (line v12)."}}, "Upgrade to a 2.3.1 (line v12)."},
		{[]openvex.LineAction{{"v12", "Upgrade to a 2.3.1 (line v12)."}, {"v11", "Upgrade to a 2.3.1 (line v11)."}}, "Upgrade to a 2.3.1 (lines v12, v11)."},
		{[]openvex.LineAction{{"v12", "Upgrade to a 3.0.1 (line v12)."}, {"v11", "Upgrade to a 2.3.1 (line v11)."}}, "Upgrade to a 3.0.1 (line v12). Upgrade to a 2.3.1 (line v11)."},
		{[]openvex.LineAction{
			{"v10", "No release of line v10 requires a fixed b."},
			{"v9", "Upgrade to a 2.3.1 (line v9)."},
			{"v10", "No release of line v10 requires a fixed b."},
			{"v8", "Upgrade to a 2.3.1 (line v8)."},
		}, "No release of line v10 requires a fixed b. Upgrade to a 2.3.1 (lines v9, v8)."},
	} {
		if got := openvex.JoinActions(tc.in); got != tc.want {
			t.Errorf("JoinActions(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
