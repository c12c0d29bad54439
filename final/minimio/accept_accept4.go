//go:build linux || dragonfly || freebsd

package minimio

import "golang.org/x/sys/unix"

// acceptCall names the system call that accept makes, for its errors.
const acceptCall = "accept4"

// accept takes one connection from the listening socket fd. accept4 sets
// FD_CLOEXEC on the new socket in the same call, so no fork can see it
// without it. The new socket is blocking whatever the listener is:
// without SOCK_NONBLOCK, accept4 does not pass O_NONBLOCK on.
func accept(fd int) (int, error) {
	nfd, _, err := unix.Accept4(fd, unix.SOCK_CLOEXEC)
	return nfd, err
}
