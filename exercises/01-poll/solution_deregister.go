//go:build exercises && linux && solution

package minimio

// The reference answer to the exercise of exercise_deregister.go. Try that
// file first.

import (
	"os"

	"golang.org/x/sys/unix"
)

// ANCHOR: start

// deregister removes stream from the epoll instance with EPOLL_CTL_DEL.
// That also takes an event that was ready off epoll's ready list, and the
// next register's EPOLL_CTL_ADD succeeds, where a one-shot registration
// that merely fired is only disarmed and needs EPOLL_CTL_MOD. (Disarming
// it with MOD would not do: epoll_ctl adds EPOLLERR and EPOLLHUP to every
// registration, whatever it asks for, one-shot or not, so a hang-up would
// still come; TestDeregisterSilencesAHangUp catches that.) A stream that
// was never added gives ENOENT.
func (s *selector) deregister(stream *TcpStream) error {
	return os.NewSyscallError("epoll_ctl del", unix.EpollCtl(s.epfd, unix.EPOLL_CTL_DEL, stream.fd, nil))
}

// ANCHOR_END: start
