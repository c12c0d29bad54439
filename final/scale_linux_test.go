//go:build linux

package main

import (
	"os"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// signalStorm sends SIGURG (Go's own preemption signal, which the runtime
// takes quietly) to every thread of the process every 200 µs, whether it
// runs or sleeps in a system call, until the returned function is called;
// that function returns how many signals were sent.
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
			tasks, err := os.ReadDir("/proc/self/task")
			if err != nil {
				continue
			}
			for _, task := range tasks {
				tid, err := strconv.Atoi(task.Name())
				if err == nil && unix.Tgkill(pid, tid, unix.SIGURG) == nil {
					sent.Add(1)
				}
			}
		}
	}()
	return func() int {
		close(quit)
		<-finished
		return int(sent.Load())
	}
}
