//go:build windows

//step:file listening

package minimio

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// ANCHOR: listener

// TcpListener is a listening TCP socket that this package created itself
// with WSASocket. Registering it for Readable starts an overlapped
// AcceptEx into a new socket, and the listener's event means that accept
// has finished: Accept then returns the connection without blocking, and
// starts the next AcceptEx. Accept never blocks: with no finished accept
// it returns ErrWouldBlock. A listener, like a
// stream, can only be registered with one queue.
//
// Accept and Close are for one goroutine at a time; only the goroutine in
// Poll touches the listener concurrently, through the mutex. Addr is safe
// from any goroutine.
type TcpListener struct {
	handle windows.Handle
	family int32
	addr   string
	addrs  *[2]windows.RawSockaddrAny // where AcceptEx writes the two addresses; the kernel's while accepting

	mu         sync.Mutex
	sel        *selector      // the port the socket joined, nil until the first Register
	accepting  *operation     // the AcceptEx in flight (or the posted event), until Poll takes it
	acceptSock windows.Handle // the socket that AcceptEx accepts into, while accepting
	ready      windows.Handle // an accepted socket Accept has not returned yet, or InvalidHandle
	inQueue    bool           // registered: Accept starts the next AcceptEx
	token      Token          // the token of the registration
	err        error          // how the last AcceptEx failed; Accept reports it once
	closed     bool           // Close was called
}

// ANCHOR_END: listener

// ANCHOR: listen

// Listen opens a listening socket on addr, an "ip:port" such as
// "127.0.0.1:0" (port 0 lets the OS choose; Addr says which it chose).
// Unlike on Unix it leaves SO_REUSEADDR off, as Go's net package does on
// Windows, where the option would let another socket take the port.
func Listen(addr string) (*TcpListener, error) {
	h, family, sa, err := newSocket("listen", addr)
	if err != nil {
		return nil, err
	}
	local, err := listenHandle(h, sa)
	if err != nil {
		windows.Closesocket(h)
		return nil, fmt.Errorf("minimio: listen %s: %w", addr, err)
	}
	return &TcpListener{handle: h, family: family, addr: local,
		addrs: new([2]windows.RawSockaddrAny), acceptSock: windows.InvalidHandle, ready: windows.InvalidHandle}, nil
}

// listenHandle binds h to sa, starts listening, and returns the address
// it listens on.
func listenHandle(h windows.Handle, sa windows.Sockaddr) (string, error) {
	if err := windows.Bind(h, sa); err != nil {
		return "", os.NewSyscallError("bind", err)
	}
	if err := windows.Listen(h, windows.SOMAXCONN); err != nil {
		return "", os.NewSyscallError("listen", err)
	}
	local, err := windows.Getsockname(h)
	if err != nil {
		return "", os.NewSyscallError("getsockname", err)
	}
	return addrString(local), nil
}

// addrString writes a socket address as "ip:port".
func addrString(sa windows.Sockaddr) string {
	switch sa := sa.(type) {
	case *windows.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port)).String()
	case *windows.SockaddrInet6:
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

// Accept returns the connection that the last AcceptEx took, as a stream
// in non-blocking mode, with TCP_NODELAY set, that has already joined the
// listener's completion port. It never blocks: with no finished accept it
// returns ErrWouldBlock. A failed AcceptEx is returned once.
func (l *TcpListener) Accept() (*TcpStream, error) {
	l.mu.Lock()
	switch {
	case l.closed:
		l.mu.Unlock()
		return nil, os.NewSyscallError("AcceptEx", windows.WSAENOTSOCK)
	case l.err != nil:
		err := l.err
		l.err = nil
		l.startNext()
		l.mu.Unlock()
		return nil, err
	case l.ready == windows.InvalidHandle:
		l.mu.Unlock()
		return nil, ErrWouldBlock
	}
	as, sel := l.ready, l.sel
	l.ready = windows.InvalidHandle
	l.startNext()
	l.mu.Unlock()
	// Until SO_UPDATE_ACCEPT_CONTEXT names its listener, the accepted
	// socket is only half set up: getpeername, shutdown and the like
	// fail on it.
	err := windows.Setsockopt(as, windows.SOL_SOCKET, windows.SO_UPDATE_ACCEPT_CONTEXT,
		(*byte)(unsafe.Pointer(&l.handle)), int32(unsafe.Sizeof(l.handle)))
	if err != nil {
		windows.Closesocket(as)
		return nil, os.NewSyscallError("setsockopt", err)
	}
	if err := windows.SetsockoptInt(as, windows.IPPROTO_TCP, windows.TCP_NODELAY, 1); err != nil {
		windows.Closesocket(as)
		return nil, os.NewSyscallError("setsockopt", err)
	}
	if _, err := windows.CreateIoCompletionPort(as, sel.port, streamKey, 0); err != nil {
		windows.Closesocket(as)
		return nil, os.NewSyscallError("CreateIoCompletionPort", err)
	}
	return &TcpStream{handle: as, buf: make([]byte, recvBufferSize), sel: sel, nonblocking: true}, nil
}

// startNext starts the next AcceptEx of a registered listener whose
// last one Accept has taken; a failure is what the next Accept returns.
// l.mu is held.
func (l *TcpListener) startNext() {
	if !l.inQueue || l.accepting != nil || l.closed {
		return
	}
	if err := l.sel.startAccept(l); err != nil {
		l.err = err
	}
}

// ANCHOR_END: accept

// ANCHOR: complete

// complete records how op ended, and reports whether its event is
// wanted; wait calls it once the completion has been taken off the port,
// so the kernel no longer touches the address buffer.
func (l *TcpListener) complete(op *operation) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.accepting == op {
		l.accepting = nil
	}
	if op.posted {
		return l.inQueue // nothing new; ready and err are as Accept left them
	}
	as := l.acceptSock
	l.acceptSock = windows.InvalidHandle
	switch {
	case l.closed:
		// Close has closed both sockets already.
	case op.ov.Internal != 0:
		windows.Closesocket(as)
		err := overlappedError(l.handle, &op.ov, false)
		if !isConnectionError(err) && !errors.Is(err, windows.ERROR_NETNAME_DELETED) {
			l.err = os.NewSyscallError("AcceptEx", err)
		}
		// A client that gave up before we took it is skipped, as on
		// Unix: Accept says ErrWouldBlock, and the next AcceptEx starts.
		l.startNext()
	default:
		l.ready = as
	}
	return l.inQueue
}

// ANCHOR_END: complete

// ANCHOR: close

// Close closes the listening socket, the socket an AcceptEx in flight
// accepts into (which cancels the AcceptEx; its completion is still an
// event if the queue is polled), and an accepted connection Accept has
// not returned.
func (l *TcpListener) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil // the handle's value may already name another object
	}
	l.closed = true
	if l.acceptSock != windows.InvalidHandle {
		windows.Closesocket(l.acceptSock)
		l.acceptSock = windows.InvalidHandle
	}
	if l.ready != windows.InvalidHandle {
		windows.Closesocket(l.ready)
		l.ready = windows.InvalidHandle
	}
	l.mu.Unlock()
	return os.NewSyscallError("closesocket", windows.Closesocket(l.handle))
}

func (l *TcpListener) registered() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inQueue && !l.closed
}

// ANCHOR_END: close
