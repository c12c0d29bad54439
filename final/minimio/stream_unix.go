//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

//step:file streams

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
// A stream from Connect starts in blocking mode: Write blocks until
// everything is sent, and Read blocks until there is data or the peer
// closes. Register the stream and wait for its event before calling Read,
// and Read will not block (this is the original's shortcut). A real event
// loop reads without blocking and waits for the next event on EAGAIN: after
// SetNonblocking(true), Read does that, returning ErrWouldBlock when
// nothing is there, and Write sends what the socket takes at once and
// returns ErrWouldBlock for the rest. A stream from TcpListener.Accept
// starts in non-blocking mode. Either way the socket itself is
// non-blocking (O_NONBLOCK), as in Go's net, mio and libuv: blocking mode
// waits with poll(2) when the socket says EAGAIN. (A per-call
// MSG_DONTWAIT on a blocking socket would not do: macOS and NetBSD ignore
// it on send and sleep until the buffer has room.) So switching the mode
// costs no system call.
//
// A TcpStream may be used by one goroutine at a time.
type TcpStream struct {
	fd          int  // -1 once closed
	inQueue     bool // registered with a queue (closing takes it out)
	nonblocking bool // Read and Write return ErrWouldBlock instead of blocking
}

// ANCHOR_END: stream

// ANCHOR: connect

// Connect opens a TCP connection to addr, an "ip:port" such as
// "127.0.0.1:8080". It blocks until the connection is established.
func Connect(addr string) (*TcpStream, error) {
	fd, sa, err := newSocket("connect", addr)
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

// ANCHOR: newsocket

// newSocket opens a TCP socket, closed on exec (see socket), for addr, an "ip:port",
// and returns it with the address in the form connect and bind take. op
// ("connect" or "listen") names the caller in the error for a bad addr.
func newSocket(op, addr string) (int, unix.Sockaddr, error) {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return -1, nil, fmt.Errorf("minimio: %s %q: %w", op, addr, err)
	}
	family, sa := sockaddr(ap)
	fd, err := socket(family)
	return fd, sa, err
}

// sockaddr converts an address to the family and sockaddr that socket and
// connect take.
func sockaddr(ap netip.AddrPort) (int, unix.Sockaddr) {
	if ap.Addr().Is4() {
		return unix.AF_INET, &unix.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()}
	}
	return unix.AF_INET6, &unix.SockaddrInet6{Port: int(ap.Port()), Addr: ap.Addr().As16()}
}

// ANCHOR_END: newsocket

// ANCHOR: connectfd

// connectFd connects fd to sa and waits for the result. A plain blocking
// connect that is interrupted by a signal keeps connecting in the
// background and cannot simply be called again, so the socket is made
// non-blocking for the connect and waited on with poll(2). It stays
// non-blocking: the stream's blocking mode is made with poll too.
func connectFd(fd int, sa unix.Sockaddr) error {
	if err := unix.SetNonblock(fd, true); err != nil {
		return os.NewSyscallError("fcntl", err)
	}
	err := unix.Connect(fd, sa)
	if err != nil && !errors.Is(err, unix.EINPROGRESS) {
		return os.NewSyscallError("connect", err)
	}
	if err != nil {
		if err := waitFd(fd, unix.POLLOUT); err != nil {
			return err
		}
		soerr, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
		if err != nil {
			return os.NewSyscallError("getsockopt", err)
		}
		if soerr != 0 {
			return os.NewSyscallError("connect", unix.Errno(soerr))
		}
	}
	return nil
}

// waitFd blocks until fd is ready for events (POLLIN or POLLOUT), or has
// an error or hang-up that the next call on it will report.
func waitFd(fd int, events int16) error {
	pfd := []unix.PollFd{{Fd: int32(fd), Events: events}}
	for {
		_, err := unix.Poll(pfd, -1)
		if !errors.Is(err, unix.EINTR) {
			return os.NewSyscallError("poll", err)
		}
	}
}

// ANCHOR_END: connectfd

// ANCHOR: startconnect

