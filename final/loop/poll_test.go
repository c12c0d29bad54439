package loop

import (
	"net"     //step:one-thread
	"runtime" //step:one-thread
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/js" //step:timers
)

// TestTimerUnderAMillisecond sets a timer 300 µs away, less than the
// millisecond epoll_wait counts in. Poll rounds the wait up to 1 ms, so
// the timer fires after its deadline, never before, and the loop gets
// there in a tick or two; rounding down would make the wait 0, and the
// loop would spin through tick after tick until the deadline passed.
func TestTimerUnderAMillisecond(t *testing.T) {
	const after = 300 * time.Microsecond
	var set time.Time
	var late time.Duration = -1
	rt := runProgram(t, Config{}, func(rt *Runtime) {
		set = time.Now()
		rt.addTimer(after, 0, func() { late = time.Since(set) - after }) //step:timers
		//step:before timers
		// rt.addTimer(after, func() { late = time.Since(set) - after })
		//step:end timers
	})
	if late < 0 {
		t.Fatalf("the timer fired %v before its deadline (or never)", -late)
	}
	if rt.Ticks() > 3 {
		t.Fatalf("a timer 300 µs away took %d ticks: the wait was rounded down, and the loop spun", rt.Ticks())
	}
	t.Logf("fired %v after its deadline, in %d ticks", late, rt.Ticks())
}

//step:begin timers

// TestOnlyPoolWorkWaitsForever has nothing pending but pool work: the
// poll phase waits with no timeout, and the pool's wake ends the wait in
// one tick, not a tick per timeout.
func TestOnlyPoolWorkWaitsForever(t *testing.T) {
	rt := runProgram(t, Config{PoolSize: 1}, func(rt *Runtime) {
		if got := rt.pollTimeout(); got != 0 {
			t.Errorf("pollTimeout with nothing pending = %v, want 0", got)
		}
		rt.QueueWork("Sleep", func() (js.Value, error) {
			time.Sleep(200 * time.Millisecond)
			return js.Value{}, nil
		}, func(error, js.Value) {})
		if got := rt.pollTimeout(); got != -1 {
			t.Errorf("pollTimeout with only pool work = %v, want -1 (forever)", got)
		}
		rt.SetImmediate(func() {})
		if got := rt.pollTimeout(); got != 0 {
			t.Errorf("pollTimeout with an immediate = %v, want 0", got)
		}
	})
	if rt.Ticks() > 3 {
		t.Fatalf("a 200 ms task took %d ticks; the wait for it should be one", rt.Ticks())
	}
}

//step:end timers
//step:begin one-thread
//step:begin streams

// TestNoThreadForTheQueue counts goroutines while a program runs with a
// stream watched: at most Run's own and one per pool thread, and none
// for the event queue, which the loop thread waits in itself. (With a
// poller goroutine, as before, it fails: one too many.)
func TestNoThreadForTheQueue(t *testing.T) {
	const poolSize = 2
	before := runtime.NumGoroutine()
	runProgram(t, Config{PoolSize: poolSize}, func(rt *Runtime) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Error(err)
			return
		}
		defer ln.Close()
		rt.Connect(ln.Addr().String(), func(err error, c *Conn) {
			if err != nil {
				t.Error(err)
				return
			}
			c.ReadStart(func(error, []byte) { c.Close(nil) })
		})
		peer, err := ln.Accept()
		if err != nil {
			t.Error(err)
			return
		}
		defer peer.Close()
		peer.Write([]byte("x"))
		// At most: a goroutine another test left may end meanwhile.
		if got, want := runtime.NumGoroutine(), before+1+poolSize; got > want {
			t.Errorf("%d goroutines while the program runs, want at most %d: the one running Run and %d pool threads",
				got, want, poolSize)
		}
	})
}

//step:end streams
//step:end one-thread
