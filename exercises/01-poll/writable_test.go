//go:build exercises && linux

package minimio

import (
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// pair returns a stream of ours connected to a peer on Go's own network
// poller, with the queue that watches the stream; all three are closed when
// the test ends.
func pair(t *testing.T) (*Poll, *Registrator, *TcpStream, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	s, err := Connect(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	peer, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { peer.Close() })
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p, p.Registrator(), s, peer
}

// register registers s and fails the test with Register's error, which in
// the starting point says what is missing.
func register(t *testing.T, r *Registrator, s *TcpStream, token Token, interests Interests) {
	t.Helper()
	if err := r.Register(s, token, interests); err != nil {
		t.Fatalf("Register(token %d, %s): %v", token, names[interests], err)
	}
}

// names spells the interests out for the messages.
var names = map[Interests]string{0: "no interest", Readable: "Readable", Writable: "Writable", Readable | Writable: "Readable|Writable"}

// oneEvent polls until an event comes (10 s at most) and returns it.
func oneEvent(t *testing.T, p *Poll, token Token) Event {
	t.Helper()
	events := NewEvents(4)
	if err := p.Poll(&events, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Token() != token {
		t.Fatalf("Poll returned %v, want one event with token %d", events, token)
	}
	return events[0]
}

// waitReadable blocks until data has arrived on s, without our queue.
func waitReadable(t *testing.T, s *TcpStream) {
	t.Helper()
	pfd := []unix.PollFd{{Fd: int32(s.fd), Events: unix.POLLIN}}
	for {
		n, err := unix.Poll(pfd, 10000)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil || n != 1 {
			t.Fatalf("poll(POLLIN) = %d, %v: the peer's bytes did not arrive", n, err)
		}
		return
	}
}

func TestWritableFreshConnection(t *testing.T) {
	p, r, s, _ := pair(t)
	if err := r.Register(s, 7, 0); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("Register with no interest = %v, want ErrUnsupported", err)
	}
	register(t, r, s, 7, Writable)
	ev := oneEvent(t, p, 7)
	if !ev.IsWritable() || ev.IsReadable() {
		t.Fatalf("a fresh connection with nothing to read gave IsWritable=%v IsReadable=%v, want true, false",
			ev.IsWritable(), ev.IsReadable())
	}
}

func TestWritableNotForReadable(t *testing.T) {
	p, r, s, peer := pair(t)
	if _, err := peer.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	register(t, r, s, 8, Readable)
	ev := oneEvent(t, p, 8)
	if !ev.IsReadable() || ev.IsWritable() {
		t.Fatalf("a Readable registration gave IsReadable=%v IsWritable=%v, want true, false: "+
			"it did not ask for Writable, so its event must not say so", ev.IsReadable(), ev.IsWritable())
	}
}

func TestWritableAndReadableInOneEvent(t *testing.T) {
	p, r, s, peer := pair(t)
	if _, err := peer.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	waitReadable(t, s)
	register(t, r, s, 9, Readable|Writable)
	ev := oneEvent(t, p, 9)
	if !ev.IsReadable() || !ev.IsWritable() {
		t.Fatalf("data waiting and room to write gave IsReadable=%v IsWritable=%v, want both true",
			ev.IsReadable(), ev.IsWritable())
	}
}

// TestWritableWaitsForRoom fills the socket until the kernel takes no more
// (the peer reads nothing), and checks that Writable fires only once the
// peer has read and there is room again: back-pressure, seen from epoll.
func TestWritableWaitsForRoom(t *testing.T) {
	p, r, s, peer := pair(t)
	if err := unix.SetsockoptInt(s.fd, unix.SOL_SOCKET, unix.SO_SNDBUF, 8192); err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	total := 0
	// Fill until a send would block, pause so that whatever was still in
	// flight lands in the peer's receive buffer, and again, until a whole
	// pause frees no room at all.
	for round := 0; ; round++ {
		sent := 0
		for {
			n, err := unix.SendmsgN(s.fd, chunk, nil, nil, unix.MSG_DONTWAIT)
			if errors.Is(err, unix.EAGAIN) {
				break
			}
			if err != nil && !errors.Is(err, unix.EINTR) {
				t.Fatal(err)
			}
			sent += n
		}
		total += sent
		if sent == 0 && round > 0 {
			break
		}
		if round == 100 || total > 64<<20 {
			t.Fatalf("the socket still took bytes after %d rounds (%d bytes)", round, total)
		}
		time.Sleep(50 * time.Millisecond)
	}
	register(t, r, s, 10, Writable)
	events := NewEvents(4)
	if err := p.Poll(&events, 200*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if len(events) != 0 {
		t.Fatalf("with %d bytes unread and the send buffer full, Poll reported %v: "+
			"Writable must wait until there is room", total, events)
	}
	go io.Copy(io.Discard, peer) // the peer reads at last
	ev := oneEvent(t, p, 10)
	if !ev.IsWritable() {
		t.Fatalf("the event after the peer read was not writable")
	}
}
