//step:file listening

package minimio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/internal/echotest"
)

// These tests run on every OS: what a listener and Writable mean differs
// between readiness (epoll, kqueue) and completion (IOCP), but the
// protocol a caller follows is the same: try, and on ErrWouldBlock
// register and try again after the event. They tolerate spurious and
// extra events and put only lower bounds on time.

// listen opens a loopback listener that is closed when the test ends.
func listen(t *testing.T) *TcpListener {
	t.Helper()
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestListenAddr(t *testing.T) {
	l := listen(t)
	ap, err := netip.ParseAddrPort(l.Addr())
	if err != nil || ap.Port() == 0 || ap.Addr().String() != "127.0.0.1" {
		t.Fatalf("Addr() = %q (%v); want 127.0.0.1 and the port the OS chose", l.Addr(), err)
	}
	if _, err := Listen("not an address"); err == nil {
		t.Error("Listen on a malformed address succeeded")
	}
	if l2, err := Listen(l.Addr()); err == nil {
		l2.Close()
		t.Error("Listen on a port that is in use succeeded")
	}
}

func TestAcceptWithNothingPendingWouldBlock(t *testing.T) {
	l := listen(t)
	if s, err := l.Accept(); !errors.Is(err, ErrWouldBlock) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Accept before any registration or connection = %v, want ErrWouldBlock", err)
	}
	p, r := newPoll(t)
	if err := r.Register(l, 1, Readable); err != nil {
		t.Fatal(err)
	}
	if s, err := l.Accept(); !errors.Is(err, ErrWouldBlock) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Accept with no connection = %v, want ErrWouldBlock", err)
	}
	if events := pollEvents(t, p, 100*time.Millisecond); len(events) > 0 {
		// Not wrong for a readiness queue to be spurious, but nothing
		// has connected, so say so.
		t.Logf("events with no connection: %v", events)
	}
}

// acceptAll accepts every connection waiting on l, until Accept says
// ErrWouldBlock.
func acceptAll(t *testing.T, l *TcpListener) []*TcpStream {
	t.Helper()
	var streams []*TcpStream
	for {
		s, err := l.Accept()
		if errors.Is(err, ErrWouldBlock) {
			return streams
		}
		if err != nil {
			t.Fatal(err)
		}
		streams = append(streams, s)
	}
}

// TestListenerAcceptsThroughEvents connects n clients and accepts them
// all through the listener's Readable events, taking every waiting
// connection after each event and registering again.
func TestListenerAcceptsThroughEvents(t *testing.T) {
	const n = 20
	l := listen(t)
	p, r := newPoll(t)
	if err := r.Register(l, 100, Readable); err != nil {
		t.Fatal(err)
	}
	clients := make(chan net.Conn, n)
	go func() {
		for range n {
			c, err := net.DialTimeout("tcp", l.Addr(), 10*time.Second)
			if err != nil {
				t.Error(err)
				break
			}
			clients <- c
		}
		close(clients)
	}()
	var accepted []*TcpStream
	defer func() {
		for _, s := range accepted {
			s.Close()
		}
	}()
	for len(accepted) < n {
		ev := waitFor(t, p, 100)
		if !ev.IsReadable() || ev.IsWritable() {
			t.Errorf("listener event: readable %v, writable %v; want readable only", ev.IsReadable(), ev.IsWritable())
		}
		accepted = append(accepted, acceptAll(t, l)...)
		if err := r.Register(l, 100, Readable); err != nil {
			t.Fatal(err)
		}
	}
	// Each accepted stream is a working connection to one of the clients.
	i := 0
	for c := range clients {
		t.Cleanup(func() { c.Close() })
		fmt.Fprintf(c, "%02d", i)
		i++
	}
	seen := map[string]bool{}
	buf := make([]byte, 2)
	for _, s := range accepted {
		s.SetNonblocking(false)
		if _, err := io.ReadFull(s, buf); err != nil {
			t.Fatal(err)
		}
		seen[string(buf)] = true
	}
	if len(seen) != n {
		t.Fatalf("the accepted streams read %d different clients, want %d", len(seen), n)
	}
}

func TestWritableEventForConnectedStream(t *testing.T) {
	s, _ := connected(t)
	p, r := newPoll(t)
	if err := r.Register(s, 5, Writable); err != nil {
		t.Fatal(err)
	}
	if ev := waitFor(t, p, 5); !ev.IsWritable() {
		t.Fatalf("event for Writable: readable %v, writable %v", ev.IsReadable(), ev.IsWritable())
	}
	if n, err := s.Write([]byte("ok")); n != 2 || err != nil {
		t.Fatalf("Write after the Writable event = %d, %v; want 2, nil", n, err)
	}
}

