//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

//step:file listening

package minimio

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

// ANCHOR: listener

// TcpListener is a listening TCP socket that this package created
// itself. Its socket is non-blocking: register it for Readable, and after
// the event Accept takes the waiting connections one by one until it
// returns ErrWouldBlock.
//
// Accept and Close are for one goroutine at a time; Addr is safe from
// any goroutine.
type TcpListener struct {
	fd      int  // -1 once closed
	inQueue bool // registered with a queue (closing takes it out)
	addr    string
	// reserve is a descriptor on /dev/null that Accept gives up when the
	// process has run out of descriptors, to take a waiting connection
	// and close it (see shed); -1 while it could not be opened again.
	reserve int
}

// ANCHOR_END: listener

// ANCHOR: listen

// Listen opens a listening socket on addr, an "ip:port" such as
// "127.0.0.1:0" (port 0 lets the OS choose; Addr says which it chose).
// Like Go's net package, it sets SO_REUSEADDR, so that a server can
// listen again on a port whose old connections are still in TIME_WAIT.
func Listen(addr string) (*TcpListener, error) {
	fd, sa, err := newSocket("listen", addr)
	if err != nil {
		return nil, err
	}
	local, err := listenFd(fd, sa)
	if err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("minimio: listen %s: %w", addr, err)
	}
	reserve, err := openReserve()
	if err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("minimio: listen %s: %w", addr, err)
	}
	return &TcpListener{fd: fd, addr: local, reserve: reserve}, nil
}

// openReserve opens the descriptor a listener keeps in reserve.
func openReserve() (int, error) {
	fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: "/dev/null", Err: err}
	}
	return fd, nil
}

// listenFd makes fd a non-blocking socket listening on sa, and returns
// the address it listens on.
func listenFd(fd int, sa unix.Sockaddr) (string, error) {
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1); err != nil {
		return "", os.NewSyscallError("setsockopt", err)
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		return "", os.NewSyscallError("fcntl", err)
	}
	if err := unix.Bind(fd, sa); err != nil {
		return "", os.NewSyscallError("bind", err)
	}
	if err := unix.Listen(fd, backlog); err != nil {
		return "", os.NewSyscallError("listen", err)
	}
	local, err := unix.Getsockname(fd)
	if err != nil {
		return "", os.NewSyscallError("getsockname", err)
	}
	return addrString(local), nil
}

// backlog is the length of queue that Listen asks for. Every kernel
// cuts it down to its own limit (net.core.somaxconn on Linux,
// kern.ipc.somaxconn on macOS and the BSDs), so asking for the most
// gets whatever the system allows, as Go's net does by reading that
// limit. x/sys's SOMAXCONN would be 128 on macOS and the BSDs, however
// high the system's limit was raised.
const backlog = math.MaxInt32

// addrString writes a socket address as "ip:port".
func addrString(sa unix.Sockaddr) string {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port)).String()
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(sa.Addr), uint16(sa.Port)).String()
	}
	return ""
}

// Addr returns the address the listener listens on, as "ip:port", with
// the port the OS chose when Listen was given port 0. It is safe from any
// goroutine.
func (l *TcpListener) Addr() string { return l.addr }

// ANCHOR_END: listen

// ANCHOR: accept

// Accept takes one waiting connection and returns it as a stream in
// non-blocking mode, with TCP_NODELAY set. It never blocks: with no
// connection waiting it returns ErrWouldBlock. A connection that was
// reset while it waited (ECONNABORTED) is skipped, as Go's net does.
// When the process has no descriptor left for it (EMFILE, ENFILE), the
// connection is closed instead, and the error says so (see shed).
func (l *TcpListener) Accept() (*TcpStream, error) {
	for {
		fd, err := accept(l.fd) // close-on-exec and non-blocking, as Go's net makes its sockets
		switch {
		case errors.Is(err, unix.EINTR) || errors.Is(err, unix.ECONNABORTED):
			continue
		case errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EWOULDBLOCK):
			return nil, ErrWouldBlock
		case errors.Is(err, unix.EMFILE) || errors.Is(err, unix.ENFILE):
			if acceptDropsOnEMFILE {
				return nil, fmt.Errorf("minimio: out of file descriptors, the kernel closed a waiting connection: %w", err)
			}
			return nil, l.shed(err)
		case err != nil:
			return nil, err // named by accept
		}
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_NODELAY, 1); err != nil {
			unix.Close(fd)
			return nil, os.NewSyscallError("setsockopt", err)
		}
		return &TcpStream{fd: fd, nonblocking: true}, nil
	}
}

// ANCHOR_END: accept

// ANCHOR: dropsonemfile

// acceptDropsOnEMFILE says that the kernel takes the connection off the
// queue before it finds no descriptor for it, and closes it: XNU does
// (accept_nocancel dequeues, then falloc fails, then soclose). There is
// nothing to shed, and shedding would drop a second connection. Linux
// and the BSDs allocate the descriptor first and leave the connection
// queued.
const acceptDropsOnEMFILE = runtime.GOOS == "darwin"

// ANCHOR_END: dropsonemfile

// ANCHOR: shed

// shed answers an accept that failed for want of a descriptor with
// libuv's reserve-descriptor trick, one connection per call where libuv's
// uv__emfile_trick drains the whole queue. The connection would otherwise
// stay at the head of the queue: the listener would be reported readable
// again at once, and again, with nothing the program can do. So shed
// gives up the reserve descriptor, accepts the oldest connection into the
// slot it frees, closes it (its client sees the connection closed, not a
// hang), and takes the reserve back. It returns the error, saying that a
// connection was dropped, or ErrWouldBlock if none was waiting.
func (l *TcpListener) shed(cause error) error {
	if l.reserve < 0 {
		if l.reserve, _ = openReserve(); l.reserve < 0 {
			return cause // nothing to give up
		}
	}
	unix.Close(l.reserve)
	fd, err := accept(l.fd)
	if err == nil {
		unix.Close(fd)
	}
	l.reserve, _ = openReserve() // -1 if another thread took the slot; tried again next time
	if errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EWOULDBLOCK) {
		return ErrWouldBlock
	}
	if err != nil {
		return cause
	}
	return fmt.Errorf("minimio: out of file descriptors, closed a waiting connection: %w", cause)
}

// ANCHOR_END: shed

// ANCHOR: close

// Close closes the listening socket. The OS drops its registration, and
// connections still waiting in its queue are refused. A second Close
// does nothing: the descriptor number may already belong to another
// socket or file.
func (l *TcpListener) Close() error {
	if l.fd < 0 {
		return nil
	}
	if l.reserve >= 0 {
		unix.Close(l.reserve)
		l.reserve = -1
	}
	fd := l.fd
	l.fd = -1
	return os.NewSyscallError("close", unix.Close(fd))
}

// ANCHOR_END: close
