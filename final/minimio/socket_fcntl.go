//go:build darwin

//step:file streams

package minimio

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// socket opens a TCP socket for family (AF_INET or AF_INET6). macOS has
// no SOCK_CLOEXEC, so close-on-exec is set with fcntl afterwards, holding
// syscall.ForkLock for reading as Go's net does, so that no fork in
// another goroutine happens in between. Apple documents no MSG_NOSIGNAL
// for send(2), so SIGPIPE is turned off on the socket (SO_NOSIGPIPE), as
// mio and Go's runtime do.
func socket(family int) (int, error) {
	syscall.ForkLock.RLock()
	fd, err := unix.Socket(family, unix.SOCK_STREAM, 0)
	if err == nil {
		unix.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, os.NewSyscallError("socket", err)
	}
	if err := noSigpipe(fd); err != nil {
		unix.Close(fd)
		return -1, err
	}
	return fd, nil
}

// noSigpipe makes a write to a socket whose peer has gone fail with EPIPE
// without raising SIGPIPE.
func noSigpipe(fd int) error {
	return os.NewSyscallError("setsockopt", unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_NOSIGPIPE, 1))
}
