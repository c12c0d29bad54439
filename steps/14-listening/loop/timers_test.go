package loop

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/14-listening/js"
)

// TestTimersNeverEarlyAndInOrder sets timers with equal and different
// deadlines: they fire by deadline, equal deadlines in the order they
// were set, and none before its deadline.
func TestTimersNeverEarlyAndInOrder(t *testing.T) {
	var names strings.Builder
	runProgram(t, Config{}, func(rt *Runtime) {
		for _, tm := range []struct {
			name string
			ms   int
		}{{"a", 40}, {"b", 0}, {"c", 40}, {"d", 20}, {"e", 0}, {"f", 40}, {"g", 20}} {
			deadline := time.Now().Add(time.Duration(tm.ms) * time.Millisecond)
			rt.SetTimeout(tm.ms, func() {
				names.WriteString(tm.name)
				if early := time.Until(deadline); early > 0 {
					t.Errorf("timer %s fired %v before its deadline", tm.name, early)
				}
			})
		}
	})
	if got, want := names.String(), "bedgacf"; got != want {
		t.Fatalf("timers fired in the order %q, want %q", got, want)
	}
}

func TestClearTimeoutPreventsFiring(t *testing.T) {
	var fired []string
	runProgram(t, Config{}, func(rt *Runtime) {
		doomed := rt.SetTimeout(10, func() { fired = append(fired, "cleared") })
		rt.SetTimeout(30, func() { fired = append(fired, "kept") })
		rt.ClearTimeout(doomed)
		rt.ClearTimeout(doomed) // a second clear does nothing
		rt.ClearTimeout(nil)
	})
	if !slices.Equal(fired, []string{"kept"}) {
		t.Fatalf("fired %q, want only %q", fired, "kept")
	}
}

// TestClearTimeoutOfATimerDueInTheSamePhase clears a timer whose deadline
// has passed from the callback of the timer just before it: both were
// taken from the heap together, and the second must still not run.
func TestClearTimeoutOfATimerDueInTheSamePhase(t *testing.T) {
	var fired []string
	runProgram(t, Config{}, func(rt *Runtime) {
		var second *Timer
		rt.SetTimeout(0, func() {
			fired = append(fired, "first")
			rt.ClearTimeout(second)
		})
		second = rt.SetTimeout(0, func() { fired = append(fired, "second") })
	})
	if !slices.Equal(fired, []string{"first"}) {
		t.Fatalf("fired %q, want only %q", fired, "first")
	}
}

// TestClearedTimerDoesNotKeepTheLoopAlive clears an hour-long timer: Run
// must end at once, not in an hour (runProgram gives up long before).
func TestClearedTimerDoesNotKeepTheLoopAlive(t *testing.T) {
	runProgram(t, Config{}, func(rt *Runtime) {
		rt.ClearTimeout(rt.SetTimeout(3_600_000, func() { t.Error("the cleared timer fired") }))
	})
}

// TestIntervalRepeatsUntilCleared lets an interval fire five times and
// clear itself; each firing comes no earlier than its multiple of the
// interval.
func TestIntervalRepeatsUntilCleared(t *testing.T) {
	const every = 15 * time.Millisecond
	var times []time.Duration
	var start time.Time
	runProgram(t, Config{}, func(rt *Runtime) {
		start = time.Now()
		var iv *Timer
		iv = rt.SetInterval(int(every/time.Millisecond), func() {
			times = append(times, time.Since(start))
			if len(times) == 5 {
				rt.ClearInterval(iv)
			}
		})
	})
	if len(times) != 5 {
		t.Fatalf("the interval fired %d times, want 5", len(times))
	}
	for i, d := range times {
		if min := time.Duration(i+1) * every; d < min {
			t.Errorf("firing %d came %v after the start, before %v", i+1, d, min)
		}
	}
}

// TestIntervalClearedByAnotherTimer stops an interval from outside.
func TestIntervalClearedByAnotherTimer(t *testing.T) {
	count := 0
	runProgram(t, Config{}, func(rt *Runtime) {
		iv := rt.SetInterval(5, func() { count++ })
		rt.SetTimeout(60, func() { rt.ClearInterval(iv) })
	})
	if count < 1 || count > 12 {
		t.Fatalf("a 5 ms interval cleared at 60 ms fired %d times, want 1 to 12", count)
	}
}

