//go:build unix

package main

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// readEAGAIN reads n times from an empty non-blocking socket: each read
// is a system call that finds nothing and fails with EAGAIN, the cheapest
// answer the kernel gives to a real question, and what a spurious
// readiness event costs a loop that tries to read.
func readEAGAIN(n int) (d time.Duration, err error) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	if err != nil {
		return 0, os.NewSyscallError("socketpair", err)
	}
	defer unix.Close(fds[0])
	defer unix.Close(fds[1])
	if err := unix.SetNonblock(fds[0], true); err != nil {
		return 0, os.NewSyscallError("fcntl", err)
	}
	buf := make([]byte, 64)
	err = onThread(func() error {
		start := time.Now()
		for range n {
			if _, err := unix.Read(fds[0], buf); !errors.Is(err, unix.EAGAIN) {
				return os.NewSyscallError("read", errors.Join(err, errors.New("want EAGAIN")))
			}
		}
		d = time.Since(start)
		return nil
	})
	return d, err
}
