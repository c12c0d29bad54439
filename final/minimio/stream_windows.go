//go:build windows

//step:file streams

package minimio

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// ANCHOR: stream

// TcpStream is a TCP connection on a socket that this package created
// itself with WSASocket. It cannot be a net.Conn: Go's runtime puts every
// socket of package net into its own completion port, and a socket can
// only ever join one.
//
// Write blocks until everything is sent. Registering the stream starts an
// overlapped receive into a 4096-byte buffer that the stream owns, and the
// stream's event means that receive has finished. After the event, Read
// returns the received bytes (exactly as many as arrived) without
// blocking; an empty receive means the peer closed the connection, and
// Read returns io.EOF; a failed receive (a reset connection, or a socket
// closed while the receive was pending) is still an event, and Read
// returns its error. Once the buffered bytes are used up, Read blocks
// until more data or the end of the stream arrives, as on Unix; after
// SetNonblocking(true) it returns ErrWouldBlock instead, and on a stream
// registered for Readable it starts the next overlapped receive itself.
//
// In non-blocking mode Write does not block either: it copies up to
// 64 KiB into a send buffer the stream owns and starts an overlapped send
// from it, and while that send is in flight it takes nothing and returns
// ErrWouldBlock. Registering for Writable then reports the send's
// completion. A send that fails is reported by the next Write.
//
// Read returns an error while a receive is pending (between Register and
// the event): the kernel owns the buffer then, and a second receive would
// race it for the data. Registering a stream whose buffer still holds
// bytes starts no receive and reports the stream at once, as a readiness
// queue would. A stream can only be registered with one queue, because a
// socket joins one completion port for good. A stream from
// TcpListener.Accept has joined its listener's queue already and starts
// in non-blocking mode.
//
// A TcpStream may be used by one goroutine at a time; only the goroutine
// in Poll touches it concurrently, through the mutex.
type TcpStream struct {
	handle      windows.Handle
	buf         []byte // the receive buffer; the kernel's while inFlight is a receive
	nonblocking bool   // Read and Write return ErrWouldBlock instead of blocking; Poll never reads it

	mu       sync.Mutex
	sel      *selector  // the port the socket joined, nil until the first Register
	inFlight *operation // registered and not yet reported by Poll
	data     []byte     // received bytes Read has not returned yet (part of buf)
	err      error      // how the last receive ended if not with data; Read reports it once
	closed   bool       // Close was called: handle may already name another object

	sendBuf    []byte           // what the send in flight sends; the kernel's while sending != nil
	sending    *operation       // the overlapped send Write started, until Poll takes its completion
	sendErr    error            // how a send failed; every later Write reports it
	writeArmed bool             // registered for Writable
	writeToken Token            // the token of that registration
	connectTo  windows.Sockaddr // where StartConnect connects, until ConnectEx starts
	connecting *operation       // the ConnectEx in flight
	connectErr error            // how it failed
	inQueue    bool             // registered
	readArmed  bool             // registered for Readable: Read starts the next receive
	token      Token            // the token of the registration
}

// ANCHOR_END: stream

// ANCHOR: sizes

// recvBufferSize is the size of the buffer each receive fills. The
// original used 1024 bytes and always returned all of them; this version
// returns only the bytes that arrived.
const recvBufferSize = 4096

// sendBufferSize is the most one non-blocking Write takes for its
// overlapped send.
const sendBufferSize = 64 << 10

// maxIO caps one WSASend or WSARecv, whose lengths are 32-bit.
const maxIO = 1 << 30

// errReceivePending is returned by Read between Register and the event.
var errReceivePending = errors.New("minimio: read while a receive is pending; wait for the stream's event")

// ANCHOR_END: sizes

// startWinsock initialises Winsock once. Go's runtime only does so when
// package net is linked in, and this package does not need net.
var startWinsock = sync.OnceValue(func() error {
	var data windows.WSAData
	return os.NewSyscallError("WSAStartup", windows.WSAStartup(0x0202, &data))
})

// ANCHOR: connect

