//go:build darwin || netbsd || openbsd

//step:file listening

package minimio

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// accept takes one connection from the listening socket fd. x/sys has no
// accept4 here, so the new socket is made close-on-exec with fcntl
// afterwards, holding syscall.ForkLock for reading as Go's net does, so
// that no fork happens in between, and then non-blocking with a second
// fcntl (whether the listener's O_NONBLOCK is passed on differs between
// these systems). On macOS it also gets SO_NOSIGPIPE (see noSigpipe). An
// error is wrapped with the name of the call that failed.
func accept(fd int) (int, error) {
	syscall.ForkLock.RLock()
	nfd, _, err := unix.Accept(fd)
	if err == nil {
		unix.CloseOnExec(nfd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, os.NewSyscallError("accept", err)
	}
	if err := unix.SetNonblock(nfd, true); err != nil {
		unix.Close(nfd)
		return -1, os.NewSyscallError("fcntl", err)
	}
	if err := noSigpipe(nfd); err != nil {
		unix.Close(nfd)
		return -1, err
	}
	return nfd, nil
}
