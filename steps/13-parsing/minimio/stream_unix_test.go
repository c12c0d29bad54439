//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package minimio

import (
	"errors"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestBlockingModeWaits checks that a stream in blocking mode keeps its
// promise on a non-blocking socket: a Read waits for data that comes
// later, and a Write far larger than the socket's buffers returns only
// once all of it is sent, to a peer that starts reading late.
func TestBlockingModeWaits(t *testing.T) {
	s, c := connected(t)
	s.SetNonblocking(false)
	go func() {
		time.Sleep(50 * time.Millisecond)
		c.Write([]byte("late"))
	}()
	b := make([]byte, 8)
	if n, err := s.Read(b); err != nil || string(b[:n]) != "late" {
		t.Fatalf("blocking Read = %q, %v; want \"late\", nil", b[:n], err)
	}

	const size = 16 << 20
	read := make(chan int64, 1)
	go func() {
		time.Sleep(50 * time.Millisecond)
		c.SetReadDeadline(time.Now().Add(30 * time.Second))
		n, _ := io.CopyN(io.Discard, c, size)
		read <- n
	}()
	if n, err := s.Write(make([]byte, size)); n != size || err != nil {
		t.Fatalf("blocking Write = %d, %v; want %d, nil", n, err, size)
	}
	if n := <-read; n != size {
		t.Fatalf("the peer read %d bytes of %d", n, size)
	}
}

// TestWriteToAGonePeerRaisesNoSIGPIPE writes to a connection whose peer
// has reset it, until a write fails with EPIPE, and checks that the failure came
// as an error and not also as a SIGPIPE (MSG_NOSIGNAL, SO_NOSIGPIPE).
func TestWriteToAGonePeerRaisesNoSIGPIPE(t *testing.T) {
	sig := make(chan os.Signal, 8)
	signal.Notify(sig, syscall.SIGPIPE)
	defer signal.Stop(sig)
	for _, mode := range []bool{true, false} {
		s, c := connected(t)
		s.SetNonblocking(mode)
		c.(*net.TCPConn).SetLinger(0)
		c.Close()
		var err error // the first write after the reset may say ECONNRESET; EPIPE follows
		for i := 0; i < 1000 && !errors.Is(err, unix.EPIPE); i++ {
			_, err = s.Write(make([]byte, 1024))
			time.Sleep(time.Millisecond)
		}
		if !errors.Is(err, unix.EPIPE) {
			t.Fatalf("nonblocking=%v: writes to a reset connection never said EPIPE: %v", mode, err)
		}
		select {
		case <-sig:
			t.Errorf("nonblocking=%v: Write (%v) raised SIGPIPE", mode, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
