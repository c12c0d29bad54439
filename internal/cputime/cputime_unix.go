//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package cputime

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// fraction is the share of the wall time (one part in fraction) that
// Check lets a waiting program use in CPU.
const fraction = 10

// used asks getrusage(2) for the process's user and system time.
func used() (time.Duration, error) {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return 0, os.NewSyscallError("getrusage", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}
