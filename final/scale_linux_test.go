//go:build linux

package main

import (
	"os"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// signalStorm sends SIGURG (Go's own preemption signal, which the runtime
// takes quietly) to every thread of the process every 200 µs, whether it
// runs or sleeps in a system call, until the returned function is called;
// that function returns how many signals were sent.
func signalStorm(t *testing.T) (stop func() int) {
	t.Helper()
	pid := unix.Getpid()
	return storm(func() (sent int) {
		tasks, err := os.ReadDir("/proc/self/task")
		if err != nil {
			return 0
		}
		for _, task := range tasks {
			tid, err := strconv.Atoi(task.Name())
			if err == nil && unix.Tgkill(pid, tid, unix.SIGURG) == nil {
				sent++
			}
		}
		return sent
	})
}
