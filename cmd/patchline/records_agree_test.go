package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestInvenioRecordsAgree builds the record of every Invenio example report
// at several dates and checks that no line a record calls not affected has
// a member among the versions it lists as affected: a record must agree
// with itself, and with lines at the same date. (A line that did not exist
// yet is "unreleased": the versions its ranges name are other lines'.)
func TestInvenioRecordsAgree(t *testing.T) {
	invenio, snapshot := snapshotDirs(t)
	isolate(t)
	t.Setenv(nowEnv, "2026-11-30T12:00:00Z")
	base := []string{"--offline", "--cache-dir", snapshot, "--policy", filepath.Join(invenio, "patchline.yaml")}
	reports, err := filepath.Glob(filepath.Join(invenio, "reports", "*.yaml"))
	if err != nil || len(reports) == 0 {
		t.Fatalf("no reports: %v", err)
	}
	for _, asOf := range []string{"2024-06-30", "2025-08-01", "2026-08-01"} {
		members := linesByPackage(t, append(base, "--as-of", asOf, "--format", "json", "lines"))
		for _, rep := range reports {
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), append(base, "--as-of", asOf, "osv", "--stdout", rep), &stdout, &stderr); code != exitOK {
				t.Fatalf("%s at %s: exit %d: %s", rep, asOf, code, stderr.String())
			}
			var rec struct {
				DatabaseSpecific map[string]any `json:"database_specific"`
				Affected         []struct {
					Package          struct{ Ecosystem, Name string }
					Versions         []string
					DatabaseSpecific struct {
						Lines []struct{ Line, Verdict string } `json:"lines"`
					} `json:"database_specific"`
				}
			}
			if err := json.Unmarshal(stdout.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			if _, ok := rec.DatabaseSpecific["lines"]; ok {
				t.Errorf("%s at %s: the per-line verdicts appear twice, in the record's database_specific too", filepath.Base(rep), asOf)
			}
			for _, e := range rec.Affected {
				ref := strings.ToLower(e.Package.Ecosystem) + "/" + e.Package.Name
				for _, l := range e.DatabaseSpecific.Lines {
					if l.Verdict != "not-affected" {
						continue
					}
					for _, v := range e.Versions {
						if slices.Contains(members[l.Line][ref], v) {
							t.Errorf("%s at %s: %s says %s is %s, yet lists its member %s %s as affected", filepath.Base(rep), asOf, ref, l.Line, l.Verdict, ref, v)
						}
					}
				}
			}
		}
	}
}
