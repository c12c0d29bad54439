//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package minimio

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"

	"golang.org/x/sys/unix"
)

// ANCHOR: stream

// TcpStream is a TCP connection on a socket that this package created
// itself, so that Go's own network poller knows nothing of it and our
// event queue is the only one watching it.
//
// The socket stays in blocking mode: Write blocks until everything is
// sent, and Read blocks until there is data or the peer closes. Register
// the stream and wait for its event before calling Read, and Read will
// not block (this is the original's shortcut; a real event loop would use
// non-blocking reads and register again on EAGAIN).
//
// A TcpStream may be used by one goroutine at a time.
type TcpStream struct {
	fd int // -1 once closed
}

// ANCHOR_END: stream

// ANCHOR: connect

// Connect opens a TCP connection to addr, an "ip:port" such as
// "127.0.0.1:8080". It blocks until the connection is established.
func Connect(addr string) (*TcpStream, error) {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return nil, fmt.Errorf("minimio: connect %q: %w", addr, err)
	}
	family, sa := sockaddr(ap)
	fd, err := socket(family) // close-on-exec, without SIGPIPE
	if err != nil {
		return nil, err
	}
	if err := connectFd(fd, sa); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("minimio: connect %s: %w", addr, err)
	}
	return &TcpStream{fd: fd}, nil
}

// ANCHOR_END: connect

// ANCHOR: io

// sockaddr converts an address to the family and sockaddr that socket and
// connect take.
func sockaddr(ap netip.AddrPort) (int, unix.Sockaddr) {
	if ap.Addr().Is4() {
		return unix.AF_INET, &unix.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()}
	}
	return unix.AF_INET6, &unix.SockaddrInet6{Port: int(ap.Port()), Addr: ap.Addr().As16()}
}

// connectFd connects fd to sa and waits for the result. A plain blocking
// connect that is interrupted by a signal keeps connecting in the
// background and cannot simply be called again, so the socket is made
// non-blocking for the connect, waited on with poll(2), and made blocking
// again afterwards.
func connectFd(fd int, sa unix.Sockaddr) error {
	if err := unix.SetNonblock(fd, true); err != nil {
		return os.NewSyscallError("fcntl", err)
	}
	err := unix.Connect(fd, sa)
	if err != nil && !errors.Is(err, unix.EINPROGRESS) {
		return os.NewSyscallError("connect", err)
	}
	if err != nil {
		pfd := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}
		for {
			_, err = unix.Poll(pfd, -1)
			if !errors.Is(err, unix.EINTR) {
				break
			}
		}
		if err != nil {
			return os.NewSyscallError("poll", err)
		}
		soerr, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
		if err != nil {
			return os.NewSyscallError("getsockopt", err)
		}
		if soerr != 0 {
			return os.NewSyscallError("connect", unix.Errno(soerr))
		}
	}
	return os.NewSyscallError("fcntl", unix.SetNonblock(fd, false))
}

// Write sends all of p, blocking until it is sent. MSG_NOSIGNAL makes a
// send to a peer that has gone fail with EPIPE instead of raising
// SIGPIPE.
func (s *TcpStream) Write(p []byte) (int, error) {
	sent := 0
	for sent < len(p) {
		n, err := unix.SendmsgN(s.fd, p[sent:], nil, nil, unix.MSG_NOSIGNAL)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return sent, os.NewSyscallError("sendmsg", err)
		}
		sent += n
	}
	return sent, nil
}

// Read reads into p. It returns io.EOF when the peer has closed the
// connection and every byte has been read.
func (s *TcpStream) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := unix.Read(s.fd, p)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return 0, os.NewSyscallError("read", err)
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

// Close closes the socket. A registration that has not fired yet is
// dropped by the OS. A second Close does nothing: the descriptor number
// may already belong to another socket or file.
func (s *TcpStream) Close() error {
	if s.fd < 0 {
		return nil
	}
	fd := s.fd
	s.fd = -1
	return os.NewSyscallError("close", unix.Close(fd))
}

// ANCHOR_END: io
