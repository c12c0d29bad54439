//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package main

import (
	"os"
	"testing"

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
