// Package ziptest writes the hostile zip archives that the archive readers'
// tests need.
package ziptest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"os"
	"testing"
)

// WriteRepeated writes to path an archive of n entries r0000.json,
// r0001.json, ... each holding data, compressed once and stored n times:
// 400 records of 10 MB make a 4 GB archive of a few megabytes, as an
// attacker would send.
func WriteRepeated(t testing.TB, path string, n int, data []byte) {
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
