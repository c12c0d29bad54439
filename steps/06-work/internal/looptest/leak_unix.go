//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package looptest

import (
	"os"
	"testing"

	"golang.org/x/sys/unix"
)

// maxProbed is the highest descriptor number openFiles looks at. Go
// raises the soft limit on open files to the hard one, which can be a
// million; no test here holds more than a few tens of thousands.
const maxProbed = 1 << 16

// openFiles returns the number of file descriptors the process has open,
// found by asking fcntl(F_GETFD) about every number below the limit on
// open files: it fails with EBADF for a number that is not open. That
// works on every Unix, where /proc/self/fd (Linux) and /dev/fd (complete
// on macOS, only 0 to 2 on a FreeBSD without fdescfs) do not.
func openFiles(t *testing.T) int {
	t.Helper()
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(os.NewSyscallError("getrlimit", err))
	}
	n := 0
	for fd := range min(uint64(lim.Cur), maxProbed) {
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err == nil {
			n++
		}
	}
	return n
}
