package loop

import (
	"testing"
	"time"
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
		rt.addTimer(after, func() { late = time.Since(set) - after })
	})
	if late < 0 {
		t.Fatalf("the timer fired %v before its deadline (or never)", -late)
	}
	if rt.Ticks() > 3 {
		t.Fatalf("a timer 300 µs away took %d ticks: the wait was rounded down, and the loop spun", rt.Ticks())
	}
	t.Logf("fired %v after its deadline, in %d ticks", late, rt.Ticks())
}
