//go:build darwin || netbsd || openbsd

package minimio

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// accept takes one connection from the listening socket fd. x/sys has no
// accept4 here, so the new socket is made close-on-exec with fcntl
// afterwards, holding syscall.ForkLock for reading as Go's net does, so
// that no fork happens in between. These systems pass the listener's
// O_NONBLOCK on to the new socket, so a second fcntl makes it blocking,
// as accept4 leaves it elsewhere. An error is wrapped with the name of
// the call that failed.
func accept(fd int) (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	nfd, _, err := unix.Accept(fd)
	if err != nil {
		return -1, os.NewSyscallError("accept", err)
	}
	unix.CloseOnExec(nfd)
	if err := unix.SetNonblock(nfd, false); err != nil {
		unix.Close(nfd)
		return -1, os.NewSyscallError("fcntl", err)
	}
	return nfd, nil
}
