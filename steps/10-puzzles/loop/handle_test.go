package loop

import (
	"testing"
	"time"
)

// TestPollTimeoutCountsFromTheLoopTime arms a timer 10 ms after a fixed
// time and sets the loop's time 4 ms later: the poll timeout is the 6 ms
// left by the loop's time, not by the clock.
func TestPollTimeoutCountsFromTheLoopTime(t *testing.T) {
	rt, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	base := time.Now().Add(-time.Hour) // an hour ago: by the clock, long due
	rt.clock = func() time.Time { return base }
	rt.SetTimeout(10, func() {})
	rt.now = base.Add(4 * time.Millisecond)
	if got := rt.pollTimeout(); got != 6*time.Millisecond {
		t.Fatalf("poll timeout = %v; want 6ms, counted from the loop's time", got)
	}
}

// TestClockReadOncePerTickWithoutWaits runs 50 immediates one after
// another, whose ticks never wait (timeout 0): the clock is read once per
// tick, at its start, and not again after a wait that could not block.
func TestClockReadOncePerTickWithoutWaits(t *testing.T) {
	rt, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	rt.clock = func() time.Time { reads++; return time.Now() }
	err = runWithLimit(t, rt, func(rt *Runtime) {
		n := 0
		var next func()
		next = func() {
			if n++; n < 50 {
				rt.SetImmediate(next)
			}
		}
		rt.SetImmediate(next)
	})
	if err != nil {
		t.Fatal(err)
	}
	// One read before the program, one per tick.
	if want := rt.Ticks() + 1; reads != want {
		t.Fatalf("the clock was read %d times in %d ticks; want %d", reads, rt.Ticks(), want)
	}
}
