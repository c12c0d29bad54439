//go:build linux

package minimio

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestSignalsDoNotEndAWaitEarly sends signals straight at the thread that
// waits in epoll_wait, which then returns EINTR, as it does many times a
// second under Go's CPU profiler. Poll must wait again for the time that
// is left rather than return early or fail. SIGURG is the signal Go's own
// scheduler uses to preempt goroutines, so the runtime handles it quietly.
func TestSignalsDoNotEndAWaitEarly(t *testing.T) {
	p, _ := newPoll(t)
	tid := make(chan int)
	result := make(chan error)
	var took atomic.Int64
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		tid <- unix.Gettid()
		events := NewEvents(4)
		start := time.Now()
		err := p.Poll(&events, 300*time.Millisecond)
		took.Store(int64(time.Since(start)))
		result <- err
	}()
	target := <-tid
	sent := 0
	limit := time.After(5 * time.Second)
	for {
		select {
		case <-limit:
			t.Fatalf("Poll(300ms) had not returned after 5 s and %d signals: "+
				"each interruption must shorten the next wait", sent)
		case err := <-result:
			if err != nil {
				t.Fatalf("Poll interrupted by %d signals: %v", sent, err)
			}
			if d := time.Duration(took.Load()); d < 300*time.Millisecond {
				t.Fatalf("Poll(300ms) returned after %v (%d signals sent)", d, sent)
			}
			return
		case <-time.After(5 * time.Millisecond):
			if unix.Tgkill(unix.Getpid(), target, unix.SIGURG) == nil {
				sent++
			}
		}
	}
}
