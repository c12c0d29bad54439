//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

//step:file streams

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

//step:begin listening

// TestSocketsAreNonblockingAndCloseOnExec checks the flags of every
// socket this package makes: close-on-exec, so that no child inherits
// it, and O_NONBLOCK whatever the stream's mode, because macOS and
// NetBSD ignore a per-call MSG_DONTWAIT on send and would block the loop
// on a full buffer.
func TestSocketsAreNonblockingAndCloseOnExec(t *testing.T) {
	l := listen(t)
	s, err := Connect(l.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var a *TcpStream
	deadline := time.Now().Add(10 * time.Second)
	for a == nil {
		a, err = l.Accept()
		if err != nil && (!errors.Is(err, ErrWouldBlock) || time.Now().After(deadline)) {
			t.Fatal(err)
		}
		time.Sleep(time.Millisecond)
	}
	defer a.Close()
	for _, c := range []struct {
		what string
		fd   int
	}{{"listener", l.fd}, {"connected stream", s.fd}, {"accepted stream", a.fd}} {
		fl, err := unix.FcntlInt(uintptr(c.fd), unix.F_GETFL, 0)
		if err != nil {
			t.Fatal(err)
		}
		if fl&unix.O_NONBLOCK == 0 {
			t.Errorf("%s: O_NONBLOCK is not set", c.what)
		}
		fd, err := unix.FcntlInt(uintptr(c.fd), unix.F_GETFD, 0)
		if err != nil {
			t.Fatal(err)
		}
		if fd&unix.FD_CLOEXEC == 0 {
			t.Errorf("%s: FD_CLOEXEC is not set", c.what)
		}
	}
}

//step:end listening

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

//step:begin listening

// TestSecondCloseLeavesTheNumberAlone closes a stream and a listener
// twice, with a file opened in between that may get the same descriptor
// number, and checks the file is still open afterwards.
func TestSecondCloseLeavesTheNumberAlone(t *testing.T) {
	s, _ := connected(t)
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what  string
		fd    int
		close func() error
	}{{"stream", s.fd, s.Close}, {"listener", l.fd, l.Close}} {
		if err := c.close(); err != nil {
			t.Fatal(err)
		}
		f, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		if f != c.fd {
			t.Logf("the file got descriptor %d, not the %s's %d", f, c.what, c.fd)
		}
		if err := c.close(); err != nil {
			t.Errorf("second Close of the %s: %v, want nil", c.what, err)
		}
		if _, err := unix.FcntlInt(uintptr(f), unix.F_GETFD, 0); err != nil {
			t.Errorf("second Close of the %s (descriptor %d) closed descriptor %d: %v", c.what, c.fd, f, err)
		}
		unix.Close(f)
	}
}

//step:end listening
