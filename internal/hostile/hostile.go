// Package hostile writes the hostile inputs that the bounds' tests need:
// zip bombs and huge files.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"os"
	"strings"
	"testing"
)

// Zip writes to path an archive of n entries r0000.json,
// r0001.json, ... each holding data, compressed once and stored n times:
// 400 records of 10 MB make a 4 GB archive of a few megabytes, as an
// attacker would send.
func Zip(t testing.TB, path string, n int, data []byte) {
	t.Helper()
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for i := range n {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: fmt.Sprintf("r%04d.json", i), Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
			CompressedSize64: uint64(deflated.Len()), UncompressedSize64: uint64(len(data)),
		})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(deflated.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// Sparse writes to path a file of size bytes that begins with prefix and
// is empty (sparse) after it: a huge input that costs no disk.
func Sparse(t testing.TB, path string, size int64, prefix string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(prefix); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
}

// Record returns a valid OSV record of the PyPI package "a" (ecosystem
// "" makes it invalid) listing n versions 1.0, 1.1, ...: JSON of about
// 8 bytes a version that a reader decodes into several times that.
func Record(id, ecosystem string, n int) []byte {
	versions := make([]string, n)
	for i := range versions {
		versions[i] = fmt.Sprintf(`"1.%d"`, i)
	}
	return []byte(`{"id": "` + id + `", "modified": "2026-01-01T00:00:00Z", "published": "2026-01-01T00:00:00Z",
	"affected": [{"package": {"ecosystem": "` + ecosystem + `", "name": "a"}, "versions": [` + strings.Join(versions, ", ") + `]}]}`)
}