// Connect opens a TCP connection to addr, an "ip:port" such as
// "127.0.0.1:8080". It blocks until the connection is established.
func Connect(addr string) (*TcpStream, error) {
	h, _, sa, err := newSocket("connect", addr)
	if err != nil {
		return nil, err
	}
	failFastOnLoopback(h, netip.MustParseAddrPort(addr)) // newSocket parsed it
	if err := windows.Connect(h, sa); err != nil {
		windows.Closesocket(h)
		return nil, fmt.Errorf("minimio: connect %s: %w", addr, os.NewSyscallError("connect", err))
	}
	return &TcpStream{handle: h, buf: make([]byte, recvBufferSize)}, nil
}

// ANCHOR_END: connect

// ANCHOR: startconnect

// StartConnect starts a TCP connection to addr, an "ip:port", without
// waiting for it: the stream it returns is in non-blocking mode, and its
// first Writable event means the connect has finished, ConnectError
// saying how. On Windows the connect is an overlapped ConnectEx, which
// starts when the stream is registered (its completion needs the port).
func StartConnect(addr string) (*TcpStream, error) {
	h, family, sa, err := newSocket("connect", addr)
	if err != nil {
		return nil, err
	}
	ap := netip.MustParseAddrPort(addr) // newSocket parsed it
	failFastOnLoopback(h, ap)
	// ConnectEx needs a bound socket.
	var any windows.Sockaddr = &windows.SockaddrInet4{}
	if family == windows.AF_INET6 {
		any = &windows.SockaddrInet6{}
	}
	if err := windows.Bind(h, any); err != nil {
		windows.Closesocket(h)
		return nil, fmt.Errorf("minimio: connect %s: %w", addr, os.NewSyscallError("bind", err))
	}
	return &TcpStream{handle: h, buf: make([]byte, recvBufferSize), nonblocking: true, connectTo: sa}, nil
}

// ConnectError says how a connect StartConnect began has ended, once the
// stream's Writable event has come: nil when it is connected, or why it
// failed.
func (s *TcpStream) ConnectError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.connectTo != nil || s.connecting != nil {
		return os.NewSyscallError("ConnectEx", windows.WSAEWOULDBLOCK)
	}
	return s.connectErr
}

// completeConnect records how the ConnectEx op ended.
func (s *TcpStream) completeConnect(op *operation) (Token, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.connecting = nil
	switch {
	case op.posted: // it failed at once; connectErr says how
	case op.ov.Internal != 0:
		s.connectErr = os.NewSyscallError("ConnectEx", overlappedError(s.handle, &op.ov, s.closed))
	default:
		// Until SO_UPDATE_CONNECT_CONTEXT, the socket is only half set
		// up, as an accepted one is before SO_UPDATE_ACCEPT_CONTEXT.
		err := windows.Setsockopt(s.handle, windows.SOL_SOCKET, windows.SO_UPDATE_CONNECT_CONTEXT, nil, 0)
		if err != nil {
			s.connectErr = os.NewSyscallError("setsockopt", err)
		} else {
			windows.SetsockoptInt(s.handle, windows.IPPROTO_TCP, windows.TCP_NODELAY, 1)
		}
	}
	return s.writeToken, s.writeArmed
}

// ANCHOR_END: startconnect

// ANCHOR: newsocket

// newSocket opens a TCP socket for addr, an "ip:port", and returns it
// with its address family and the address in the form connect and bind
// take. op ("connect" or "listen") names the caller in the error for a
// bad addr. WSA_FLAG_OVERLAPPED lets the socket take part in overlapped
// I/O; plain blocking calls keep working on it.
func newSocket(op, addr string) (windows.Handle, int32, windows.Sockaddr, error) {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return windows.InvalidHandle, 0, nil, fmt.Errorf("minimio: %s %q: %w", op, addr, err)
	}
	if err := startWinsock(); err != nil {
		return windows.InvalidHandle, 0, nil, err
	}
	family, sa := sockaddr(ap)
	h, err := windows.WSASocket(family, windows.SOCK_STREAM, windows.IPPROTO_TCP, nil, 0,
		windows.WSA_FLAG_OVERLAPPED|windows.WSA_FLAG_NO_HANDLE_INHERIT)
	if err != nil {
		return windows.InvalidHandle, 0, nil, os.NewSyscallError("WSASocket", err)
	}
	return h, family, sa, nil
}

