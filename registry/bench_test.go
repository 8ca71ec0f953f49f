package registry

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/patchline/patchline/registry/config"
	"github.com/patchline/patchline/registry/httpcache"
	"github.com/patchline/patchline/registry/registrytest"
)

const (
	benchPackages = 20
	benchVersions = 25
	benchLatency  = 25 * time.Millisecond
)

// benchRegistry serves benchPackages projects of benchVersions releases,
// each with a core-metadata file.
func benchRegistry(b *testing.B) *registrytest.Server {
	s := registrytest.New()
	b.Cleanup(s.Close)
	for p := range benchPackages {
		name := fmt.Sprintf("bench-%02d", p)
		var files []string
		for v := range benchVersions {
			ver := fmt.Sprintf("1.%d.0", v)
			whl := fmt.Sprintf("bench_%02d-%s-py3-none-any.whl", p, ver)
			md := metadataFor(name, ver, "Requires-Dist: invenio-base<2.0.0,>=1.3.0", "Requires-Dist: flask>=2.2")
			s.Put("/packages/"+whl+".metadata", registrytest.File{Body: md})
			files = append(files, fmt.Sprintf(`{"filename": %q, "url": "../../packages/%s", "hashes": {}, "core-metadata": {"sha256": %q}, "upload-time": "2024-01-01T00:00:00Z"}`,
				whl, whl, httpcache.Sum(md)))
		}
		page := fmt.Sprintf(`{"meta": {"api-version": "1.1"}, "name": %q, "files": [%s]}`, name, strings.Join(files, ","))
		s.Put("/simple/"+name+"/", registrytest.File{Body: []byte(page), ContentType: "application/vnd.pypi.simple.v1+json"})
	}
	s.SetLatency(benchLatency)
	return s
}

// BenchmarkHistoriesAndRequirements reads 20 release histories, then the
// requirements of all 25 versions of each, from the test registry with 25
// ms of latency per request and the default concurrency of 8 per host. It
// reports the wall time, the request count and the ratio to the ideal
// (2 round trips + requests ÷ concurrency × latency), which must stay
// within 1.5.
func BenchmarkHistoriesAndRequirements(b *testing.B) {
	s := benchRegistry(b)
	var pkgs []Package
	for p := range benchPackages {
		pkgs = append(pkgs, mustPackage(b, fmt.Sprintf("PyPI:bench-%02d", p)))
	}
	const concurrency = 8
	ctx := context.Background()
	var total time.Duration
	var requests int
	for b.Loop() {
		b.StopTimer()
		s.ResetCounts()
		c, err := Open(ctx, Options{
			PyPIIndex:   s.URL + "/simple/",
			CacheDir:    b.TempDir(),
			Concurrency: concurrency,
			Env:         &config.Env{Vars: map[string]string{}, Home: b.TempDir(), Dir: b.TempDir()},
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		hs, err := c.Histories(ctx, pkgs)
		if err != nil {
			b.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(hs))
		for _, h := range hs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := c.Requirements(ctx, h, versions(h))
				errs <- err
			}()
		}
		wg.Wait()
		total += time.Since(start)
		close(errs)
		for err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
		requests = s.Total()
	}
	want := benchPackages * (1 + benchVersions)
	if requests != want {
		b.Errorf("%d requests, want %d", requests, want)
	}
	wall := total / time.Duration(b.N)
	ideal := 2*benchLatency + time.Duration(float64(requests)/concurrency*float64(benchLatency))
	ratio := float64(wall) / float64(ideal)
	b.ReportMetric(float64(wall.Milliseconds()), "wall-ms/op")
	b.ReportMetric(float64(ideal.Milliseconds()), "ideal-ms/op")
	b.ReportMetric(ratio, "x-ideal")
	b.ReportMetric(float64(requests), "requests/op")
	if ratio > 1.5 {
		b.Errorf("wall time %v is %.2f× the ideal %v (limit 1.5×)", wall, ratio, ideal)
	}
}

// TestLiveNPM fetches one small package through the npm registry the
// machine is configured with. It runs only with PATCHLINE_LIVE=1.
func TestLiveNPM(t *testing.T) {
	if os.Getenv("PATCHLINE_LIVE") != "1" {
		t.Skip("set PATCHLINE_LIVE=1 to read from the configured npm registry")
	}
	c, err := Open(context.Background(), Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	h, err := c.History(context.Background(), mustPackage(t, "npm:react-invenio-deposit"))
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Releases) == 0 || h.DistTags["latest"] == "" {
		t.Errorf("history = %d releases, dist-tags %v", len(h.Releases), h.DistTags)
	}
	for _, r := range h.Releases {
		if r.Uploaded.IsZero() {
			t.Errorf("%s has no publication time", r.Version)
		}
	}
	t.Logf("%s: %d releases from %s", h.Package, len(h.Releases), h.Provenance.URL)
}