// TestImmediateRunsAfterPollBeforeNextTimers: an immediate set in a
// timer callback runs in the same tick's check phase, before a 0 ms
// timer set in the same callback, which waits for the next tick's
// timers phase. An immediate set by an immediate runs in the next tick.
// (0 ms counts as 1 ms, as in Node: whether the timers set by the
// callbacks are due by the next tick's timers phase depends on the
// clock, so the order of the last three is not checked.)
func TestImmediateRunsAfterPollBeforeNextTimers(t *testing.T) {
	type event struct {
		name string
		tick int
	}
	var got []event
	note := func(rt *Runtime, name string) { got = append(got, event{name, rt.Ticks()}) }
	runProgram(t, Config{}, func(rt *Runtime) {
		rt.SetTimeout(0, func() {
			note(rt, "timer")
			rt.SetTimeout(0, func() { note(rt, "timer set by timer") })
			rt.SetImmediate(func() {
				note(rt, "immediate set by timer")
				rt.SetTimeout(0, func() { note(rt, "timer set by immediate") })
				rt.SetImmediate(func() { note(rt, "immediate set by immediate") })
			})
		})
	})
	if len(got) != 5 {
		t.Fatalf("ran %v, want 5 callbacks", got)
	}
	k := got[0].tick
	want := []event{{"timer", k}, {"immediate set by timer", k}}
	if !slices.Equal(got[:2], want) {
		t.Fatalf("ran\n%v\nwant first\n%v", got, want)
	}
	for _, e := range got[2:] {
		if e.tick <= k {
			t.Fatalf("ran\n%v\nwant the last three after tick %d", got, k)
		}
	}
}

// TestPollDoesNotWaitWhileImmediatesArePending: with an immediate
// waiting, the poll phase must not sleep until the next timer (an hour
// away); the immediate clears it, and Run ends.
func TestPollDoesNotWaitWhileImmediatesArePending(t *testing.T) {
	ran := false
	runProgram(t, Config{}, func(rt *Runtime) {
		long := rt.SetTimeout(3_600_000, func() { t.Error("the hour-long timer fired") })
		rt.SetImmediate(func() {
			ran = true
			rt.ClearTimeout(long)
		})
	})
	if !ran {
		t.Fatal("the immediate never ran")
	}
}

func TestClearImmediate(t *testing.T) {
	var got []string
	runProgram(t, Config{}, func(rt *Runtime) {
		var b *Immediate
		rt.SetImmediate(func() { got = append(got, "a"); rt.ClearImmediate(b) })
		b = rt.SetImmediate(func() { got = append(got, "b") })
		c := rt.SetImmediate(func() { got = append(got, "c") })
		rt.ClearImmediate(c)
		rt.ClearImmediate(c)
		rt.ClearImmediate(nil)
	})
	if !slices.Equal(got, []string{"a"}) {
		t.Fatalf("immediates ran as %q, want only %q", got, "a")
	}
}