// ANCHOR_END: newsocket

// ANCHOR: failfast

// These come from mstcpip.h: SIO_TCP_INITIAL_RTO is _WSAIOW(IOC_VENDOR,
// 17), and TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS is (UCHAR)-2.
const (
	sioTCPInitialRTO     = 0x80000000 | 0x18000000 | 17
	noSynRetransmissions = 0xfe
)

// failFastOnLoopback makes a connect to a loopback address where nobody
// listens fail at once. Windows otherwise answers the RST by sending the
// SYN again, even on loopback, and a refused connect takes about two
// seconds. libuv does the same before each loopback connect. Windows
// older than 10.0.16299 (and Wine) reject the option; the connect then
// works as before, only slower to fail, so the error is ignored.
func failFastOnLoopback(h windows.Handle, ap netip.AddrPort) {
	if !ap.Addr().IsLoopback() {
		return
	}
	params := struct { // TCP_INITIAL_RTO_PARAMETERS
		rtt    uint16
		maxSyn uint8
	}{noSynRetransmissions, noSynRetransmissions}
	var n uint32
	windows.WSAIoctl(h, sioTCPInitialRTO, (*byte)(unsafe.Pointer(&params)), uint32(unsafe.Sizeof(params)), nil, 0, &n, nil, 0)
}

// ANCHOR_END: failfast

// sockaddr converts an address to the family and sockaddr that WSASocket
// and connect take.
func sockaddr(ap netip.AddrPort) (int32, windows.Sockaddr) {
	if ap.Addr().Is4() {
		return windows.AF_INET, &windows.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()}
	}
	return windows.AF_INET6, &windows.SockaddrInet6{Port: int(ap.Port()), Addr: ap.Addr().As16()}
}

// ANCHOR: write

// Write sends all of p, blocking until it is sent. Without an OVERLAPPED,
// WSASend is an ordinary blocking send and queues nothing on the port. In
// non-blocking mode it starts an overlapped send instead (see writeNow).
func (s *TcpStream) Write(p []byte) (int, error) {
	if s.nonblocking {
		return s.writeNow(p)
	}
	sent := 0
	for sent < len(p) {
		chunk := p[sent:min(len(p), sent+maxIO)]
		wsabuf := windows.WSABuf{Len: uint32(len(chunk)), Buf: &chunk[0]}
		var n uint32
		if err := windows.WSASend(s.handle, &wsabuf, 1, &n, 0, nil, nil); err != nil {
			return sent, os.NewSyscallError("WSASend", err)
		}
		sent += int(n)
	}
	return sent, nil
}

// ANCHOR_END: write

// ANCHOR: writenow

// writeNow is Write in non-blocking mode. It copies up to 64 KiB of p
// into the stream's send buffer and starts an overlapped WSASend from
// there, so p is the caller's again as soon as it returns. It returns
// ErrWouldBlock for what it did not take: everything while a send is in
// flight (the kernel owns the buffer) or before the stream has joined a
// port (its completion would have nowhere to go).
func (s *TcpStream) writeNow(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return 0, os.NewSyscallError("WSASend", windows.WSAENOTSOCK)
	case s.sendErr != nil:
		return 0, s.sendErr
	case s.sel == nil || s.sending != nil:
		return 0, ErrWouldBlock
	}
	if s.sendBuf == nil {
		s.sendBuf = make([]byte, sendBufferSize)
	}
	n := copy(s.sendBuf, p)
	op := &operation{kind: opSend, stream: s, mem: &s.sendBuf[0]}
	op.wsabuf = windows.WSABuf{Len: uint32(n), Buf: &s.sendBuf[0]}
	track(op)
	err := windows.WSASend(s.handle, &op.wsabuf, 1, nil, 0, &op.ov, nil)
	if err != nil && !errors.Is(err, windows.ERROR_IO_PENDING) {
		untrack(op) // nothing was queued: the kernel will not touch op
		s.sendErr = os.NewSyscallError("WSASend", err)
		return 0, s.sendErr
	}
	s.sending = op // finished at once or not, its completion is queued
	if n < len(p) {
		return n, ErrWouldBlock
	}
	return n, nil
}

// ANCHOR_END: writenow

