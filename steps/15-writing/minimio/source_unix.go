//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package minimio

// ANCHOR: unixfd

// unixFd returns the descriptor of src, a *TcpStream (or, from the
// listening step on, a *TcpListener), and its flag saying whether it is
// in the queue.
func unixFd(src Source) (int, *bool) {
	switch src := src.(type) {
	case *TcpStream:
		return src.fd, &src.inQueue
	case *TcpListener:
		return src.fd, &src.inQueue
	}
	panic("minimio: unknown source") // Registrator.check keeps others out
}

func (s *TcpStream) registered() bool   { return s.inQueue && s.fd >= 0 }
func (l *TcpListener) registered() bool { return l.inQueue && l.fd >= 0 }

// ANCHOR_END: unixfd
