package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/patchline/patchline/osv"
)

// benchLockfileGate writes a 2,000-package package-lock.json (v3, scoped
// and plain names, nested installs) and a directory of 5,000 published
// records over 2,500 packages, each with per-line introduced/fixed pairs
// and enumerated versions, as a real database has them.
func benchLockfileGate(tb testing.TB) (lock, db string) {
	tb.Helper()
	dir := tb.TempDir()
	name := func(i int) string {
		if i%5 == 0 {
			return fmt.Sprintf("@inveniosoftware/pkg-%d", i)
		}
		return fmt.Sprintf("pkg-%d", i)
	}
	pkgs := map[string]any{"": map[string]any{"name": "site", "version": "1.0.0"}}
	for i := range 2000 {
		key := "node_modules/" + name(i)
		if i%7 == 0 && i > 0 {
			key = "node_modules/" + name(i-1) + "/node_modules/" + name(i)
		}
		pkgs[key] = map[string]any{
			"version":   fmt.Sprintf("%d.%d.%d", i%4+1, i%9, i%6),
			"resolved":  fmt.Sprintf("https://registry.example.test/%s/-/x-1.0.0.tgz", name(i)),
			"integrity": fmt.Sprintf("sha512-%088d", i),
		}
	}
	data, err := json.MarshalIndent(map[string]any{"name": "site", "version": "1.0.0", "lockfileVersion": 3, "packages": pkgs}, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	lock = filepath.Join(dir, "package-lock.json")
	if err := os.WriteFile(lock, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	db = filepath.Join(dir, "db")
	if err := os.Mkdir(db, 0o755); err != nil {
		tb.Fatal(err)
	}
	pub := osv.NewTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for i := range 5000 {
		p := i % 2500
		var evs []osv.Event
		var versions []string
		for major := 1; major <= 4; major++ {
			evs = append(evs, osv.Event{Introduced: fmt.Sprintf("%d.%d.0", major, i%5)}, osv.Event{Fixed: fmt.Sprintf("%d.%d.3", major, i%5+2)})
			for m := i % 5; m < i%5+2; m++ {
				for patch := range 3 {
					versions = append(versions, fmt.Sprintf("%d.%d.%d", major, m, patch))
				}
			}
		}
		r := &osv.Record{
			SchemaVersion: osv.SchemaVersion, ID: fmt.Sprintf("x_BENCH-2026-%04d", i), Published: pub, Modified: pub,
			Summary: "generated", Affected: []osv.Affected{{
				Package:  osv.Package{Ecosystem: "npm", Name: name(p)},
				Ranges:   []osv.Range{{Type: osv.RangeEcosystem, Events: evs}},
				Versions: versions,
			}},
		}
		b, err := osv.Marshal(r)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(db, r.ID+".json"), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return lock, db
}

// BenchmarkCheckLockfile is the release gate as CI runs it: the whole
// command, reading the lockfile and the 5,000 records, indexing and
// matching.
func BenchmarkCheckLockfile(b *testing.B) {
	lock, db := benchLockfileGate(b)
	args := []string{"--as-of", "2026-08-01", "check", "--lockfile", lock, "--db", db}
	var out bytes.Buffer
	if code := run(context.Background(), args, &out, io.Discard); code != exitGate {
		b.Fatalf("exit %d, want %d (the generated lockfile has affected pins)", code, exitGate)
	}
	b.Logf("%d lines of findings", bytes.Count(out.Bytes(), []byte("\n")))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if code := run(context.Background(), args, io.Discard, io.Discard); code != exitGate {
			b.Fatalf("exit %d", code)
		}
	}
}
