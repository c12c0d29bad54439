package looptest

import (
	"runtime"
	"testing"
	"time"
)

// LeakCheck notes how many goroutines the process runs and, on Unix,
// how many file descriptors it has open (see openFiles). The
// function it returns waits, up to ten seconds each, for both to be back
// to at most those numbers, fails the test if they are not, and logs the
// figures. Call both from the test's goroutine, with no other test
// running in parallel.
func LeakCheck(t *testing.T) (done func()) {
	t.Helper()
	goroutines, fds := runtime.NumGoroutine(), openFiles(t)
	return func() {
		t.Helper()
		g := settle(t, "goroutines", goroutines, runtime.NumGoroutine)
		if fds < 0 {
			t.Logf("goroutines: %d before, %d after", goroutines, g)
			return
		}
		f := settle(t, "open files", fds, func() int { return openFiles(t) })
		t.Logf("goroutines: %d before, %d after; open files: %d before, %d after", goroutines, g, fds, f)
	}
}

// settle waits until count() is back to at most before and returns it.
func settle(t *testing.T, what string, before int, count func() int) int {
	t.Helper()
	for i := 0; ; i++ {
		now := count()
		if now <= before {
			return now
		}
		if i == 1000 {
			t.Fatalf("%d %s before the run, %d after", before, what, now)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
