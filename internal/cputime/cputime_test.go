package cputime

import (
	"sync"
	"testing"
	"time"
)

// spinner is a testing.TB that records a failure instead of stopping the
// test, to show that Check fails a function that spins.
type spinner struct {
	testing.TB
	failed bool
}

func (s *spinner) Fatalf(string, ...any) { s.failed = true }
func (s *spinner) Logf(string, ...any)   {}

// TestCheckCatchesSpinning checks both sides of Check: a function that
// sleeps passes, and one whose two goroutines spin until they have used
// 100 ms of CPU fails. On a machine so loaded that the spinning got less
// than its share of the time, no verdict is possible, and the test says so.
func TestCheckCatchesSpinning(t *testing.T) {
	Check(t, "a 200 ms sleep", func() { time.Sleep(200 * time.Millisecond) })
	s := &spinner{TB: t}
	var wall, cpu time.Duration
	start := Used(t)
	wall, cpu = Check(s, "spinning", func() {
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				for Used(t)-start < 100*time.Millisecond {
				}
			})
		}
		wg.Wait()
	})
	if !s.failed {
		if cpu < wall/fraction {
			t.Skipf("the spinning goroutines got %v of CPU in %v: the machine is too loaded to tell spinning from waiting", cpu, wall)
		}
		t.Fatalf("Check passed goroutines that spun for %v of CPU in %v", cpu, wall)
	}
}