// TestTimerListsRemove clears random timers in the middle of their
// lists and checks that the dead entries are swept out once they are
// half of all, and that the rest still come out by deadline, then
// sequence.
func TestTimerListsRemove(t *testing.T) {
	rt, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	base := time.Now()
	rt.clock = func() time.Time { return base }
	var all []*Timer
	for i := range 200 {
		tm := &Timer{handle: handle{rt: rt}, id: i, cb: func() {}}
		rt.arm(tm, time.Duration(1+i%7)*time.Millisecond)
		tm.start()
		all = append(all, tm)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, i := range r.Perm(200)[:100] {
		rt.ClearTimeout(all[i])
	}
	if rt.handles != 100 || rt.timers.armed() != 100 {
		t.Fatalf("after 100 clears: %d active handles, %d in the lists; want 100 and 100", rt.handles, rt.timers.armed())
	}
	if rt.timers.len() != 100 {
		t.Fatalf("the lists hold %d entries after 100 of 200 were cleared; want the dead swept out, 100", rt.timers.len())
	}
	var prev *timerEntry
	for {
		l, e, ok := rt.timers.first()
		if !ok {
			break
		}
		rt.timers.take(l)
		if !e.t.active {
			t.Fatalf("cleared timer %d came out of the lists", e.t.id)
		}
		if prev != nil && e.before(*prev) {
			t.Fatalf("timer %d came out after timer %d", e.t.id, prev.t.id)
		}
		prev = &e
	}
}

// The three regression tests below guard against the timing flaws of the
// book's original, which chapter 03 describes and fixes.

// TestTimersFireWithNoIO: a program with a timer and nothing else must
// wake up for it (the original waited forever).
func TestTimersFireWithNoIO(t *testing.T) {
	fired := false
	runProgram(t, Config{}, func(rt *Runtime) {
		rt.SetTimeout(30, func() { fired = true })
	})
	if !fired {
		t.Fatal("the timer never fired")
	}
}

// TestNearerTimerSetDuringAWait: a timer set by a callback while the loop
// has a later timer must be noticed without anything else waking the
// loop (the original slept through it until a pool task finished).
func TestNearerTimerSetDuringAWait(t *testing.T) {
	var order []string
	sleep := func(d time.Duration) func() (js.Value, error) {
		return func() (js.Value, error) { time.Sleep(d); return js.Undefined, nil }
	}
	runProgram(t, Config{}, func(rt *Runtime) {
		rt.SetTimeout(2000, func() { order = append(order, "2000 ms timer") })
		rt.QueueWork("Sleep", sleep(100*time.Millisecond), func(error, js.Value) {
			rt.SetTimeout(50, func() { order = append(order, "50 ms timer") })
		})
		rt.QueueWork("Sleep", sleep(600*time.Millisecond), func(error, js.Value) {
			order = append(order, "600 ms task")
		})
	})
	want := []string{"50 ms timer", "600 ms task", "2000 ms timer"}
	if !slices.Equal(order, want) {
		t.Fatalf("callbacks ran as %q, want %q", order, want)
	}
}

// TestNoBusyLoopBeforeATimer: the wait for a timer must not be cut short
// and repeated (the original rounded the last millisecond down to 0 and
// spun thousands of empty ticks).
func TestNoBusyLoopBeforeATimer(t *testing.T) {
	rt := runProgram(t, Config{}, func(rt *Runtime) {
		rt.SetTimeout(30, func() {})
	})
	if rt.Ticks() > 3 {
		t.Fatalf("one 30 ms timer took %d ticks; a loop that waits properly needs at most 3", rt.Ticks())
	}
}

// TestTimerListsOrderMatchesASort arms timers with random delays, many
// of them equal, on a clock that moves forward now and then, clears
// some, and checks the lists give back exactly the live timers in the
// order a stable sort gives by deadline, then, for equal deadlines, by
// when each one's delay was first used: Node's order, whose queue puts
// the older of two lists first when their heads are due together.
func TestTimerListsOrderMatchesASort(t *testing.T) {
	rt, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	now := time.Now()
	rt.clock = func() time.Time { return now }
	var want []*Timer
	deadlines := make(map[*Timer]time.Time)
	list := make(map[*Timer]int)        // the order its delay was first used in
	firstUse := map[time.Duration]int{} // delay → order of first use
	for i := range 5000 {
		if r.IntN(10) == 0 {
			now = now.Add(time.Duration(r.IntN(3)) * time.Millisecond)
		}
		tm := &Timer{handle: handle{rt: rt}, id: i, cb: func() {}}
		delay := time.Duration(1+r.IntN(20)) * time.Millisecond
		if _, ok := firstUse[delay]; !ok {
			firstUse[delay] = len(firstUse)
		}
		rt.arm(tm, delay)
		tm.start()
		deadlines[tm], list[tm] = now.Add(delay), firstUse[delay]
		if r.IntN(3) == 0 {
			rt.ClearTimeout(tm)
			continue
		}
		want = append(want, tm)
	}
	slices.SortStableFunc(want, func(a, b *Timer) int {
		if c := deadlines[a].Compare(deadlines[b]); c != 0 {
			return c
		}
		return list[a] - list[b]
	})
	for i, w := range want {
		l, e, ok := rt.timers.first()
		if !ok {
			t.Fatalf("the lists ran dry after %d of %d timers", i, len(want))
		}
		rt.timers.take(l)
		if e.t != w {
			t.Fatalf("timer %d came out %dth; want timer %d", e.t.id, i, w.id)
		}
	}
	if _, _, ok := rt.timers.first(); ok {
		t.Fatal("the lists still hold a timer after every live one came out")
	}
}

// TestABackwardClockKeepsAListInOrder arms a timer on a clock that went
// back: it goes in its list's place by deadline, not at the tail.
func TestABackwardClockKeepsAListInOrder(t *testing.T) {
	rt, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	rt.clock = func() time.Time { return now }
	a := rt.SetTimeout(10, func() {})
	now = now.Add(-5 * time.Millisecond)
	b := rt.SetTimeout(10, func() {})
	for _, w := range []*Timer{b, a} {
		l, e, ok := rt.timers.first()
		if !ok || e.t != w {
			t.Fatalf("got timer %v, want %d", e.t, w.id)
		}
		rt.timers.take(l)
	}
}

// TestRefreshThatSweepsTheLists refreshes a timer at the moment its
// old entry's death makes the dead entries half of all, so that the
// lists are swept: the old entry must go with the others, and the next
// deadline must be the refreshed one. (Counting it dead before the
// timer had its new sequence number kept the old entry as live, and
// the timer fired at its old deadline.)
func TestRefreshThatSweepsTheLists(t *testing.T) {
	rt, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	base := time.Now()
	now := base
	rt.clock = func() time.Time { return now }
	first := rt.SetTimeout(1, func() {})
	var rest []*Timer
	for range 99 {
		rest = append(rest, rt.SetTimeout(3_600_000, func() {}))
	}
	for _, tm := range rest[:63] { // 63 dead of 100: no sweep yet
		rt.ClearTimeout(tm)
	}
	now = base.Add(10 * time.Millisecond)
	first.Refresh() // the 64th dead entry, and the sweep
	if got, ok := rt.nextDeadline(); !ok || !got.Equal(now.Add(time.Millisecond)) {
		t.Fatalf("next deadline %v after the refresh; want %v", got.Sub(base), now.Add(time.Millisecond).Sub(base))
	}
	if rt.timers.len() != 37 {
		t.Fatalf("the lists hold %d entries after the sweep; want the 37 armed", rt.timers.len())
	}
}
