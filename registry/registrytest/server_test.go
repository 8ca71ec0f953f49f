package registrytest

import (
	"io"
	"net/http"
	"path/filepath"
	"testing"
)

func get(t *testing.T, url string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestSnapshotAndValidators(t *testing.T) {
	s := New()
	defer s.Close()
	if err := s.LoadSnapshot(filepath.Join("..", "..", "testdata", "registry", "snapshot"), "registry.example.test", "/npm/"); err != nil {
		t.Fatal(err)
	}
	resp, body := get(t, s.URL+"/npm/react-invenio-deposit", nil)
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || etag == "" || resp.Header.Get("Content-Type") != "application/json" || len(body) == 0 {
		t.Fatalf("GET = %d %v", resp.StatusCode, resp.Header)
	}
	if resp, _ := get(t, s.URL+"/npm/react-invenio-deposit", map[string]string{"If-None-Match": etag}); resp.StatusCode != 304 {
		t.Errorf("If-None-Match: status %d, want 304", resp.StatusCode)
	}
	if resp, _ := get(t, s.URL+"/npm/react-invenio-deposit", map[string]string{"If-None-Match": `"other"`}); resp.StatusCode != 200 {
		t.Errorf("stale If-None-Match: status %d, want 200", resp.StatusCode)
	}
	if resp, _ := get(t, s.URL+"/npm/absent", nil); resp.StatusCode != 404 {
		t.Errorf("absent: status %d", resp.StatusCode)
	}
	s.Fail("/npm/react-invenio-deposit", Fault{Status: 429, RetryAfter: "7"})
	if resp, _ := get(t, s.URL+"/npm/react-invenio-deposit", nil); resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "7" {
		t.Errorf("fault: %d %v", resp.StatusCode, resp.Header)
	}
	if n := s.Count("/npm/react-invenio-deposit"); n != 4 {
		t.Errorf("Count = %d, want 4", n)
	}
	if r := s.Repeated(); len(r) != 1 || r[0] != "/npm/react-invenio-deposit" {
		t.Errorf("Repeated = %v", r)
	}
}
