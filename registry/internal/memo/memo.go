// Package memo owns the registry's memo tables: the values a run derives
// from the same input again and again (a requirement string, a list of
// them, a version range) are computed once per Client. A table keeps what
// it is given for its own lifetime, which is one run.
package memo

import (
	"encoding/binary"
	"sync"
)

// Table maps keys to computed values. The zero value is ready to use and
// safe for concurrent use; two goroutines may compute the same value at
// once, and then the later Put wins, which is harmless for the pure
// computations it memoises.
type Table[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

// Get returns the value stored for k.
func (t *Table[K, V]) Get(k K) (V, bool) {
	t.mu.RLock()
	v, ok := t.m[k]
	t.mu.RUnlock()
	return v, ok
}

// Put stores v for k.
func (t *Table[K, V]) Put(k K, v V) {
	t.mu.Lock()
	if t.m == nil {
		t.m = map[K]V{}
	}
	t.m[k] = v
	t.mu.Unlock()
}

// GetBytes is Get for a string key held in a byte slice, without
// converting it to a string: callers build keys in a reused buffer, and
// only a key met for the first time costs a string (in Put).
func GetBytes[V any](t *Table[string, V], k []byte) (V, bool) {
	t.mu.RLock()
	v, ok := t.m[string(k)]
	t.mu.RUnlock()
	return v, ok
}

// AppendPart appends s to a composite key with its length in front, so
// that keys built of parts never collide, whatever bytes the parts hold
// ("a\x00b" and "a", "b" give different keys).
func AppendPart(key []byte, s string) []byte {
	key = binary.AppendUvarint(key, uint64(len(s)))
	return append(key, s...)
}
