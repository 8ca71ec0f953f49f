package readlimit

import (
	"context"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/patchline/patchline/internal/memtest"
)

// countedEndless is an endless input that counts, in large, the reads of
// a group that have gone past small+1 bytes (the byte that tells a read
// it is over small) and not yet ended.
type countedEndless struct {
	small     int64
	n         int64
	large     *atomic.Int64
	mostLarge *atomic.Int64
}

func (c *countedEndless) Read(p []byte) (int, error) {
	before := c.n
	n, _ := endless{}.Read(p)
	c.n += int64(n)
	if before <= c.small+1 && c.n > c.small+1 {
		now := c.large.Add(1)
		for {
			most := c.mostLarge.Load()
			if now <= most || c.mostLarge.CompareAndSwap(most, now) {
				break
			}
		}
	}
	return n, nil
}

func (c *countedEndless) done() {
	if c.n > c.small+1 {
		c.large.Add(-1)
	}
}

// Eight endless reads at once: at most two of them go past small bytes at
// a time, so together they hold at most 8 × 1.5 × small + 2 × 1.5 ×
// limit (15 MiB here), not 8 × 1.5 × limit (48 MiB).
func TestBudgetBoundsReadsAtOnce(t *testing.T) {
	const small, limit = 256 << 10, 4 << 20
	b := NewBudget(small, 2)
	var large, mostLarge atomic.Int64
	var wg sync.WaitGroup
	peak := memtest.Peak(func() {
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := &countedEndless{small: small, large: &large, mostLarge: &mostLarge}
				defer in.done()
				_, err := b.Read(context.Background(), in, -1, limit)
				var tl *TooLargeError
				if !errors.As(err, &tl) {
					t.Errorf("err = %v", err)
				}
			}()
		}
		wg.Wait()
	})
	if most := mostLarge.Load(); most > 2 {
		t.Errorf("%d reads past %d bytes at once, want at most 2", most, small)
	}
	// The heap sampled holds garbage not yet collected too: logged only.
	t.Logf("peak heap %.1f MiB", float64(peak)/(1<<20))
}

// A read announced as small that stays small needs no slot, even when
// every slot is held; one that needs a slot waits, and its context can
// end the wait.
func TestBudgetWaits(t *testing.T) {
	b := NewBudget(1<<10, 1)
	blocked, unblock := io.Pipe()
	done := make(chan error)
	go func() {
		_, err := b.Read(context.Background(), io.MultiReader(io.LimitReader(endless{}, 4<<10), blocked), -1, 1<<20)
		done <- err
	}()
	for len(b.slots) == 0 {
		time.Sleep(time.Millisecond)
	}
	if got, err := b.Read(context.Background(), io.LimitReader(endless{}, 100), -1, 1<<20); err != nil || len(got) != 100 {
		t.Errorf("small read: %d bytes, %v", len(got), err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := b.Read(ctx, io.LimitReader(endless{}, 4<<10), -1, 1<<20); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("large read while the slot is held: %v", err)
	}
	unblock.Close()
	if err := <-done; err != nil {
		t.Errorf("slot holder: %v", err)
	}
	if got, err := b.Read(context.Background(), io.LimitReader(endless{}, 4<<10), 4<<10, 1<<20); err != nil || len(got) != 4<<10 {
		t.Errorf("large read after the slot is free: %d bytes, %v", len(got), err)
	}
}
