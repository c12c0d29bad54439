//go:build unix

package main

import (
	"os"

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
	fd, err = unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	if err != nil {
		return -1, os.NewSyscallError("socket", err)
	}
	unix.CloseOnExec(fd)
	sa := &unix.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()}
	if err := unix.Connect(fd, sa); err != nil {
		unix.Close(fd)
		return -1, os.NewSyscallError("connect", err)
	}
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
