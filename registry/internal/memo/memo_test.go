package memo

import (
	"fmt"
	"sync"
	"testing"
)

func TestTable(t *testing.T) {
	var tab Table[string, int]
	if _, ok := tab.Get("a"); ok {
		t.Fatal("empty table has a value")
	}
	tab.Put("a", 1)
	if v, ok := tab.Get("a"); !ok || v != 1 {
		t.Fatalf("Get(a) = %d, %v", v, ok)
	}
	if v, ok := GetBytes(&tab, []byte("a")); !ok || v != 1 {
		t.Fatalf("GetBytes(a) = %d, %v", v, ok)
	}
	if _, ok := GetBytes(&tab, []byte("b")); ok {
		t.Fatal("GetBytes(b) found a value")
	}
}

// TestTableConcurrent is for the race detector.
func TestTableConcurrent(t *testing.T) {
	var tab Table[string, int]
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				k := fmt.Sprint(i % 10)
				if _, ok := tab.Get(k); !ok {
					tab.Put(k, g)
				}
			}
		}()
	}
	wg.Wait()
	for i := range 10 {
		if _, ok := tab.Get(fmt.Sprint(i)); !ok {
			t.Errorf("key %d missing", i)
		}
	}
}

func BenchmarkGetBytes(b *testing.B) {
	var tab Table[string, int]
	tab.Put("invenio-base<2.0.0,>=1.3.0\x00flask>=2.2\x00", 1)
	key := []byte("invenio-base<2.0.0,>=1.3.0\x00flask>=2.2\x00")
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := GetBytes(&tab, key); !ok {
			b.Fatal("miss")
		}
	}
}
