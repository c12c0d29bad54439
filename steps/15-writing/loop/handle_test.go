package loop

import (
	"net"
	"runtime"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/15-writing/js"
)

// TestHandlesCountOnlyThemselves starts one handle of each kind and a
// request, and checks what each Ref, Unref, clear, close or run does to
// the counts: each moves rt.handles by its own handle only, and only
// while that handle is active; a request counts in rt.reqs.
func TestHandlesCountOnlyThemselves(t *testing.T) {
	runProgram(t, Config{}, func(rt *Runtime) {
		// reqs < 0: whatever pool work is in flight.
		expect := func(what string, handles, reqs int) {
			t.Helper()
			if rt.handles != handles || reqs >= 0 && rt.reqs != reqs {
				t.Errorf("%s: %d handles, %d requests; want %d and %d", what, rt.handles, rt.reqs, handles, reqs)
			}
		}
		expect("at the start", 0, 0)
		tm := rt.SetTimeout(50, func() {})
		im := rt.SetImmediate(func() {})
		srv, err := rt.Listen("127.0.0.1:0", func(err error, c *Conn) {})
		if err != nil {
			t.Error(err)
			return
		}
		expect("a timer, an immediate and a server", 3, 0)
		rt.QueueWork("nothing", func() (js.Value, error) { return js.Undefined, nil }, func(error, js.Value) {})
		expect("and a request", 3, 1)
		tm.Unref().Unref()
		expect("the timer unref'd twice", 2, 1)
		srv.Unref()
		expect("the server unref'd", 1, 1)
		srv.Ref()
		tm.Ref()
		expect("both ref'd again", 3, 1)
		rt.ClearImmediate(im)
		rt.ClearImmediate(im)
		expect("the immediate cleared twice", 2, 1)
		im.Unref().Ref()
		expect("an inactive handle ref'd and unref'd", 2, 1)
		rt.ClearTimeout(tm)
		tm.Refresh()
		expect("the timer cleared, then refreshed (it stays cleared)", 1, 1)

		// An idle connection (neither reading nor writing) is inactive:
		// Unref and Ref on it leave every count alone, and reading
		// makes it count.
		rt.Connect(srv.Addr(), func(err error, c *Conn) {
			if err != nil {
				t.Error(err)
				return
			}
			expect("the server and an idle connection", 1, -1)
			c.Unref()
			expect("the idle connection unref'd", 1, -1)
			c.Ref()
			c.ReadStart(func(error, []byte) {})
			expect("the connection reading", 2, -1)
			c.Unref()
			expect("the reading connection unref'd", 1, -1)
			c.Close(nil)
			srv.Close(nil)
			expect("both closed", 0, -1)
		})
		expect("the server and a connection connecting", 2, 1)
	})
}

// TestUnrefdServerLetsTheLoopEnd runs a program whose only handle is an
// unref'd server: the loop must end at once, as Node's does.
func TestUnrefdServerLetsTheLoopEnd(t *testing.T) {
	rt := runProgram(t, Config{}, func(rt *Runtime) {
		srv, err := rt.Listen("127.0.0.1:0", func(error, *Conn) {})
		if err != nil {
			t.Error(err)
			return
		}
		srv.Unref()
	})
	if rt.Ticks() != 0 {
		t.Fatalf("the loop made %d ticks with only an unref'd server; want none", rt.Ticks())
	}
}

