//step:file listening

//go:build unix

package loop_test

import (
	"errors"  //step:timers
	"net"     //step:timers
	"os"      //step:timers
	"syscall" //step:timers
	"testing" //step:timers
	"time"    //step:timers

	"github.com/nodeexperiment/gonode/final/loop" //step:timers
	"golang.org/x/sys/unix"
)

//step:begin writing

// setRcvbuf sets a socket's receive buffer (before it connects).
func setRcvbuf(fd uintptr, n int) {
	unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_RCVBUF, n)
}

//step:end writing
//step:begin timers

// TestConnectionShedOutOfDescriptorsIsReported fills the process's
// descriptor table (its soft limit lowered for the test) while a client
// waits to be accepted: the server's callback hears EMFILE, and the
// client's connection is closed rather than left waiting.
func TestConnectionShedOutOfDescriptorsIsReported(t *testing.T) {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	defer unix.Setrlimit(unix.RLIMIT_NOFILE, &lim)
	var acceptErr error
	clientSaw := make(chan error, 1)
	err := runNet(t, func(rt *loop.Runtime) {
		var fillers []*os.File
		release := func() {
			for _, f := range fillers {
				f.Close()
			}
			fillers = nil
			unix.Setrlimit(unix.RLIMIT_NOFILE, &lim)
		}
		var srv *loop.Server
		srv, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
			release()
			srv.Close(nil)
			if c != nil {
				c.Close(nil)
			}
			acceptErr = err
		})
		if err != nil {
			t.Error(err)
			return
		}
		client, err := net.Dial("tcp", srv.Addr()) // waits in the backlog
		if err != nil {
			t.Error(err)
			return
		}
		go func() {
			defer client.Close()
			client.SetReadDeadline(time.Now().Add(30 * time.Second))
			_, err := client.Read(make([]byte, 1))
			clientSaw <- err
		}()
		low := lim
		low.Cur = 256
		if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &low); err != nil {
			t.Skipf("cannot lower the descriptor limit: %v", err)
		}
		for {
			f, err := os.Open(os.DevNull)
			if err != nil {
				if !errors.Is(err, syscall.EMFILE) {
					t.Errorf("filling the table: %v", err)
				}
				break
			}
			fillers = append(fillers, f)
		}
		rt.SetTimeout(10_000, func() { t.Error("no accept callback within 10 s"); release(); srv.Close(nil) }).Unref()
	})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(acceptErr, syscall.EMFILE) {
		t.Fatalf("the server's callback got %v, want EMFILE", acceptErr)
	}
	if err := <-clientSaw; err == nil {
		t.Fatal("the client read a byte from a connection the server could not take")
	}
}

//step:end timers
