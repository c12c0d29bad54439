//go:build windows

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
// until more data or the end of the stream arrives, as on Unix.
//
// Read returns an error while a receive is pending (between Register and
// the event): the kernel owns the buffer then, and a second receive would
// race it for the data. Registering a stream whose buffer still holds
// bytes starts no receive and reports the stream at once, as a readiness
// queue would. A stream can only be registered with one queue, because a
// socket joins one completion port for good.
//
// A TcpStream may be used by one goroutine at a time; only the goroutine
// in Poll touches it concurrently, through the mutex.
type TcpStream struct {
	handle windows.Handle
	buf    []byte // the receive buffer; the kernel's while inFlight is a receive

	mu       sync.Mutex
	sel      *selector  // the port the socket joined, nil until the first Register
	inFlight *operation // registered and not yet reported by Poll
	data     []byte     // received bytes Read has not returned yet (part of buf)
	err      error      // how the last receive ended if not with data; Read reports it once
	closed   bool       // Close was called: handle may already name another object
}

// ANCHOR_END: stream

// recvBufferSize is the size of the buffer each receive fills. The
// original used 1024 bytes and always returned all of them; this version
// returns only the bytes that arrived.
const recvBufferSize = 4096

// maxIO caps one WSASend or WSARecv, whose lengths are 32-bit.
const maxIO = 1 << 30

// errReceivePending is returned by Read between Register and the event.
var errReceivePending = errors.New("minimio: read while a receive is pending; wait for the stream's event")

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
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return nil, fmt.Errorf("minimio: connect %q: %w", addr, err)
	}
	if err := startWinsock(); err != nil {
		return nil, err
	}
	family, sa := sockaddr(ap)
	// WSA_FLAG_OVERLAPPED lets the socket take part in overlapped I/O;
	// plain blocking calls keep working on it.
	h, err := windows.WSASocket(family, windows.SOCK_STREAM, windows.IPPROTO_TCP, nil, 0,
		windows.WSA_FLAG_OVERLAPPED|windows.WSA_FLAG_NO_HANDLE_INHERIT)
	if err != nil {
		return nil, os.NewSyscallError("WSASocket", err)
	}
	failFastOnLoopback(h, ap)
	if err := windows.Connect(h, sa); err != nil {
		windows.Closesocket(h)
		return nil, fmt.Errorf("minimio: connect %s: %w", addr, os.NewSyscallError("connect", err))
	}
	return &TcpStream{handle: h, buf: make([]byte, recvBufferSize)}, nil
}

// ANCHOR_END: connect

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

// sockaddr converts an address to the family and sockaddr that WSASocket
// and connect take.
func sockaddr(ap netip.AddrPort) (int32, windows.Sockaddr) {
	if ap.Addr().Is4() {
		return windows.AF_INET, &windows.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()}
	}
	return windows.AF_INET6, &windows.SockaddrInet6{Port: int(ap.Port()), Addr: ap.Addr().As16()}
}

// Write sends all of p, blocking until it is sent. Without an OVERLAPPED,
// WSASend is an ordinary blocking send and queues nothing on the port.
func (s *TcpStream) Write(p []byte) (int, error) {
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

// Read reads into p. After the stream's event it returns what the
// receive brought without blocking; after that it blocks until data
// arrives. It returns io.EOF when the peer has closed the connection and
// every byte has been read.
func (s *TcpStream) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	s.mu.Lock()
	switch {
	case len(s.data) > 0:
		n := copy(p, s.data)
		s.data = s.data[n:]
		s.mu.Unlock()
		return n, nil
	case s.err != nil:
		err := s.err
		s.err = nil
		s.mu.Unlock()
		return 0, err
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

// ANCHOR: complete

// complete records how op ended; wait calls it once the completion has
// been taken off the port, so the kernel no longer touches buf.
func (s *TcpStream) complete(op *operation, n uint32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inFlight == op {
		s.inFlight = nil
	}
	switch {
	case op.posted:
		// Nothing new arrived; data and err are as Read left them.
	case op.ov.Internal != 0:
		// The NTSTATUS of a failed receive; WSAGetOverlappedResult
		// turns it into the Winsock error a synchronous call would give.
		// (After Close the handle is gone; the generic mapping must do.)
		var err error = windows.NTStatus(op.ov.Internal).Errno()
		if !s.closed {
			var bytes, flags uint32
			if e := windows.WSAGetOverlappedResult(s.handle, &op.ov, &bytes, false, &flags); e != nil {
				err = e
			}
		}
		s.err = os.NewSyscallError("WSARecv", err)
	case n == 0:
		s.err = io.EOF
	default:
		s.data = s.buf[:n]
	}
}

// ANCHOR_END: complete

// Close closes the socket. A receive still in flight ends with an error,
// which the queue reports as the stream's event if it is still polled.
// A second Close does nothing.
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
