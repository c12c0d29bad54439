package minimio

import (
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

// serveInSteps starts a loopback server whose one connection gets first,
// then (once the test sends on next) second, and is then closed.
func serveInSteps(t *testing.T, first, second string) (addr string, next chan<- struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	step := make(chan struct{})
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.Write([]byte(first))
		select {
		case <-step:
		case <-time.After(10 * time.Second):
			return
		}
		c.Write([]byte(second))
	}()
	return ln.Addr().String(), step
}

// readNow reads without blocking until ErrWouldBlock or EOF and returns
// what it got and the error that stopped it.
func readNow(t *testing.T, s *TcpStream) (string, error) {
	t.Helper()
	var got []byte
	buf := make([]byte, 3) // small, so that one event takes several reads
	for {
		n, err := s.Read(buf)
		got = append(got, buf[:n]...)
		if err != nil {
			return string(got), err
		}
	}
}

// TestNonblockingReadRegistersAgain reads an answer that comes in two
// writes with a pause between them: after the first event, Read returns
// the first part and then ErrWouldBlock (it must not block waiting for
// the second); after registering again and a second event, the rest and
// then io.EOF.
func TestNonblockingReadRegistersAgain(t *testing.T) {
	addr, next := serveInSteps(t, "first part;", "second part")
	p, r := newPoll(t)
	s, err := Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.SetNonblocking(true)
	if err := r.Register(s, 1, Readable); err != nil {
		t.Fatal(err)
	}
	nextEvents(t, p)
	got, err := readNow(t, s)
	if got != "first part;" || !errors.Is(err, ErrWouldBlock) {
		t.Fatalf("after the first event: read %q, %v; want %q, ErrWouldBlock", got, err, "first part;")
	}
	close(next)
	var rest string
	for !errors.Is(err, io.EOF) {
		if !errors.Is(err, ErrWouldBlock) {
			t.Fatalf("read %q, then %v", rest, err)
		}
		if err := r.Register(s, 2, Readable); err != nil {
			t.Fatal(err)
		}
		if tokens := nextEvents(t, p); tokens[0] != 2 {
			t.Fatalf("event for token %d, want 2", tokens[0])
		}
		var more string
		more, err = readNow(t, s)
		rest += more
	}
	if rest != "second part" {
		t.Fatalf("after registering again: read %q, want %q", rest, "second part")
	}
}

// TestNonblockingReadBeforeAnyData checks that a read with nothing there
// returns at once with ErrWouldBlock, in non-blocking mode, where a
// blocking Read would wait for the server.
func TestNonblockingReadBeforeAnyData(t *testing.T) {
	addr, next := serveInSteps(t, "", "late")
	defer close(next)
	s, err := Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.SetNonblocking(true)
	done := make(chan error, 1)
	go func() {
		_, err := s.Read(make([]byte, 8))
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrWouldBlock) {
			t.Fatalf("Read with no data = %v, want ErrWouldBlock", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read blocked in non-blocking mode")
	}
}
