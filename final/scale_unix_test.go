//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package main

import (
	"os"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// raiseFileLimit raises the soft limit on open files to the hard limit
// and returns the soft limit. macOS refuses a soft limit above its
// kern.maxfilesperproc (an unlimited hard limit, for one), and Go's
// runtime has already raised it as far as it goes, so a refusal leaves
// the limit as it is.
func raiseFileLimit(t *testing.T) int {
	t.Helper()
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(os.NewSyscallError("getrlimit", err))
	}
	if lim.Cur < lim.Max {
		raised := lim
		raised.Cur = lim.Max
		if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &raised); err == nil {
			lim = raised
		} else {
			t.Logf("setrlimit to %d open files: %v; the limit stays %d", raised.Cur, err, lim.Cur)
		}
	}
	return int(min(uint64(lim.Cur), 1<<30))
}

// storm calls send every 200 µs, in a goroutine, until the returned
// function is called; that function returns the sum of what send
// returned (the signals it sent).
func storm(send func() int) (stop func() int) {
	var sent atomic.Int64
	quit, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		for {
			select {
			case <-quit:
				return
			case <-time.After(200 * time.Microsecond):
			}
			sent.Add(int64(send()))
		}
	}()
	return func() int {
		close(quit)
		<-finished
		return int(sent.Load())
	}
}