// TestLargeWriteCompletesAfterWritable writes far more than a socket
// buffer holds while the peer is not reading: Write must take part of it
// and return ErrWouldBlock rather than block. The peer then starts
// reading, and the rest goes out one Writable event at a time.
func TestLargeWriteCompletesAfterWritable(t *testing.T) {
	const size = 16 << 20
	want := make([]byte, size)
	for i := range want {
		want[i] = byte(i % 251)
	}
	s, c := connected(t)
	p, r := newPoll(t)
	start := make(chan struct{})
	type read struct {
		b   []byte
		err error
	}
	got := make(chan read, 1)
	go func() {
		<-start
		c.SetReadDeadline(time.Now().Add(30 * time.Second))
		b, err := io.ReadAll(io.LimitReader(c, size))
		got <- read{b, err}
	}()
	rest := want
	blocked := 0
	for len(rest) > 0 {
		n, err := s.Write(rest)
		if n > len(rest) || n < 0 {
			t.Fatalf("Write took %d of %d bytes", n, len(rest))
		}
		rest = rest[n:]
		switch {
		case errors.Is(err, ErrWouldBlock):
			if blocked == 0 {
				if n == size {
					t.Fatal("Write took everything and said ErrWouldBlock")
				}
				close(start) // only now: the peer must not drain the buffer before
			}
			blocked++
			if err := r.Register(s, 9, Writable); err != nil {
				t.Fatal(err)
			}
			waitFor(t, p, 9)
		case err != nil:
			t.Fatalf("Write after %d bytes: %v", size-len(rest), err)
		case len(rest) > 0:
			t.Fatalf("Write returned %d, nil with %d bytes left", n, len(rest))
		}
	}
	if blocked == 0 {
		t.Fatalf("a %d-byte Write to a peer that does not read never returned ErrWouldBlock", size)
	}
	select {
	case got := <-got:
		if got.err != nil {
			t.Fatalf("the peer's read failed after %d bytes: %v", len(got.b), got.err)
		}
		if !bytes.Equal(got.b, want) {
			t.Fatalf("the peer read %d bytes, not the %d that were written", len(got.b), size)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the peer did not get everything within 30 s")
	}
	t.Logf("%d Writable events for %d MiB", blocked, size>>20)
}

// TestEchoThroughThePoller is an echo server written against the poller
// alone: the listener and every connection are registered with it, and
// each event is answered by accepting, reading and writing without
// blocking. Clients from Go's net package do round trips through it.
func TestEchoThroughThePoller(t *testing.T) {
	const clients, rounds = 8, 50
	l := listen(t)
	p, r := newPoll(t)
	const listenerToken = Token(1 << 40)
	if err := r.Register(l, listenerToken, Readable); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range clients {
		wg.Go(func() {
			if err := echotest.Check(l.Addr(), i, rounds); err != nil {
				errs <- err
			}
		})
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()

	type conn struct {
		s      *TcpStream
		unsent []byte // read and not yet echoed
	}
	conns := map[Token]*conn{}
	defer func() {
		for _, c := range conns {
			c.s.Close()
		}
	}()
	buf := make([]byte, 4096)
	next := Token(1)
	limit := time.Now().Add(30 * time.Second)
	for {
		select {
		case <-finished:
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			return
		default:
		}
		if time.Now().After(limit) {
			t.Fatal("the echo did not finish within 30 s")
		}
		for _, ev := range pollEvents(t, p, 50*time.Millisecond) {
			if ev.Token() == listenerToken {
				for _, s := range acceptAll(t, l) {
					conns[next] = &conn{s: s}
					if err := r.Register(s, next, Readable); err != nil {
						t.Fatal(err)
					}
					next++
				}
				if err := r.Register(l, listenerToken, Readable); err != nil {
					t.Fatal(err)
				}
				continue
			}
			c := conns[ev.Token()]
			if c == nil {
				continue // closed already: a late event
			}
			// Whatever the event was for, try both: a spurious try
			// costs one ErrWouldBlock.
			got, err := readNow(c.s, buf)
			c.unsent = append(c.unsent, got...)
			closed := !errors.Is(err, ErrWouldBlock) // io.EOF, or a reset
			for len(c.unsent) > 0 {
				n, err := c.s.Write(c.unsent)
				c.unsent = c.unsent[n:]
				if errors.Is(err, ErrWouldBlock) {
					break
				}
				if err != nil {
					closed = true
					break
				}
			}
			if closed {
				c.s.Close()
				delete(conns, ev.Token())
				continue
			}
			interests := Readable
			if len(c.unsent) > 0 {
				interests |= Writable
			}
			if err := r.Register(c.s, ev.Token(), interests); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestCloseRegisteredListener closes a listener while its registration
// is armed (on Windows, while its AcceptEx is in flight). Polling on must
// work: an event for the closed listener may come (IOCP reports the
// cancelled accept), never one for a token nobody registered, Accept
// fails without returning a stream, and the queue still reports other
// sources.
func TestCloseRegisteredListener(t *testing.T) {
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p, r := newPoll(t)
	if err := r.Register(l, 3, Readable); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	for _, ev := range pollEvents(t, p, 200*time.Millisecond) {
		if ev.Token() != 3 {
			t.Fatalf("event for token %d after closing the listener registered with 3", ev.Token())
		}
	}
	if s, err := l.Accept(); err == nil || errors.Is(err, ErrWouldBlock) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Accept on a closed listener = %v, want an error", err)
	}
	if err := r.Register(l, 3, Readable); err == nil {
		t.Error("Register of a closed listener succeeded")
	}
	s, _ := connected(t)
	if err := r.Register(s, 4, Writable); err != nil {
		t.Fatal(err)
	}
	waitFor(t, p, 4)
}
