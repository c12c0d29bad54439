package loop

import (
	"runtime"
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
// another, whose ticks never wait (timeout 0). With a timer armed, the
// clock is read once per tick, at its start, and not again after a wait
// that could not block; with none, only the timers would read it, so it
// is read once, before the program, and never by a tick.
func TestClockReadOncePerTickWithoutWaits(t *testing.T) {
	for _, withTimer := range []bool{false, true} {
		rt, err := New(Config{})
		if err != nil {
			t.Fatal(err)
		}
		reads := 0
		rt.clock = func() time.Time { reads++; return time.Now() }
		err = runWithLimit(t, rt, func(rt *Runtime) {
			if withTimer {
				rt.SetTimeout(3_600_000, func() {}).Unref() // its SetTimeout reads the clock once
			}
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
		want := 1 // before the program
		if withTimer {
			want += 1 + rt.Ticks() // the SetTimeout, then one per tick
		}
		if reads != want {
			t.Errorf("with a timer armed %v: the clock was read %d times in %d ticks; want %d", withTimer, reads, rt.Ticks(), want)
		}
	}
}

// TestAChainOfImmediatesAllocatesOnlyTheImmediates runs chains of 100 and
// of 2,100 immediates and counts the heap allocations of the extra 2,000:
// one each, the Immediate itself. The check phase's queue is two slices
// that take turns, so a tick allocates no queue.
func TestAChainOfImmediatesAllocatesOnlyTheImmediates(t *testing.T) {
	mallocs := func(n int) uint64 {
		rt, err := New(Config{})
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err = rt.Run(func() {
			i := 0
			var next func()
			next = func() {
				if i++; i < n {
					rt.SetImmediate(next)
				}
			}
			rt.SetImmediate(next)
		})
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		return after.Mallocs - before.Mallocs
	}
	small, big := mallocs(100), mallocs(2_100)
	if per := float64(big-small) / 2_000; per > 1.2 {
		t.Errorf("%.2f allocations per immediate (%d for 100, %d for 2,100); want one, the Immediate", per, small, big)
	}
}
