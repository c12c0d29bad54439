package minimio

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The waker's tests run on every backend: epoll here, IOCP under Wine
// (make test-windows), kqueue in the GitHub macOS job.

func TestWakeBeforeWaitReturnsAtOnce(t *testing.T) {
	p, _ := newPoll(t)
	if err := p.Waker().Wake(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	events := NewEvents(4)
	go func() { done <- p.Poll(&events, -1) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Poll(-1) after a Wake still blocked after 10 s")
	}
	if !p.Woken() || len(events) != 0 {
		t.Fatalf("after a Wake: Woken() = %v with %d events, want true with none", p.Woken(), len(events))
	}
	// Drained: the next wait blocks, here until its timeout.
	start := time.Now()
	if err := p.Poll(&events, 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if p.Woken() || time.Since(start) < 50*time.Millisecond {
		t.Errorf("the Poll after the wake's: Woken() = %v after %v; want a timeout, not a second wake",
			p.Woken(), time.Since(start))
	}
}

// TestManyWakesLoseNoneAndNeverSpin wakes the queue 10,000 times from
// four goroutines while one goroutine polls with a 10 s timeout. Each waker
// counts before it wakes, so the poller, after its last return, must have
// seen every count (no wake-up lost: otherwise a Poll times out), and
// it must have returned no more often than it was woken (a signal that is
// not drained would make every Poll return at once: a spin).
func TestManyWakesLoseNoneAndNeverSpin(t *testing.T) {
	const wakers, each = 4, 2500
	p, _ := newPoll(t)
	w := p.Waker()
	var sent atomic.Int64
	var wg sync.WaitGroup
	for range wakers {
		wg.Go(func() {
			for i := range each {
				if i%100 == 0 {
					time.Sleep(100 * time.Microsecond) // let the poller in between
				}
				sent.Add(1)
				if err := w.Wake(); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	returns, seen := 0, int64(0)
	events := NewEvents(4)
	for seen < wakers*each {
		// As good as forever: a wake lost ends it with no wake.
		if err := p.Poll(&events, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		returns++
		if !p.Woken() {
			t.Fatalf("Poll returned %d events and no wake, having seen %d of %d wakes: a wake-up was lost",
				len(events), seen, wakers*each)
		}
		seen = sent.Load()
	}
	wg.Wait()
	if returns > wakers*each {
		t.Fatalf("Poll returned %d times for %d wakes: it spins", returns, wakers*each)
	}
	t.Logf("%d wakes, %d returns", wakers*each, returns)
	// The last wake may have come after the last count was read; after
	// at most one more return, the queue is quiet.
	if err := p.Poll(&events, 0); err != nil {
		t.Fatal(err)
	}
	if err := p.Poll(&events, 20*time.Millisecond); err != nil || p.Woken() {
		t.Fatalf("after all wakes were drained: Poll = %v, Woken() = %v; want a quiet timeout", err, p.Woken())
	}
}

func TestWakeAfterCloseIsAnError(t *testing.T) {
	p, _ := newPoll(t)
	w := p.Waker()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Wake(); !errors.Is(err, ErrClosed) {
		t.Fatalf("Wake after Close = %v, want ErrClosed", err)
	}
}

func TestCloseIsNotAWake(t *testing.T) {
	p, r := newPoll(t)
	if err := p.Waker().Wake(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	events := NewEvents(4)
	if err := p.Poll(&events, -1); !errors.Is(err, ErrClosed) || p.Woken() {
		t.Fatalf("Poll after a wake and Close = %v, Woken() = %v; want ErrClosed, not a wake", err, p.Woken())
	}
}