// StartConnect starts a TCP connection to addr, an "ip:port", without
// waiting for it: the stream it returns is in non-blocking mode, and its
// first Writable event means the connect has finished, ConnectError
// saying how (libuv's uv__stream_connect). A connect that fails at once
// (a bad address, or a refusal the kernel knows already) is returned.
func StartConnect(addr string) (*TcpStream, error) {
	fd, sa, err := newSocket("connect", addr)
	if err != nil {
		return nil, err
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return nil, os.NewSyscallError("fcntl", err)
	}
	err = unix.Connect(fd, sa)
	if err != nil && !errors.Is(err, unix.EINPROGRESS) {
		unix.Close(fd)
		return nil, fmt.Errorf("minimio: connect %s: %w", addr, os.NewSyscallError("connect", err))
	}
	unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_NODELAY, 1) // as Accept does; a failure costs only latency
	return &TcpStream{fd: fd, nonblocking: true}, nil
}

// ConnectError says how a connect StartConnect began has ended, once the
// stream's Writable event has come: nil when it is connected, or why it
// failed (SO_ERROR).
func (s *TcpStream) ConnectError() error {
	soerr, err := unix.GetsockoptInt(s.fd, unix.SOL_SOCKET, unix.SO_ERROR)
	if err != nil {
		return os.NewSyscallError("getsockopt", err)
	}
	if soerr != 0 {
		return os.NewSyscallError("connect", unix.Errno(soerr))
	}
	return nil
}

// ANCHOR_END: startconnect

// ANCHOR: write

// Write sends all of p, blocking until it is sent. In non-blocking mode
// it sends what the socket takes now and, if that is not all of p,
// returns how much it sent with ErrWouldBlock: register the stream for
// Writable and write the rest after the event.
func (s *TcpStream) Write(p []byte) (int, error) {
	sent := 0
	for {
		n, err := s.writeNow(p[sent:])
		sent += n
		if err != ErrWouldBlock || s.nonblocking {
			return sent, err
		}
		if err := waitFd(s.fd, unix.POLLOUT); err != nil {
			return sent, err
		}
	}
}

// ANCHOR_END: write

// ANCHOR: writenow

// writeNow is Write in non-blocking mode: sendmsg on the non-blocking
// socket until p is sent or the socket's send buffer is full (EAGAIN).
// ENOBUFS (macOS says it when loopback runs out of buffers) is full too,
// as libuv treats it: wait for Writable and try again. XNU may return
// ENOBUFS from a send that had already queued part of p (an mbuf
// allocation failing midway, reported as -1 with no count), so that
// part would be sent again: a rare path, which libuv shares. MSG_NOSIGNAL
// makes a send to a peer that has gone fail with EPIPE instead of
// raising SIGPIPE.
func (s *TcpStream) writeNow(p []byte) (int, error) {
	sent := 0
	for sent < len(p) {
		n, err := unix.SendmsgN(s.fd, p[sent:], nil, nil, unix.MSG_NOSIGNAL)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EWOULDBLOCK) || errors.Is(err, unix.ENOBUFS):
			return sent, ErrWouldBlock
		case err != nil:
			return sent, os.NewSyscallError("sendmsg", err)
		}
		sent += n
	}
	return sent, nil
}

// ANCHOR_END: writenow

// ANCHOR: read

// SetNonblocking puts the stream's reads and writes in non-blocking mode
// (on) or back in blocking mode. It changes only how the stream waits,
// not the socket. Like Read, it is for the one goroutine that uses the
// stream.
func (s *TcpStream) SetNonblocking(on bool) { s.nonblocking = on }

// Read reads into p. It returns io.EOF when the peer has closed the
// connection and every byte has been read. In non-blocking mode it
// returns ErrWouldBlock when no data is there yet; in blocking mode it
// waits for data with poll(2).
func (s *TcpStream) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, _, err := unix.Recvfrom(s.fd, p, 0)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EWOULDBLOCK):
			if s.nonblocking {
				return 0, ErrWouldBlock
			}
			if err := waitFd(s.fd, unix.POLLIN); err != nil {
				return 0, err
			}
			continue
		case err != nil:
			return 0, os.NewSyscallError("recvfrom", err)
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

// ANCHOR_END: read

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
