//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package main

import (
	"testing"

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
	pid := unix.Getpid()
	return storm(func() int {
		if unix.Kill(pid, unix.SIGURG) != nil {
			return 0
		}
		return 1
	})
}
