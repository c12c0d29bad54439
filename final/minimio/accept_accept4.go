//go:build linux || dragonfly || freebsd

//step:file listening

package minimio

import (
	"os"

	"golang.org/x/sys/unix"
)

// accept takes one connection from the listening socket fd. accept4 makes
// the new socket close-on-exec and non-blocking in the same call, so no
// fork can see it without FD_CLOEXEC. An error is wrapped with the name
// of the call that failed.
func accept(fd int) (int, error) {
	nfd, _, err := unix.Accept4(fd, unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK)
	return nfd, os.NewSyscallError("accept4", err)
}
