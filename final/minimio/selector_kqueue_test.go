//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package minimio

import (
	"errors"
	"net" //step:streams
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// These tests cover what only the kqueue backend does; they run in the
// GitHub workflow's macOS job (no kqueue runs on Linux).

// TestKqueueWakeStaysUp checks Close through the wake pipe: after
// Registrator.Close every Poll, not only the first, returns ErrClosed at
// once, even with no timeout, although wait drains the pipe after each
// wake (the closed flag, not the pipe, is what later Polls see).
func TestKqueueWakeStaysUp(t *testing.T) {
	p, r := newPoll(t)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	events := NewEvents(4)
	for i := range 3 {
		done := make(chan error, 1)
		go func() { done <- p.Poll(&events, -1) }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrClosed) {
				t.Fatalf("Poll %d after Close = %v, want ErrClosed", i+1, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Poll %d after Close still blocks after 10 s", i+1)
		}
	}
}

//step:begin streams

// TestKqueueEventKeepsItsRegistration takes an event out of the kqueue
// for a stream registered with token 1, then closes that stream and
// registers a new one that gets the same descriptor number, with token 2,
// as the loop thread may while the poller thread is between kevent and
// reading the tokens. The event must still name token 1: the token
// travels with the event, in udata, as epoll's does, and is not looked
// up by descriptor afterwards.
func TestKqueueEventKeepsItsRegistration(t *testing.T) {
	p, r := newPoll(t)
	old, c := connected(t)
	if err := r.Register(old, 1, Readable); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0") // before the Close, so it takes no freed number
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	sel := p.sel
	buf := make([]unix.Kevent_t, 4)
	var n int
	for deadline := time.Now().Add(10 * time.Second); n == 0; {
		ts := unix.NsecToTimespec(int64(100 * time.Millisecond))
		got, err := unix.Kevent(sel.kq, nil, buf, &ts)
		if err != nil && !errors.Is(err, unix.EINTR) {
			t.Fatal(err)
		}
		n = got
		if n == 0 && time.Now().After(deadline) {
			t.Fatal("no event for a stream with data after 10 s")
		}
	}
	fd := old.fd
	old.Close()
	reused, err := Connect(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer reused.Close()
	if reused.fd != fd { // another number came free first: move the stream onto the closed one's
		if err := unix.Dup2(reused.fd, fd); err != nil {
			t.Fatal(err)
		}
		unix.Close(reused.fd)
		reused.fd = fd
	}
	if err := r.Register(reused, 2, Readable); err != nil {
		t.Fatal(err)
	}
	sel.mu.Lock()
	reg := sel.udata.get(&buf[0])
	sel.mu.Unlock()
	if reg == nil || reg.token != 1 {
		t.Fatalf("the event taken before the descriptor was reused names registration %+v, want token 1", reg)
	}
}

//step:end streams

//step:begin streams

// TestKqueueDrainStopsAtEndOfFile closes the wake pipe's write end and
// drains the read end: drain returns, as at EAGAIN, rather than reading
// end of file again forever.
func TestKqueueDrainStopsAtEndOfFile(t *testing.T) {
	p, _ := newPoll(t)
	if err := p.sel.wake(); err != nil {
		t.Fatal(err)
	}
	if err := unix.Close(p.sel.wakeW); err != nil {
		t.Fatal(err)
	}
	devnull, err := unix.Open("/dev/null", unix.O_WRONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	p.sel.wakeW = devnull // for Close
	done := make(chan error, 1)
	go func() { done <- p.sel.drain() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("drain still reads after 10 s with the write end closed")
	}
}

//step:end streams

//step:begin streams

// TestKqueueReregisterDeletesTheOtherFilter registers a stream for
// Readable, then reregisters it for Writable only: the read filter is
// deleted in the same kevent call, so data from the peer brings no
// Readable event, until Readable is asked for again.
func TestKqueueReregisterDeletesTheOtherFilter(t *testing.T) {
	p, r := newPoll(t)
	s, c := connected(t)
	if err := r.Register(s, 3, Readable); err != nil {
		t.Fatal(err)
	}
	if err := r.Reregister(s, 3, Writable); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		for _, ev := range pollEvents(t, p, 50*time.Millisecond) {
			if ev.IsReadable() {
				t.Fatal("a Readable event after Readable was left out")
			}
		}
	}
	if err := r.Reregister(s, 3, Readable); err != nil {
		t.Fatal(err)
	}
	if ev := waitFor(t, p, 3); !ev.IsReadable() {
		t.Fatalf("after asking for Readable again: readable %v, writable %v", ev.IsReadable(), ev.IsWritable())
	}
}

//step:end streams

// TestKqueueDescriptorsAreCloseOnExec checks that no child process can
// inherit the kqueue or either end of its wake pipe.
func TestKqueueDescriptorsAreCloseOnExec(t *testing.T) {
	p, _ := newPoll(t)
	for what, fd := range map[string]int{"kqueue": p.sel.kq, "wake pipe's read end": p.sel.wakeR, "wake pipe's write end": p.sel.wakeW} {
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		if err != nil {
			t.Fatal(err)
		}
		if flags&unix.FD_CLOEXEC == 0 {
			t.Errorf("the %s: FD_CLOEXEC is not set", what)
		}
	}
}
