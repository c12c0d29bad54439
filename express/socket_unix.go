//go:build unix

package main

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// ANCHOR: dial

// dial opens a plain blocking socket to the server at addr and sends it
// the request for socket id. Connect and write wait until they are done.
// (A signal during connect could make it fail; minimio's Connect handles
// that, this program does not.)
func dial(addr string, delay, id int) (fd int, err error) {
	ap, err := ipv4(addr)
	if err != nil {
		return -1, err
	}
	// Close-on-exec is set under syscall.ForkLock, as Go's own net package
	// does where SOCK_CLOEXEC is missing (macOS), so that no fork in
	// another goroutine inherits the socket in between.
	syscall.ForkLock.RLock()
	fd, err = unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	if err == nil {
		unix.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, os.NewSyscallError("socket", err)
	}
	sa := &unix.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()}
	if err := unix.Connect(fd, sa); err != nil {
		unix.Close(fd)
		return -1, os.NewSyscallError("connect", err)
	}
	// A write to a peer that has gone returns EPIPE here, not SIGPIPE's
	// death: Go's runtime ignores the SIGPIPE of a write to any descriptor but
	// standard output and error (os/signal). minimio, a library, cannot count
	// on the program being Go's alone, so it sends with MSG_NOSIGNAL.
	if _, err := unix.Write(fd, request(addr, delay, id)); err != nil {
		unix.Close(fd)
		return -1, os.NewSyscallError("write", err)
	}
	return fd, nil
}

// answer reads what the server sent on fd, which is ready, and returns
// its status line.
func answer(fd int, buf []byte) (string, error) {
	n, err := unix.Read(fd, buf)
	if err != nil {
		return "", os.NewSyscallError("read", err)
	}
	return statusLine(buf[:n]), nil
}

// ANCHOR_END: dial
