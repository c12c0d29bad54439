package loop_test

import (
	"bytes" //step:writing
	"errors"
	"fmt"         //step:writing
	"io"          //step:listening
	"net"         //step:listening
	"sync/atomic" //step:writing
	"syscall"     //step:writing
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/loop"
)

// These tests hold behaviours of final/loop that a mutation of its code
// once changed without any test noticing. They use only the public API.

//step:begin queues

// TestClearingARunImmediateChangesNothing clears an immediate after it has
// run: the loop must still wait for the timer that is pending, rather
// than count the immediate a second time and end early.
func TestClearingARunImmediateChangesNothing(t *testing.T) {
	timerRan := false
	err := runNet(t, func(rt *loop.Runtime) {
		var im *loop.Immediate
		im = rt.SetImmediate(func() {
			rt.NextTick(func() { rt.ClearImmediate(im) })
		})
		rt.SetTimeout(30, func() { timerRan = true })
	})
	if err != nil {
		t.Fatal(err)
	}
	if !timerRan {
		t.Fatal("the run ended without the pending timer: clearing an immediate that had run let go of the loop")
	}
}

//step:end queues
//step:begin timers
//step:begin listening

// TestUnrefOfAnIdleConnLeavesOtherCountsAlone unrefs (and refs again) a
// connection that neither reads nor writes: it is not counted, so nothing
// changes, and a pending timer still keeps the loop alive until it runs.
func TestUnrefOfAnIdleConnLeavesOtherCountsAlone(t *testing.T) {
	timerRan := false
	err := runNet(t, func(rt *loop.Runtime) {
		acceptOne(t, rt, func(c *loop.Conn) {
			c.Unref()
			c.Unref()
			c.Ref()
			c.Unref()
			rt.SetTimeout(30, func() { timerRan = true; c.Close(nil) })
		}, func(addr string) {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			io.Copy(io.Discard, c) // until the server closes
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if !timerRan {
		t.Fatal("the run ended before the timer: Unref of an idle connection took another handle's count")
	}
}

//step:end listening
//step:end timers
//step:begin listening

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

//step:end listening
//step:begin errors

// TestExitInAnExitHookEndsWithItsCode: Exit in an exit hook ends the run
// with that code, as process.exit in an 'exit' listener does.
func TestExitInAnExitHookEndsWithItsCode(t *testing.T) {
	later := false
	err := runNet(t, func(rt *loop.Runtime) {
		rt.OnExit(func(code int) { rt.Exit(4) })
		rt.OnExit(func(code int) { later = true })
	})
	if e, ok := errors.AsType[*loop.ExitError](err); !ok || e.Code != 4 {
		t.Fatalf("Run returned %v, want exit status 4", err)
	}
	if later {
		t.Error("an exit hook after the one that called Exit ran")
	}
}

//step:end errors
//step:begin writing

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

//step:end writing
//step:begin timers

// TestIntervalAfterALongTimerCountsFromItsOwnCall: a timer whose callback
// takes 60 ms and an interval of 40 ms are due in the same timers phase
// (both set for 40 ms, and overdue when the loop starts), while
// immediates keep the loop turning.
// The interval's next run is counted from its own call, after the long
// callback, not from the start of the phase: at least 40 ms apart.
func TestIntervalAfterALongTimerCountsFromItsOwnCall(t *testing.T) {
	var calls []time.Time
	err := runNet(t, func(rt *loop.Runtime) {
		rt.SetTimeout(40, func() { time.Sleep(60 * time.Millisecond) })
		var iv *loop.Timer
		iv = rt.SetInterval(40, func() { // due with the timer; set after it, it runs after it
			if calls = append(calls, time.Now()); len(calls) == 2 {
				rt.ClearInterval(iv)
			}
		})
		time.Sleep(50 * time.Millisecond) // both are overdue when the first timers phase begins
		var spin func()                   // immediates keep the poll phase from waiting, so each tick reads the clock
		spin = func() {
			if len(calls) < 2 {
				rt.SetImmediate(spin)
			}
		}
		rt.SetImmediate(spin)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 2 {
		t.Fatalf("%d calls", len(calls))
	}
	// The loop reads the clock just before it calls the interval, and the
	// callback stamps calls[0] a little later, so the gap may fall short
	// of 40 ms by those microseconds; counted from before the long
	// callback, it would be about 0.
	if gap := calls[1].Sub(calls[0]); gap < 35*time.Millisecond {
		t.Fatalf("the interval ran again %v after its call, want about 40 ms: counted from before the long callback", gap)
	}
}

// TestPendingAddedByAPendingRunsWithoutWaiting: a pending callback adds
// another; the poll phase must not block while it waits (libuv's
// uv_backend_timeout is 0 then), even with a timer 10 s away, so the
// second runs on the next turn, long before the timer.
func TestPendingAddedByAPendingRunsWithoutWaiting(t *testing.T) {
	var took time.Duration
	err := runNet(t, func(rt *loop.Runtime) {
		far := rt.SetTimeout(10_000, func() { t.Error("the far timer ran") })
		start := time.Now()
		rt.AddPending(func() {
			rt.AddPending(func() {
				took = time.Since(start)
				rt.ClearTimeout(far)
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if took > 5*time.Second {
		t.Fatalf("the pending callback added by a pending callback ran after %v: the poll phase waited for the timer", took)
	}
}

//step:end timers
