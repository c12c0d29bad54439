//go:build linux || dragonfly || freebsd

package minimio

import (
	"os"

	"golang.org/x/sys/unix"
)

// accept takes one connection from the listening socket fd. accept4 sets
// FD_CLOEXEC on the new socket in the same call, so no fork can see it
// without it. The new socket is blocking whatever the listener is:
// without SOCK_NONBLOCK, accept4 does not pass O_NONBLOCK on. An error
// is wrapped with the name of the call that failed.
func accept(fd int) (int, error) {
	nfd, _, err := unix.Accept4(fd, unix.SOCK_CLOEXEC)
	return nfd, os.NewSyscallError("accept4", err)
}