// ANCHOR: read

// SetNonblocking puts the stream's reads and writes in non-blocking mode
// (on) or back in blocking mode. Like Read, it is for the one goroutine
// that uses the stream.
func (s *TcpStream) SetNonblocking(on bool) { s.nonblocking = on }

// Read reads into p. After the stream's event it returns what the
// receive brought without blocking; after that it blocks until data
// arrives, or in non-blocking mode returns ErrWouldBlock. It returns
// io.EOF when the peer has closed the connection and every byte has been
// read.
func (s *TcpStream) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	s.mu.Lock()
	switch {
	case len(s.data) > 0:
		n := copy(p, s.data)
		s.data = s.data[n:]
		s.receiveNext()
		s.mu.Unlock()
		return n, nil
	case s.err != nil:
		err := s.err
		s.err = nil
		s.receiveNext()
		s.mu.Unlock()
		return 0, err
	case s.nonblocking:
		// Nothing buffered, and the next bytes come with the next
		// receive.
		s.receiveNext()
		s.mu.Unlock()
		return 0, ErrWouldBlock
	case s.inFlight != nil && !s.inFlight.posted:
		s.mu.Unlock()
		return 0, errReceivePending
	}
	s.mu.Unlock()
	// Nothing buffered: an ordinary blocking receive, straight into p.
	// (No lock is held, so a Poll taking other events does not wait.)
	wsabuf := windows.WSABuf{Len: uint32(min(len(p), maxIO)), Buf: &p[0]}
	var n, flags uint32
	if err := windows.WSARecv(s.handle, &wsabuf, 1, &n, &flags, nil, nil); err != nil {
		return 0, os.NewSyscallError("WSARecv", err)
	}
	if n == 0 {
		return 0, io.EOF
	}
	return int(n), nil
}

// receiveNext starts the next receive of a stream registered for
// Readable once Read has used up the last one (or posts the event again
// if bytes are left), as mio re-arms in the I/O call that runs dry; a
// failure is what the next Read returns. s.mu is held.
func (s *TcpStream) receiveNext() {
	if !s.readArmed || s.inFlight != nil || s.closed {
		return
	}
	if err := s.sel.registerRead(s, s.token); err != nil && s.err == nil {
		s.err = err
	}
}

func (s *TcpStream) registered() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inQueue && !s.closed
}

// ANCHOR_END: read

// ANCHOR: complete

// complete records how op ended, and reports whether its event is
// wanted; wait calls it once the completion has been taken off the port,
// so the kernel no longer touches buf.
func (s *TcpStream) complete(op *operation, n uint32) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inFlight == op {
		s.inFlight = nil
	}
	switch {
	case op.posted:
		// Nothing new arrived; data and err are as Read left them.
	case op.ov.Internal != 0:
		s.err = os.NewSyscallError("WSARecv", overlappedError(s.handle, &op.ov, s.closed))
	case n == 0:
		s.err = io.EOF
	default:
		s.data = s.buf[:n]
	}
	return s.readArmed
}

// ANCHOR_END: complete

// ANCHOR: completewrite

// completeWrite records how a send ended, or takes a posted Writable
// event, and returns the token of the Writable registration, if there is
// one: each is an event while the stream is registered for Writable.
func (s *TcpStream) completeWrite(op *operation, n uint32) (Token, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if op.kind == opSend {
		s.sending = nil
		switch {
		case op.ov.Internal != 0:
			s.sendErr = os.NewSyscallError("WSASend", overlappedError(s.handle, &op.ov, s.closed))
		case n < op.wsabuf.Len:
			s.sendErr = os.NewSyscallError("WSASend", io.ErrShortWrite)
		}
	}
	return s.writeToken, s.writeArmed
}

// ANCHOR_END: completewrite

// ANCHOR: close

// Close closes the socket. A receive still in flight ends with an error,
// which the queue reports as the stream's event if it is still polled; a
// send still in flight is cancelled, and its bytes may be lost. A second
// Close does nothing.
func (s *TcpStream) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil // the handle's value may already name another object
	}
	s.closed = true
	s.mu.Unlock()
	return os.NewSyscallError("closesocket", windows.Closesocket(s.handle))
}

// ANCHOR_END: close
