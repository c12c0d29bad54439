//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package minimio

import (
	"errors"
	"net"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// dial returns a stream from Connect and the peer's side of it, both
// closed when the test ends.
func dial(t *testing.T) (*TcpStream, net.Conn) {
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
	c, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return s, c
}

// TestStreamIsCloseOnExec checks that no child process can inherit a
// stream's socket.
func TestStreamIsCloseOnExec(t *testing.T) {
	s, _ := dial(t)
	flags, err := unix.FcntlInt(uintptr(s.fd), unix.F_GETFD, 0)
	if err != nil {
		t.Fatal(err)
	}
	if flags&unix.FD_CLOEXEC == 0 {
		t.Error("FD_CLOEXEC is not set on the stream's socket")
	}
}

// TestWriteToAGonePeerRaisesNoSIGPIPE writes to a connection whose peer
// has reset it until a write fails with EPIPE, and checks that the
// failure came as an error and not also as a SIGPIPE.
func TestWriteToAGonePeerRaisesNoSIGPIPE(t *testing.T) {
	sig := make(chan os.Signal, 8)
	signal.Notify(sig, syscall.SIGPIPE)
	defer signal.Stop(sig)
	s, c := dial(t)
	c.(*net.TCPConn).SetLinger(0)
	c.Close()
	var err error // the first write after the reset may say ECONNRESET; EPIPE follows
	for i := 0; i < 1000 && !errors.Is(err, unix.EPIPE); i++ {
		_, err = s.Write(make([]byte, 1024))
		time.Sleep(time.Millisecond)
	}
	if !errors.Is(err, unix.EPIPE) {
		t.Fatalf("writes to a reset connection never said EPIPE: %v", err)
	}
	select {
	case <-sig:
		t.Errorf("Write (%v) raised SIGPIPE", err)
	case <-time.After(50 * time.Millisecond):
	}
}

// TestSecondCloseLeavesTheNumberAlone closes a stream twice, with a file
// opened in between that may get the same descriptor number, and checks
// the file is still open afterwards.
func TestSecondCloseLeavesTheNumberAlone(t *testing.T) {
	s, _ := dial(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(f)
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v, want nil", err)
	}
	if _, err := unix.FcntlInt(uintptr(f), unix.F_GETFD, 0); err != nil {
		t.Errorf("the second Close closed descriptor %d: %v", f, err)
	}
}
