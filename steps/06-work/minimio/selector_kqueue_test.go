//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package minimio

import (
	"errors"
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
