//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

//step:file listening

package minimio

import (
	"errors"
	"net"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestAcceptOutOfDescriptors runs the process out of file descriptors
// while connections wait on a listener, and checks libuv's answer: Accept
// fails with EMFILE once for each waiting connection and closes it, so
// that its client reads the end of the connection instead of hanging;
// then it says ErrWouldBlock, so a server is not told again and again of
// a connection it can never take; and once descriptors are free again it
// accepts as before. The expectations hold on both kernels' semantics:
// on Linux and the BSDs shed closes each connection, on macOS the kernel
// has already closed it when accept says EMFILE.
func TestAcceptOutOfDescriptors(t *testing.T) {
	l := listen(t)
	const waiting = 3
	var clients []net.Conn
	for range waiting {
		c, err := net.DialTimeout("tcp", l.Addr(), 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		clients = append(clients, c)
	}

	restore := exhaustDescriptors(t)
	var errs []error
	for range waiting + 1 {
		s, err := l.Accept()
		if s != nil {
			s.Close()
		}
		errs = append(errs, err)
	}
	restore()
	// What -v shows, as the serving chapter tells a reader to run it.
	for i, err := range errs {
		t.Logf("Accept %d with no descriptor free: %v", i+1, err)
	}
	for i, err := range errs[:waiting] {
		if !errors.Is(err, unix.EMFILE) {
			t.Errorf("Accept %d with no descriptor free: %v, want an error wrapping EMFILE", i+1, err)
		}
	}
	if !errors.Is(errs[waiting], ErrWouldBlock) {
		t.Errorf("Accept after the waiting connections were shed: %v, want ErrWouldBlock", errs[waiting])
	}

	for i, c := range clients {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		n, err := c.Read(make([]byte, 1))
		if err == nil || os.IsTimeout(err) {
			t.Errorf("client %d: Read = %d, %v; want the connection closed", i+1, n, err)
		}
		t.Logf("client %d, shed: its read ends with %v", i+1, err)
	}

	c, err := net.DialTimeout("tcp", l.Addr(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s, err := l.Accept()
		if err == nil {
			t.Logf("with descriptors free again, Accept takes a new connection")
			s.Close()
			break
		}
		if !errors.Is(err, ErrWouldBlock) || time.Now().After(deadline) {
			t.Fatalf("Accept with descriptors free again: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// exhaustDescriptors lowers the soft limit on open files to a little
// above the highest descriptor in use and opens /dev/null until no
// descriptor is left below it. The function it returns undoes both. The
// test must not open anything in between.
func exhaustDescriptors(t *testing.T) (restore func()) {
	t.Helper()
	var saved unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &saved); err != nil {
		t.Fatal(os.NewSyscallError("getrlimit", err))
	}
	probe, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	unix.Close(probe)
	lowered := saved
	setLimit(&lowered.Cur, probe+16)
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &lowered); err != nil {
		t.Fatal(os.NewSyscallError("setrlimit", err))
	}
	var fillers []int
	restore = func() {
		for _, fd := range fillers {
			unix.Close(fd)
		}
		fillers = nil
		if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &saved); err != nil {
			t.Error(os.NewSyscallError("setrlimit", err))
		}
	}
	for {
		fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if errors.Is(err, unix.EMFILE) {
			return restore
		}
		if err != nil || len(fillers) > 1<<16 {
			restore()
			t.Fatalf("filling the descriptor table: %v after %d descriptors", err, len(fillers))
		}
		fillers = append(fillers, fd)
	}
}

// setLimit sets an rlimit field, an int64 on some BSDs and a uint64
// elsewhere.
func setLimit[T ~int64 | ~uint64](field *T, n int) { *field = T(n) }
