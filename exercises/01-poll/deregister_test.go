//go:build exercises && linux

package minimio

import (
	"errors"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// deregister deregisters s and fails the test with Deregister's error,
// which in the starting point says what is missing.
func deregister(t *testing.T, r *Registrator, s *TcpStream) {
	t.Helper()
	if err := r.Deregister(s); err != nil {
		t.Fatalf("Deregister: %v", err)
	}
}

// noEvent fails the test if Poll reports anything within 200 ms.
func noEvent(t *testing.T, p *Poll, why string) {
	t.Helper()
	events := NewEvents(4)
	if err := p.Poll(&events, 200*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if len(events) != 0 {
		t.Fatalf("%s, yet Poll reported %v", why, events)
	}
}

// TestDeregisterDropsAReadyEvent deregisters a stream whose data has
// already arrived: the event that was ready must not be reported. Then
// the stream is registered again and must work as before.
func TestDeregisterDropsAReadyEvent(t *testing.T) {
	p, r, s, peer := pair(t)
	register(t, r, s, 20, Readable)
	if _, err := peer.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	waitReadable(t, s)
	deregister(t, r, s)
	noEvent(t, p, "the stream was deregistered after its data arrived")
	register(t, r, s, 21, Readable)
	if ev := oneEvent(t, p, 21); !ev.IsReadable() {
		t.Fatal("registered again, the stream's event is not readable")
	}
}

// TestDeregisterSilencesAHangUp deregisters a stream and then shuts the
// connection in both directions, which epoll reports as EPOLLHUP to every
// registration, asked for or not: a deregistered stream must hear nothing.
func TestDeregisterSilencesAHangUp(t *testing.T) {
	p, r, s, peer := pair(t)
	register(t, r, s, 22, Readable)
	deregister(t, r, s)
	peer.Close()
	if err := unix.Shutdown(s.fd, unix.SHUT_WR); err != nil {
		t.Fatal(err)
	}
	waitReadable(t, s)
	noEvent(t, p, "the stream was deregistered before the connection was shut")
}

// TestDeregisterErrors: a stream that was never registered gives an error
// that is ENOENT, and a closed queue gives ErrClosed.
func TestDeregisterErrors(t *testing.T) {
	p, r, s, _ := pair(t)
	if err := r.Deregister(s); !errors.Is(err, unix.ENOENT) {
		t.Fatalf("Deregister of a stream that was never registered = %v, want an error that is ENOENT", err)
	}
	r.Close()
	if err := r.Deregister(s); !errors.Is(err, ErrClosed) {
		t.Fatalf("Deregister after Close = %v, want ErrClosed", err)
	}
	_ = p
}