// TestCloseCallbackRunsAfterCheck closes a server in a timer's callback
// and sets an immediate there too: the close callback runs in the close
// phase of the same tick, after the immediate (the check phase), as
// libuv's uv_close and Node's 'close' event.
func TestCloseCallbackRunsAfterCheck(t *testing.T) {
	var order []string
	var ticks []int
	runProgram(t, Config{}, func(rt *Runtime) {
		srv, err := rt.Listen("127.0.0.1:0", func(error, *Conn) {})
		if err != nil {
			t.Error(err)
			return
		}
		rt.SetTimeout(1, func() {
			srv.Close(func() { order = append(order, "close"); ticks = append(ticks, rt.Ticks()) })
			rt.SetImmediate(func() { order = append(order, "immediate"); ticks = append(ticks, rt.Ticks()) })
			rt.NextTick(func() { order = append(order, "nextTick"); ticks = append(ticks, rt.Ticks()) })
		})
	})
	if got, want := order, []string{"nextTick", "immediate", "close"}; !equal(got, want) || ticks[1] != ticks[2] {
		t.Fatalf("ran %q in ticks %v; want %q, the last two in one tick", got, ticks, want)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPollTimeoutCountsFromTheLoopTime arms a timer 10 ms after a fixed
// time and sets the loop's time 4 ms later: the poll timeout is the 6 ms
// left by the loop's time, not by the clock.
func TestPollTimeoutCountsFromTheLoopTime(t *testing.T) {
	rt, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	base := time.Now().Add(-time.Hour) // an hour ago: by the clock, long due
	rt.clock = func() time.Time { return base }
	rt.SetTimeout(10, func() {})
	rt.now = base.Add(4 * time.Millisecond)
	if got := rt.pollTimeout(); got != 6*time.Millisecond {
		t.Fatalf("poll timeout = %v; want 6ms, counted from the loop's time", got)
	}
}

// TestClockReadOncePerTickWithoutWaits runs 50 immediates one after
// another, whose ticks never wait (timeout 0). With a timer armed, the
// clock is read once per tick, at its start, and not again after a wait
// that could not block; with none, only the timers would read it, so it
// is read once, before the program, and never by a tick.
func TestClockReadOncePerTickWithoutWaits(t *testing.T) {
	for _, withTimer := range []bool{false, true} {
		rt, err := New(Config{})
		if err != nil {
			t.Fatal(err)
		}
		reads := 0
		rt.clock = func() time.Time { reads++; return time.Now() }
		err = runWithLimit(t, rt, func(rt *Runtime) {
			if withTimer {
				rt.SetTimeout(3_600_000, func() {}).Unref() // its SetTimeout reads the clock once
			}
			n := 0
			var next func()
			next = func() {
				if n++; n < 50 {
					rt.SetImmediate(next)
				}
			}
			rt.SetImmediate(next)
		})
		if err != nil {
			t.Fatal(err)
		}
		want := 1 // before the program
		if withTimer {
			want += 1 + rt.Ticks() // the SetTimeout, then one per tick
		}
		if reads != want {
			t.Errorf("with a timer armed %v: the clock was read %d times in %d ticks; want %d", withTimer, reads, rt.Ticks(), want)
		}
	}
}

// TestConnectNeverBlocksTheLoop connects to a listener whose queue is
// full, so the kernel drops the SYN and the connect takes a second or
// more: Connect must return at once, and a timer set after it must fire
// while it connects.
func TestConnectNeverBlocksTheLoop(t *testing.T) {
	addr, release := fullListener(t)
	var order []string
	var took time.Duration
	runProgram(t, Config{}, func(rt *Runtime) {
		start := time.Now()
		rt.Connect(addr, func(err error, c *Conn) {
			order = append(order, "connected")
			if c != nil {
				c.Close(nil)
			}
		})
		took = time.Since(start)
		rt.SetTimeout(50, func() {
			order = append(order, "timer")
			release()
		})
	})
	if took > 100*time.Millisecond {
		t.Errorf("Connect took %v; it must not wait for the connection", took)
	}
	if want := []string{"timer", "connected"}; !equal(order, want) {
		t.Fatalf("callbacks ran as %q, want %q", order, want)
	}
}

// fullListener returns the address of a listener whose accept queue is
// full, so that a further connect waits (Linux drops its SYN), and a
// function that accepts what waits, letting that connect through.
func fullListener(t *testing.T) (string, func()) {
	t.Helper()
	ln, err := listenBacklog0()
	if err != nil {
		t.Skipf("cannot make a listener with a full queue here: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	var fillers []net.Conn
	t.Cleanup(func() {
		for _, c := range fillers {
			c.Close()
		}
	})
	for range 2 { // backlog 0 holds one; the second makes sure
		c, err := net.DialTimeout("tcp", ln.Addr().String(), 200*time.Millisecond)
		if err != nil {
			break
		}
		fillers = append(fillers, c)
	}
	release := func() {
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				t.Cleanup(func() { c.Close() })
			}
		}()
	}
	return ln.Addr().String(), release
}

// TestAChainOfImmediatesAllocatesOnlyTheImmediates runs chains of 100 and
// of 2,100 immediates and counts the heap allocations of the extra 2,000:
// one each, the Immediate itself. The check phase's queue is two slices
// that take turns, so a tick allocates no queue.
func TestAChainOfImmediatesAllocatesOnlyTheImmediates(t *testing.T) {
	mallocs := func(n int) uint64 {
		rt, err := New(Config{})
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err = rt.Run(func() {
			i := 0
			var next func()
			next = func() {
				if i++; i < n {
					rt.SetImmediate(next)
				}
			}
			rt.SetImmediate(next)
		})
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		return after.Mallocs - before.Mallocs
	}
	small, big := mallocs(100), mallocs(2_100)
	if per := float64(big-small) / 2_000; per > 1.2 {
		t.Errorf("%.2f allocations per immediate (%d for 100, %d for 2,100); want one, the Immediate", per, small, big)
	}
}
