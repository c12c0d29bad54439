//go:build unix

package loop_test

import (
	"golang.org/x/sys/unix"
)

// setRcvbuf sets a socket's receive buffer (before it connects).
func setRcvbuf(fd uintptr, n int) {
	unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_RCVBUF, n)
}
