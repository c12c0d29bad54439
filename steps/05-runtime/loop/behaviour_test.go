package loop_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/05-runtime/loop"
)

// These tests hold behaviours of final/loop that a mutation of its code
// once changed without any test noticing. They use only the public API.

// TestEndOfStreamReachesTheReadCallbackOnce: a peer sends a line and
// closes; the connection stays open (the program does not close it) for
// a while, and the read callback hears io.EOF once, and nothing after.
func TestEndOfStreamReachesTheReadCallbackOnce(t *testing.T) {
	var eofs, after int
	var got []byte
	err := runNet(t, func(rt *loop.Runtime) {
		acceptOne(t, rt, func(c *loop.Conn) {
			c.ReadStart(func(err error, data []byte) {
				switch {
				case eofs > 0:
					after++
				case errors.Is(err, io.EOF):
					eofs++
					rt.SetTimeout(50, func() { c.Close(nil) }) // time for a second end to come, if it would
				case err != nil:
					t.Errorf("read: %v", err)
				default:
					got = append(got, data...)
				}
			})
		}, func(addr string) {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			c.Write([]byte("hello"))
			c.Close()
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "hello" || eofs != 1 || after != 0 {
		t.Fatalf("read %q, io.EOF %d times, then %d more callbacks; want \"hello\", once, none", got, eofs, after)
	}
}

// TestAFailedQueuedWriteEndsTheRead queues bytes behind more than the
// socket takes, to a peer that reads nothing and then resets. The read
// callback must hear, once, that the connection is over: from the flush
// that fails (with the write's error), or from the read after it (on
// Linux, io.EOF once the failed send has taken the socket's error; in
// about one run in ten under load, the read came first).
func TestAFailedQueuedWriteEndsTheRead(t *testing.T) {
	var readErrs []error
	var writeErr error
	err := runNet(t, func(rt *loop.Runtime) {
		acceptOne(t, rt, func(c *loop.Conn) {
			c.ReadStart(func(err error, data []byte) {
				if err != nil {
					readErrs = append(readErrs, err)
					rt.SetTimeout(30, func() { c.Close(nil) })
				}
			})
			c.Write(make([]byte, 16<<20), func(err error) { writeErr = err })
		}, func(addr string) { resetAfter(t, addr, nil, 100*time.Millisecond) })
	})
	if err != nil {
		t.Fatal(err)
	}
	if writeErr == nil {
		t.Fatal("the write to a reset connection succeeded")
	}
	if len(readErrs) != 1 {
		t.Fatalf("the read callback heard %v; want the end of the connection once (the write got %v)", readErrs, writeErr)
	}
}

// TestAWriteAfterAFailedWriteGetsItsError writes to a connection its peer
// has reset: the write fails, and the next write gets the same error,
// the one that ended writing, not a later one of the OS's.
func TestAWriteAfterAFailedWriteGetsItsError(t *testing.T) {
	var errs []error
	err := runNet(t, func(rt *loop.Runtime) {
		acceptOne(t, rt, func(c *loop.Conn) {
			rt.SetTimeout(100, func() { // the reset has come by then
				for range 2 {
					c.Write([]byte("x"), func(err error) {
						if errs = append(errs, err); len(errs) == 2 {
							c.Close(nil)
						}
					})
				}
			})
		}, func(addr string) { resetAfter(t, addr, nil, 0) })
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 2 || errs[0] == nil || errs[1] == nil || errs[0].Error() != errs[1].Error() {
		t.Fatalf("the two writes after the reset got %v; want the same error twice", errs)
	}
}

// TestPartialFlushesNeverSendTwice sends 16 MiB in 64 writes to a client
// with a small receive buffer that reads nothing for 200 ms, so the
// socket fills (the test checks that the writes were still queued when
// the client began to read) and the bytes go out over many partial
// flushes. The client must get every byte once, in order.
func TestPartialFlushesNeverSendTwice(t *testing.T) {
	const writes, size = 64, 256 << 10
	pattern := func(i int) byte { return byte(i % 251) }
	var reading atomic.Bool
	filled := false
	result := make(chan error, 1)
	err := runNet(t, func(rt *loop.Runtime) {
		acceptOne(t, rt, func(c *loop.Conn) {
			buf := make([]byte, size)
			for w := range writes {
				for i := range buf {
					buf[i] = pattern(w*size + i)
				}
				c.Write(buf, nil) // Write copies what it queues: buf is reused
			}
			c.Write(nil, func(err error) {
				if err != nil {
					t.Errorf("write: %v", err)
				}
				filled = reading.Load()
			})
			c.ReadStart(func(err error, data []byte) { // the client closes once it has every byte
				if err != nil {
					c.Close(nil)
				}
			})
		}, func(addr string) { result <- readPattern(addr, writes*size, pattern, &reading) })
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-result; err != nil {
		t.Fatal(err)
	}
	if !filled {
		t.Fatal("every byte was sent before the client read any: the socket never filled, so no partial flush was tested")
	}
}

// readPattern connects to addr with a 4 KiB receive buffer, waits 200 ms,
// says it is reading, reads n bytes and checks that byte i is
// pattern(i): a byte sent twice shifts every byte after it. It closes the
// connection itself, so as not to depend on how the server's close
// treats bytes still in flight (Wine's drops them).
func readPattern(addr string, n int, pattern func(int) byte, reading *atomic.Bool) error {
	d := net.Dialer{Timeout: 10 * time.Second, Control: func(_, _ string, rc syscall.RawConn) error {
		return rc.Control(func(fd uintptr) { setRcvbuf(fd, 4<<10) })
	}}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Minute))
	time.Sleep(200 * time.Millisecond)
	reading.Store(true)
	got := make([]byte, n)
	if k, err := io.ReadFull(c, got); err != nil {
		return fmt.Errorf("read after %d bytes: %w", k, err)
	}
	want := make([]byte, n)
	for i := range want {
		want[i] = pattern(i)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for got[i] == want[i] {
			i++
		}
		return fmt.Errorf("the %d bytes read differ from what was sent from byte %d on", n, i)
	}
	return nil
}
