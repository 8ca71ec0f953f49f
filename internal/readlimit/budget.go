package readlimit

import (
	"context"
	"io"
)

// Budget bounds the memory of reads that run at the same time, such as the
// response bodies of one registry client: each read may hold up to small
// bytes (one and a half times, while its buffer doubles) without asking;
// a read that needs more waits for one of a few large-read slots, holds it
// until it returns, and may then grow to its limit. Reads at once thus
// hold at most reads × 1.5 × small + slots × 1.5 × limit, whatever their
// inputs. A slot holder waits on nothing but its input, so reads waiting
// for a slot always get one.
type Budget struct {
	small int64
	slots chan struct{}
}

// NewBudget returns a budget whose reads grow past small bytes only
// slots at a time.
func NewBudget(small int64, slots int) *Budget {
	return &Budget{small: small, slots: make(chan struct{}, slots)}
}

// Read reads r as the package's Read does, within the budget. While it
// waits for a large-read slot, ctx may end it.
func (b *Budget) Read(ctx context.Context, r io.Reader, sizeHint, limit int64) ([]byte, error) {
	if limit <= b.small {
		return Read(r, sizeHint, limit)
	}
	held := false
	defer func() {
		if held {
			<-b.slots
		}
	}()
	take := func() error {
		select {
		case b.slots <- struct{}{}:
			held = true
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if sizeHint > b.small {
		// Announced as large: its one buffer is a large read.
		if err := take(); err != nil {
			return nil, err
		}
		return Read(r, sizeHint, limit)
	}
	buf, err := grow(r, firstBuffer(sizeHint, b.small), b.small)
	if _, over := err.(*TooLargeError); !over {
		if err != nil {
			return nil, err
		}
		return buf, nil
	}
	// Longer than announced, or announced by nobody: what was read is
	// kept while the rest waits for a slot.
	if err := take(); err != nil {
		return nil, err
	}
	if buf, err = grow(r, buf, limit); err != nil {
		return nil, err
	}
	return buf, nil
}
