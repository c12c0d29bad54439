package minimio

import (
	"encoding/binary"
	"os"
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

// TestAFailedWakeIsNotCoalesced makes the eventfd unwritable (a
// read-only file duplicated onto its number) and wakes twice: both Wakes
// fail, the second because it tried again rather than taking the first,
// failed, signal for one on its way.
func TestAFailedWakeIsNotCoalesced(t *testing.T) {
	p, _ := newPoll(t)
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Dup2(int(f.Fd()), p.sel.wakefd); err != nil {
		t.Fatal(err)
	}
	w := p.Waker()
	for i := range 2 {
		if err := w.Wake(); err == nil {
			t.Fatalf("Wake %d on an unwritable eventfd returned nil, want the write's error", i+1)
		}
	}
}
