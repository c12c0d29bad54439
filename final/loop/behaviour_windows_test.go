//step:file writing

package loop_test

import "golang.org/x/sys/windows"

// setRcvbuf sets a socket's receive buffer (before it connects).
func setRcvbuf(fd uintptr, n int) {
	windows.SetsockoptInt(windows.Handle(fd), windows.SOL_SOCKET, windows.SO_RCVBUF, n)
}
