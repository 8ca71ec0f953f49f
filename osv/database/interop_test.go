package database_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/database"
)

// The osv-scanner release the interoperability test reads exports with.
const (
	scannerModule = "github.com/google/osv-scanner/v2@v2.2.4"
	osvScanner    = "github.com/google/osv-scanner/v2/cmd/osv-scanner@v2.2.4"
)

// interopEnv, when "1" (CI sets it in .ci/run), makes the test fail
// instead of skipping when osv-scanner cannot be fetched.
const interopEnv = "PATCHLINE_INTEROP"

// scannerEnv names an osv-scanner binary built beforehand (.ci/run builds
// it before the tests, so that its build does not count against the test
// binary's timeout).
const scannerEnv = "PATCHLINE_OSV_SCANNER"

var scanner struct {
	once sync.Once
	path string
	skip string
	err  error
}

// buildScanner builds osv-scanner once per test run into a temporary
// directory, through the shared module and build caches.
func buildScanner(t *testing.T) string {
	t.Helper()
	scanner.once.Do(func() {
		if p := os.Getenv(scannerEnv); p != "" {
			if _, err := os.Stat(p); err != nil {
				scanner.err = fmt.Errorf("%s: %v", scannerEnv, err)
			}
			scanner.path = p
			return
		}
		dir, err := os.MkdirTemp("", "patchline-osv-scanner-")
		if err != nil {
			scanner.err = err
			return
		}
		goTool := func(timeout time.Duration, args ...string) ([]byte, error) {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			cmd := exec.CommandContext(ctx, "go", args...)
			cmd.Dir = dir // outside this module: its go.mod plays no part
			cmd.Env = append(os.Environ(), "GOBIN="+dir, "GOWORK=off", "GOFLAGS=-mod=mod")
			return cmd.CombinedOutput()
		}
		if out, err := goTool(3*time.Minute, "list", "-m", scannerModule); err != nil {
			scanner.skip = fmt.Sprintf("the Go module proxy does not serve %s: %v\n%s", osvScanner, err, out)
			return
		}
		if out, err := goTool(30*time.Minute, "install", osvScanner); err != nil {
			scanner.err = fmt.Errorf("go install %s: %v\n%s", osvScanner, err, out)
			return
		}
		scanner.path = filepath.Join(dir, "osv-scanner")
	})
	switch {
	case scanner.skip != "" && os.Getenv(interopEnv) == "1":
		t.Fatalf("%s=1 and %s", interopEnv, scanner.skip)
	case scanner.skip != "":
		t.Skip(scanner.skip)
	case scanner.err != nil:
		t.Fatal(scanner.err)
	}
	return scanner.path
}

// seq lists prefix+from ... prefix+to.
func seq(prefix string, from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf("%s%d", prefix, i))
	}
	return out
}

// interopRecord is an advisory on invenio-app-rdm fixed on two lines,
// 9.1.7 and 11.0.6, with the releases in between as the registry lists
// them (pre-releases included).
func interopRecord(t *testing.T) *osv.Record {
	var versions []string
	versions = append(versions, seq("9.0.", 0, 6)...)
	versions = append(versions, seq("9.1.", 0, 6)...)
	versions = append(versions, "10.0.0", "10.1.0", "10.1.1")
	versions = append(versions, seq("11.0.0.dev", 0, 16)...)
	versions = append(versions, seq("11.0.", 0, 5)...)
	published := osv.NewTime(at(t, "2024-06-12T08:00:00Z"))
	return &osv.Record{
		SchemaVersion: "1.7.5",
		ID:            "x_INVENIO-2024-0001",
		Modified:      published,
		Published:     published,
		Summary:       "Unsafe HTML rendering in the user interface",
		Details:       "Some React components of the InvenioRDM user interface rendered user-supplied HTML without sanitising it.\n",
		Severity:      []osv.Severity{{Type: osv.SeverityCVSSv3, Score: "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N"}},
		Affected: []osv.Affected{{
			Package: osv.Package{Ecosystem: "PyPI", Name: "invenio-app-rdm", Purl: "pkg:pypi/invenio-app-rdm"},
			Ranges: []osv.Range{{Type: osv.RangeEcosystem, Events: []osv.Event{
				{Introduced: "9.0.0"}, {Fixed: "9.1.7"}, {Introduced: "10.0.0"}, {Fixed: "11.0.6"},
			}}},
			Versions: versions,
		}},
		References: []osv.Reference{
			{Type: osv.ReferenceReport, URL: "https://github.com/inveniosoftware/invenio-app-rdm/issues/2693"},
			{Type: osv.ReferencePackage, URL: "https://pypi.org/project/invenio-app-rdm/"},
		},
	}
}

