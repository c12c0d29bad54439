package main

import (
	"io"
	"os"
	"runtime"
	"testing"
	"time"
)

// ANCHOR: run-program

// runProgram runs program on a new runtime and fails the test if the run
// does not end within a generous limit (a hang is what the original's
// first timing flaw looked like).
func runProgram(t *testing.T, program func()) *Runtime {
	t.Helper()
	rt, err := NewRuntime()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- rt.Run(program) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the runtime did not finish within 20 s")
	}
	return rt
}

// ANCHOR_END: run-program

// ANCHOR: no-io

// TestTimersFireWithNoIO guards against the original's first flaw: its
// epoll thread could start waiting with no timeout before the main thread
// had computed one, so a program with timers and no I/O never woke up
// (book-exploring-async-basics#61).
func TestTimersFireWithNoIO(t *testing.T) {
	var firedAfter time.Duration
	start := time.Now()
	runProgram(t, func() {
		SetTimeout(30, func(Js) { firedAfter = time.Since(start) })
	})
	if firedAfter < 30*time.Millisecond {
		t.Fatalf("a 30 ms timer fired after %v", firedAfter)
	}
}

// ANCHOR_END: no-io

// ANCHOR: stale

// TestNearerTimerSetDuringAWait guards against the second flaw: the
// original's epoll thread read the timeout once per wait, so a timer set
// while it waited (here by a callback at about 100 ms, due at about
// 150 ms) was not noticed until something else woke the loop (here a pool
// task at about 600 ms).
func TestNearerTimerSetDuringAWait(t *testing.T) {
	var order []string
	sleepTask := func(d time.Duration) func() Js {
		return func() Js { time.Sleep(d); return Undefined }
	}
	runProgram(t, func() {
		SetTimeout(2000, func(Js) { order = append(order, "2000 ms timer") })
		current.registerEventThreadpool(sleepTask(100*time.Millisecond), FileRead, func(Js) {
			SetTimeout(50, func(Js) { order = append(order, "50 ms timer") })
		})
		current.registerEventThreadpool(sleepTask(600*time.Millisecond), FileRead, func(Js) {
			order = append(order, "600 ms task")
		})
	})
	want := []string{"50 ms timer", "600 ms task", "2000 ms timer"}
	if len(order) != 3 || order[0] != want[0] || order[1] != want[1] || order[2] != want[2] {
		t.Fatalf("callbacks ran as %q, want %q", order, want)
	}
}

// ANCHOR_END: stale

// ANCHOR: busy-spin

// TestNoBusyLoopBeforeATimer guards against the third flaw: the original
// truncated the time left to whole milliseconds, so in the last
// millisecond before a deadline it waited 0 ms again and again, one empty
// tick per wait (thousands in the traces of the original).
func TestNoBusyLoopBeforeATimer(t *testing.T) {
	rt := runProgram(t, func() {
		SetTimeout(30, func(Js) {})
	})
	if rt.ticks > 3 {
		t.Fatalf("one 30 ms timer took %d ticks; a loop that waits properly needs at most 3", rt.ticks)
	}
}

// ANCHOR_END: busy-spin

// ANCHOR: sub-ms

func TestNextTimeoutKeepsSubMillisecondWaits(t *testing.T) {
	rt := &Runtime{}
	if _, ok := rt.nextTimeout(); ok {
		t.Fatal("no timers, but nextTimeout gave a bound")
	}
	rt.timers.add(time.Now().Add(800*time.Microsecond), 1)
	if wait, ok := rt.nextTimeout(); !ok || wait <= 0 {
		t.Fatalf("a timer 800µs away gave a wait of %v (ok=%v); rounding it down to 0 spins", wait, ok)
	}
	rt = &Runtime{}
	rt.timers.add(time.Now().Add(-time.Second), 1)
	if wait, ok := rt.nextTimeout(); !ok || wait != 0 {
		t.Fatalf("an overdue timer gave %v, %v; want 0, true", wait, ok)
	}
}

// ANCHOR_END: sub-ms

// ANCHOR: order

func TestTimersNeverFireEarlyAndKeepOrder(t *testing.T) {
	type fired struct {
		name string
		late time.Duration // how long after its deadline it ran
	}
	var got []fired
	runProgram(t, func() {
		for _, tm := range []struct {
			name string
			ms   int
		}{{"a", 40}, {"b", 0}, {"c", 40}, {"d", 20}, {"e", 0}, {"f", 40}} {
			deadline := time.Now().Add(time.Duration(tm.ms) * time.Millisecond)
			SetTimeout(tm.ms, func(Js) { got = append(got, fired{tm.name, time.Since(deadline)}) })
		}
	})
	var names string
	for _, f := range got {
		names += f.name
		if f.late < 0 {
			t.Errorf("timer %s fired %v before its deadline", f.name, -f.late)
		}
	}
	if names != "bedacf" {
		t.Fatalf("timers fired in the order %q, want %q (by deadline, then as registered)", names, "bedacf")
	}
}

// ANCHOR_END: order

// ANCHOR: heap-order

func TestTimerHeapOrder(t *testing.T) {
	var h timerHeap
	base := time.Now()
	for i := range 100 {
		h.add(base.Add(time.Duration(i%3)*time.Millisecond), i)
	}
	prev := timer{deadline: base.Add(-time.Hour)}
	for h.Len() > 0 {
		next := h.popFirst()
		if next.deadline.Before(prev.deadline) || next.deadline.Equal(prev.deadline) && next.seq < prev.seq {
			t.Fatalf("timer %d (seq %d) came after timer %d (seq %d)", next.callbackID, next.seq, prev.callbackID, prev.seq)
		}
		prev = next
	}
}

// ANCHOR_END: heap-order

// ANCHOR: shutdown

// TestShutdownJoinsEveryThread checks that no goroutine (and so no locked
// OS thread) outlives Run.
func TestShutdownJoinsEveryThread(t *testing.T) {
	before := runtime.NumGoroutine()
	runProgram(t, func() {
		current.registerEventThreadpool(func() Js { return JsInt(fibonacci(20)) }, Encrypt, func(Js) {})
		SetTimeout(10, func(Js) {})
	})
	for i := 0; runtime.NumGoroutine() > before; i++ {
		if i == 200 {
			t.Fatalf("%d goroutines before the run, %d after", before, runtime.NumGoroutine())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ANCHOR_END: shutdown

// captureStdout returns what f prints on standard output.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = saved }()
	f()
	w.Close()
	b, _ := io.ReadAll(r)
	return string(b)
}
