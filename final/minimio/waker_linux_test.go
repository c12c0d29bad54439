package minimio

import (
	"encoding/binary"
	"testing"

	"golang.org/x/sys/unix"
)

// TestWakesBeforeADrainSignalOnce wakes the queue a thousand times with
// nobody polling and reads the eventfd: only the first Wake wrote to it
// (the count is 1), the rest found a wake on its way and made no call.
func TestWakesBeforeADrainSignalOnce(t *testing.T) {
	p, _ := newPoll(t)
	w := p.Waker()
	for range 1000 {
		if err := w.Wake(); err != nil {
			t.Fatal(err)
		}
	}
	var count [8]byte
	if _, err := unix.Read(p.sel.wakefd, count[:]); err != nil {
		t.Fatal(err)
	}
	if n := binary.NativeEndian.Uint64(count[:]); n != 1 {
		t.Fatalf("1000 wakes wrote %d to the eventfd, want 1", n)
	}
}
