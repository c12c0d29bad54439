//go:build linux || dragonfly || freebsd || netbsd || openbsd

//step:file streams

package minimio

import (
	"os"

	"golang.org/x/sys/unix"
)

// socket opens a TCP socket for family (AF_INET or AF_INET6).
// SOCK_CLOEXEC makes it close-on-exec in the same call, so no fork in
// another goroutine can inherit it. SIGPIPE is suppressed on every send
// with MSG_NOSIGNAL, which all these systems honour.
func socket(family int) (int, error) {
	fd, err := unix.Socket(family, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	return fd, os.NewSyscallError("socket", err)
}

// noSigpipe would set a socket option against SIGPIPE; MSG_NOSIGNAL on
// each send does that here, so there is nothing to set. (accept_fcntl.go
// calls it on NetBSD and OpenBSD.)
//
//lint:ignore U1000 used on netbsd and openbsd, not on linux
func noSigpipe(int) error { return nil }
