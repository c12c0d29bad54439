package minimio

import (
	"errors"
	"fmt"
	"io"
	"net"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/internal/delayserver/delaytest"
)

func TestTimeoutMillis(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want int
	}{
		{-1, -1},
		{-time.Hour, -1},
		{0, 0},
		{1, 1},
		{300 * time.Microsecond, 1},
		{time.Millisecond, 1},
		{1500 * time.Microsecond, 2},
		{2 * time.Second, 2000},
		{1 << 62, 1<<31 - 1},
	}
	for _, tt := range tests {
		if got := timeoutMillis(tt.in); got != tt.want {
			t.Errorf("timeoutMillis(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// newPoll returns a queue that is closed when the test ends.
func newPoll(t *testing.T) (*Poll, *Registrator) {
	t.Helper()
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p, p.Registrator()
}

// connected returns a stream from Connect in non-blocking mode and the
// peer's side of it, both closed when the test ends.
func connected(t *testing.T) (*TcpStream, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	type accepted struct {
		c   net.Conn
		err error
	}
	peer := make(chan accepted, 1)
	go func() {
		c, err := ln.Accept()
		peer <- accepted{c, err}
	}()
	s, err := Connect(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a := <-peer
	if a.err != nil {
		t.Fatal(a.err)
	}
	t.Cleanup(func() { a.c.Close() })
	s.SetNonblocking(true)
	return s, a.c
}

// request connects to addr and asks for an answer after delay ms.
func request(t *testing.T, addr string, delay int) *TcpStream {
	t.Helper()
	s, err := Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	fmt.Fprintf(s, "GET /delay/%d/url/http://example.com HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", delay)
	return s
}

// pollEvents polls once for up to timeout and returns what came, failing
// the test on an error.
func pollEvents(t *testing.T, p *Poll, timeout time.Duration) Events {
	t.Helper()
	events := NewEvents(64)
	if err := p.Poll(&events, timeout); err != nil {
		t.Fatal(err)
	}
	return events
}

// nextEvents polls until at least one event arrives, tolerating empty
// returns, and returns the tokens of the events that came; it fails after
// ten seconds.
func nextEvents(t *testing.T, p *Poll) []Token {
	t.Helper()
	limit := time.Now().Add(10 * time.Second)
	for time.Now().Before(limit) {
		if events := pollEvents(t, p, 500*time.Millisecond); len(events) > 0 {
			tokens := make([]Token, len(events))
			for i, ev := range events {
				tokens[i] = ev.Token()
			}
			return tokens
		}
	}
	t.Fatal("no event within 10 s")
	return nil
}

// waitFor polls until an event for token comes and returns it, ignoring
// events for other tokens; it fails after ten seconds.
//
//lint:ignore U1000 the epoll and kqueue tests use it, and from the listening step on every OS's
func waitFor(t *testing.T, p *Poll, token Token) Event {
	t.Helper()
	limit := time.Now().Add(10 * time.Second)
	for time.Now().Before(limit) {
		for _, ev := range pollEvents(t, p, 100*time.Millisecond) {
			if ev.Token() == token {
				return ev
			}
		}
	}
	t.Fatalf("no event for token %d within 10 s", token)
	return Event{}
}

// TestEventsArriveInReadinessOrder asks five answers of the delay server,
// the first sent last. The answers are 200 ms apart, so that a loaded
// machine (Wine under CI, both cores busy) does not swap two of them.
func TestEventsArriveInReadinessOrder(t *testing.T) {
	addr := delaytest.Start(t)
	p, r := newPoll(t)
	streams := map[Token]*TcpStream{}
	for i, delay := range []int{800, 600, 400, 200, 0} {
		token := Token(i + 1)
		streams[token] = request(t, addr, delay)
		if err := r.Register(streams[token], token, Readable); err != nil {
			t.Fatal(err)
		}
	}
	// The interest stands while the answer is unread: each stream is
	// deregistered after its first event, so that it is counted once.
	var got []Token
	for len(got) < 5 {
		for _, token := range nextEvents(t, p) {
			if slices.Contains(got, token) {
				continue
			}
			got = append(got, token)
			if err := r.Deregister(streams[token]); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := []Token{5, 4, 3, 2, 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("events came as %v, want %v", got, want)
	}
	for _, token := range got {
		answer, err := io.ReadAll(streams[token])
		if err != nil {
			t.Fatalf("stream %d: %v", token, err)
		}
		if len(answer) < 20 || string(answer[:18]) != "HTTP/1.1 302 Found" {
			t.Errorf("stream %d answered %q", token, answer)
		}
	}
}

func TestCloseWakesABlockedPoll(t *testing.T) {
	p, r := newPoll(t)
	returned := make(chan error)
	go func() {
		events := NewEvents(4)
		returned <- p.Poll(&events, -1)
	}()
	time.Sleep(50 * time.Millisecond) // let it block; nothing depends on it
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-returned:
		if !errors.Is(err, ErrClosed) {
			t.Fatalf("Poll returned %v, want ErrClosed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Poll(-1) still blocked 10 s after Close")
	}
	if err := r.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close = %v, want ErrClosed", err)
	}
	events := NewEvents(4)
	if err := p.Poll(&events, 0); !errors.Is(err, ErrClosed) {
		t.Errorf("Poll after Close = %v, want ErrClosed", err)
	}
}

func TestRegisterRefuses(t *testing.T) {
	addr := delaytest.Start(t)
	_, r := newPoll(t)
	s := request(t, addr, 0)
	for _, interests := range []Interests{0, 4, Readable | 8} {
		if err := r.Register(s, 1, interests); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Register(%#x) = %v, want ErrUnsupported", interests, err)
		}
	}
	ln := listen(t)
	for _, interests := range []Interests{Writable, Readable | Writable} {
		if err := r.Register(ln, 1, interests); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Register(listener, %#x) = %v, want ErrUnsupported", interests, err)
		}
	}
	if err := r.Register(s, WakeToken, Readable); !errors.Is(err, ErrReservedToken) {
		t.Errorf("Register(WakeToken) = %v, want ErrReservedToken", err)
	}
	r.Close()
	if err := r.Register(s, 1, Readable); !errors.Is(err, ErrClosed) {
		t.Errorf("Register after Close = %v, want ErrClosed", err)
	}
}

func TestTimeoutIsALowerBound(t *testing.T) {
	p, _ := newPoll(t)
	events := NewEvents(4)
	for _, d := range []time.Duration{50 * time.Millisecond, 300 * time.Microsecond} {
		start := time.Now()
		if err := p.Poll(&events, d); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took < d {
			t.Errorf("Poll(%v) returned after %v", d, took)
		}
		if len(events) != 0 {
			t.Errorf("Poll(%v) with nothing registered gave %d events", d, len(events))
		}
	}
}

// TestRegistrationStands checks that a registration is level-triggered
// and stands: a stream is reported while it has data unread, then not
// until more arrives; Reregister changes the token, and after
// Deregister nothing is reported.
func TestRegistrationStands(t *testing.T) {
	iocpOnce := 2
	if runtime.GOOS == "windows" {
		iocpOnce = 1
	}
	s, c := connected(t)
	p, r := newPoll(t)
	c.Write([]byte("a"))
	if err := r.Register(s, 7, Readable); err != nil {
		t.Fatal(err)
	}
	// Unread, so reported again; IOCP reports a stream again only once
	// Read has taken (some of) what the last receive brought.
	for range min(2, iocpOnce) {
		if got := nextEvents(t, p); len(got) != 1 || got[0] != 7 {
			t.Fatalf("events = %v, want [7]", got)
		}
	}
	buf := make([]byte, 16)
	if n, err := s.Read(buf); err != nil || string(buf[:n]) != "a" {
		t.Fatalf("Read = %q, %v", buf[:n], err)
	}
	if events := pollEvents(t, p, 100*time.Millisecond); len(events) != 0 {
		t.Fatalf("a stream with nothing to read was reported: %d events", len(events))
	}
	if err := r.Reregister(s, 8, Readable); err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("b"))
	if got := nextEvents(t, p); len(got) != 1 || got[0] != 8 {
		t.Fatalf("events after new data = %v, want [8]", got)
	}
	if n, err := s.Read(buf); err != nil || string(buf[:n]) != "b" {
		t.Fatalf("Read = %q, %v", buf[:n], err)
	}
	if err := r.Deregister(s); err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("c"))
	if events := pollEvents(t, p, 100*time.Millisecond); len(events) != 0 {
		t.Fatalf("a deregistered stream was reported: %d events", len(events))
	}
	if err := r.Reregister(s, 9, Readable); !errors.Is(err, ErrNotRegistered) {
		t.Fatalf("Reregister after Deregister = %v, want ErrNotRegistered", err)
	}
}

func TestConnectRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	if s, err := Connect(addr); err == nil {
		s.Close()
		t.Fatal("Connect to a closed port succeeded")
	}
	if _, err := Connect("not an address"); err == nil {
		t.Fatal("Connect to a malformed address succeeded")
	}
}
