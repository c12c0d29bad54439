package loop

import (
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/06-work/js"
)

// TestTimerUnderAMillisecond sets a timer 300 µs away, less than the
// millisecond epoll_wait counts in. Poll rounds the wait up to 1 ms, so
// the timer fires after its deadline, never before, and the loop gets
// there in a tick or two; rounding down would make the wait 0, and the
// loop would spin through tick after tick until the deadline passed.
func TestTimerUnderAMillisecond(t *testing.T) {
	const after = 300 * time.Microsecond
	var set time.Time
	var late time.Duration = -1
	rt := runProgram(t, Config{}, func(rt *Runtime) {
		set = time.Now()
		rt.addTimer(after, 0, func() { late = time.Since(set) - after })
	})
	if late < 0 {
		t.Fatalf("the timer fired %v before its deadline (or never)", -late)
	}
	if rt.Ticks() > 3 {
		t.Fatalf("a timer 300 µs away took %d ticks: the wait was rounded down, and the loop spun", rt.Ticks())
	}
	t.Logf("fired %v after its deadline, in %d ticks", late, rt.Ticks())
}

// TestOnlyPoolWorkWaitsForever has nothing pending but pool work: the
// poll phase waits with no timeout, and the pool's wake ends the wait in
// one tick, not a tick per timeout.
func TestOnlyPoolWorkWaitsForever(t *testing.T) {
	rt := runProgram(t, Config{PoolSize: 1}, func(rt *Runtime) {
		if got := rt.pollTimeout(); got != 0 {
			t.Errorf("pollTimeout with nothing pending = %v, want 0", got)
		}
		rt.QueueWork("Sleep", func() (js.Value, error) {
			time.Sleep(200 * time.Millisecond)
			return js.Value{}, nil
		}, func(error, js.Value) {})
		if got := rt.pollTimeout(); got != -1 {
			t.Errorf("pollTimeout with only pool work = %v, want -1 (forever)", got)
		}
		rt.SetImmediate(func() {})
		if got := rt.pollTimeout(); got != 0 {
			t.Errorf("pollTimeout with an immediate = %v, want 0", got)
		}
	})
	if rt.Ticks() > 3 {
		t.Fatalf("a 200 ms task took %d ticks; the wait for it should be one", rt.Ticks())
	}
}
