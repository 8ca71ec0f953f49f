// Package readlimit reads inputs whole with an upper bound on their size,
// so that a reader never holds more than its limit of an input it will
// refuse: a regular file too large is refused from its size before it is
// read, a stream (a pipe, standard input, an archive entry whose header
// may lie) as soon as one byte more than the limit has come.
package readlimit

import (
	"errors"
	"io"
	"os"
)

// TooLargeError is an input larger than Limit. Size is the input's size,
// or -1 when the input was a stream and only its excess is known.
type TooLargeError struct {
	Size  int64
	Limit int64
}

func (e *TooLargeError) Error() string { return "input larger than its size limit" }

// ReadFile reads the file at path, at most limit bytes of it.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if fi.Size() > limit {
			return nil, &TooLargeError{Size: fi.Size(), Limit: limit}
		}
		return Read(f, fi.Size(), limit)
	}
	return Read(f, -1, limit)
}

// Read reads r to its end, at most limit bytes of it. sizeHint, the size
// announced for the input (a file's size, a Content-Length), or -1 when
// unknown, sizes the first buffer: one byte more, which tells an input that
// is longer than announced without growing, and never beyond limit+1. An
// input of the size announced is read into that one buffer; otherwise the
// buffer doubles, never beyond limit+1 either, so a stream that lies about
// its size or never ends costs at most twice the limit in all, the buffers
// of doubling included. (io.ReadAll and bytes.Buffer grow past any limit set by an
// io.LimitReader: up to about 2.7 times it while reading.)
func Read(r io.Reader, sizeHint, limit int64) ([]byte, error) {
	buf, err := grow(r, firstBuffer(sizeHint, limit), limit)
	if err != nil {
		return nil, err
	}
	return buf, nil
}

func firstBuffer(sizeHint, limit int64) []byte {
	first := int64(512)
	if sizeHint >= 0 {
		first = sizeHint + 1
	}
	return make([]byte, 0, min(first, limit+1))
}

// grow reads r to its end into buf, growing it as Read says, and returns
// it; past limit, it returns a *TooLargeError with the limit+1 bytes read.
func grow(r io.Reader, buf []byte, limit int64) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			// Double, but never past the byte after the limit, and go
			// straight there from above three quarters of it: all the
			// buffers together come to at most twice the limit.
			next := 2 * int64(cap(buf))
			if next > (limit+1)/4*3 {
				next = limit + 1
			}
			grown := make([]byte, len(buf), max(next, int64(len(buf))+1))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return buf, &TooLargeError{Size: -1, Limit: limit}
		}
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