// scanReport is the part of osv-scanner's JSON output the test reads.
type scanReport struct {
	Results []struct {
		Packages []struct {
			Package struct {
				Name    string `json:"name"`
				Version string `json:"version"`
			} `json:"package"`
			Vulnerabilities []struct {
				ID string `json:"id"`
			} `json:"vulnerabilities"`
		} `json:"packages"`
	} `json:"results"`
}

// TestOSVScannerReadsExport exports a database and has the real
// osv-scanner read it offline: a requirements.txt pinning an affected
// version is reported with the record's id, one pinning a fixed version
// is not.
func TestOSVScannerReadsExport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds osv-scanner; not with -short")
	}
	bin := buildScanner(t)

	db := open(t)
	rec := interopRecord(t)
	if _, err := db.Put(rec, rec.Modified.Time()); err != nil {
		t.Fatal(err)
	}
	local := t.TempDir()
	if _, err := database.Export(db, filepath.Join(local, "osv-scanner"), at(t, "2026-01-01T00:00:00Z"), database.ExportOptions{}); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		pin  string
		want []string // ids osv-scanner reports for the pin
	}{
		{"11.0.5", []string{rec.ID}},
		{"9.0.0", []string{rec.ID}},
		{"11.0.6", nil},
		{"9.1.7", nil},
	} {
		t.Run(tc.pin, func(t *testing.T) {
			dir := t.TempDir()
			reqs := filepath.Join(dir, "requirements.txt")
			if err := os.WriteFile(reqs, []byte("invenio-app-rdm=="+tc.pin+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			got, code := scan(t, bin, local, reqs)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("osv-scanner reports %v for invenio-app-rdm==%s, want %v", got, tc.pin, tc.want)
			}
			if wantCode := min(len(tc.want), 1); code != wantCode {
				t.Errorf("osv-scanner exits %d, want %d", code, wantCode)
			}
		})
	}
}

// scan runs osv-scanner offline on one lockfile and returns the ids it
// reports for invenio-app-rdm, and its exit code.
func scan(t *testing.T, bin, local, lockfile string) ([]string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// osv-scanner 2.2.4 has no flag for the database's place: it reads
	// OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY, below which it expects
	// osv-scanner/<Ecosystem>/all.zip. --offline keeps it off the network
	// altogether.
	cmd := exec.CommandContext(ctx, bin, "scan", "source", "--offline", "--offline-vulnerabilities",
		"--format=json", "--lockfile="+lockfile)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY="+local)
	err := cmd.Run()
	// osv-scanner exits 1 when it found vulnerabilities, 128 when it found
	// no packages, other codes on errors.
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	}
	if err != nil && code != 1 {
		t.Fatalf("osv-scanner: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	var rep scanReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("osv-scanner's output: %v\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	var ids []string
	seen := false
	for _, r := range rep.Results {
		for _, p := range r.Packages {
			if p.Package.Name != "invenio-app-rdm" {
				continue
			}
			seen = true
			for _, v := range p.Vulnerabilities {
				ids = append(ids, v.ID)
			}
		}
	}
	if !seen && len(rep.Results) > 0 {
		t.Fatalf("osv-scanner did not report invenio-app-rdm:\n%s", stdout.String())
	}
	return ids, code
}
