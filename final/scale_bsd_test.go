//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package main

import (
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// signalStorm sends SIGURG (Go's own preemption signal, which the runtime
// takes quietly) to the process every 200 µs until the returned function
// is called; that function returns how many signals were sent. These
// systems have no /proc/self/task to find every thread and no tgkill to
// aim at one, so each signal goes to the process, and the kernel picks a
// thread to take it.
func signalStorm(t *testing.T) (stop func() int) {
	t.Helper()
	var sent atomic.Int64
	quit, finished := make(chan struct{}), make(chan struct{})
	pid := unix.Getpid()
	go func() {
		defer close(finished)
		for {
			select {
			case <-quit:
				return
			case <-time.After(200 * time.Microsecond):
			}
			if unix.Kill(pid, unix.SIGURG) == nil {
				sent.Add(1)
			}
		}
	}()
	return func() int {
		close(quit)
		<-finished
		return int(sent.Load())
	}
}
