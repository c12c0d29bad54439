// ANCHOR: timer

package loop

import (
	"time"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/timeline"
)

// Timer is a pending SetTimeout or SetInterval. Pass it to ClearTimeout
// (or ClearInterval, which is the same) to cancel it. A Timer belongs to
// the loop thread.
type Timer struct {
	rt       *Runtime
	id       int
	deadline time.Time
	seq      uint64        // registration order, to break ties
	delay    time.Duration // the delay it was set with, which Refresh counts again
	interval time.Duration // zero for a one-shot timeout
	cb       func()
	state    timerState
	unref    bool // Unref was called: it does not keep the loop alive
	cleared  bool // ClearTimeout was called: Refresh does not bring it back
}

type timerState int

const (
	armed timerState = iota // in the heap, waiting for its deadline
	due                     // taken from the heap this timers phase, not run yet
	done                    // fired (a timeout) or cleared
)

// ID returns the timer's id, the number the trace prints for it. Ids
// are shared with pool work and watched streams and count up from 1.
// Safe from any goroutine.
func (t *Timer) ID() int { return t.id }

// ANCHOR_END: timer

// ANCHOR: settimeout

// SetTimeout runs cb on the loop thread once ms milliseconds have passed,
// never earlier. As in Node, an ms below 1 counts as 1, and so does one
// above MaxDelay, with a TimeoutOverflowWarning on stderr: so a 0 ms
// timer set after a 1 ms timer fires after it. Timers with the same
// deadline run in the order they were set. It prints the timer's id, as the
// book's trace shows. Loop thread only.
func (rt *Runtime) SetTimeout(ms int, cb func()) *Timer {
	t := rt.addTimer(rt.nodeDelay(ms), 0, cb)
	console.Printf("main", "Registered timer event id: %d", t.id)
	return t
}

// SetInterval runs cb on the loop thread every ms milliseconds until
// ClearInterval: the first time after ms, each next time ms after the
// previous call started, never earlier, as in Node; a call that runs
// long delays the next one, but never causes a burst of calls to catch
// up. The delay follows SetTimeout's rules (below 1 or above MaxDelay:
// 1 ms). A runtime with an interval that is never cleared runs forever.
// Loop thread only.
func (rt *Runtime) SetInterval(ms int, cb func()) *Timer {
	every := rt.nodeDelay(ms)
	return rt.addTimer(every, every, cb)
}

// ClearTimeout cancels t: its callback will not run (again), even if its
// deadline has passed and it is waiting its turn in this very timers
// phase. Clearing a timer that has fired or was cleared, or a nil one,
// does nothing. Loop thread only.
func (rt *Runtime) ClearTimeout(t *Timer) {
	if t == nil {
		return
	}
	t.cleared = true
	if t.state == done {
		return
	}
	wasArmed := t.state == armed
	t.state = done
	if wasArmed {
		rt.timers.cleared() // its entry stays until the heap sweeps it
	}
	rt.let(t.unref)
}

// ClearInterval cancels an interval. It is ClearTimeout under Node's
// other name; as in Node, either clears either kind. Loop thread only.
func (rt *Runtime) ClearInterval(t *Timer) { rt.ClearTimeout(t) }

func (rt *Runtime) addTimer(after, interval time.Duration, cb func()) *Timer {
	t := &Timer{rt: rt, id: rt.newID(), delay: after, interval: interval, cb: cb}
	rt.arm(t, time.Now().Add(after))
	rt.active++
	return t
}

// ANCHOR_END: settimeout

// ANCHOR: timersphase

// arm puts t in the heap with the given deadline, behind every timer
// already there with the same deadline.
func (rt *Runtime) arm(t *Timer, deadline time.Time) {
	rt.timerSeq++
	t.deadline, t.seq, t.state = deadline, rt.timerSeq, armed
	rt.timers.push(timerEntry{when: rt.timers.key(deadline), seq: t.seq, t: t})
}

// runTimers is the timers phase. It first takes every timer that is due
// now, earliest first, and only then runs them, as libuv does: a timer
// set by one of these callbacks waits for a later tick even if its
// deadline has already passed. An interval is put back in the heap
// before its callback runs, so the callback may clear it.
func (rt *Runtime) runTimers() {
	if _, ok := rt.timers.top(); !ok {
		return // no timer: no need to read the clock
	}
	now := rt.timers.key(time.Now())
	var ready []*Timer
	for {
		e, ok := rt.timers.top()
		if !ok || e.when > now {
			break
		}
		rt.timers.popTop()
		e.t.state = due
		ready = append(ready, e.t)
	}
	for _, t := range ready {
		if t.state != due {
			continue // cleared by a callback that ran before it
		}
		if t.interval > 0 {
			rt.arm(t, time.Now().Add(t.interval))
		} else {
			t.state = done
			rt.let(t.unref)
		}
		timeline.Mark("main", timeline.TimerFire, t.id)
		rt.invoke(t.cb)
	}
}

// nextDeadline returns the earliest timer's deadline; ok is false when no
// timer is armed.
func (rt *Runtime) nextDeadline() (deadline time.Time, ok bool) {
	e, ok := rt.timers.top()
	if !ok {
		return time.Time{}, false
	}
	return rt.timers.time(e.when), true
}

// ANCHOR_END: timersphase

// ANCHOR: immediate

// Immediate is a pending SetImmediate. Pass it to ClearImmediate to
// cancel it. An Immediate belongs to the loop thread.
type Immediate struct {
	rt      *Runtime
	cb      func()
	cleared bool
	ran     bool
	unref   bool // Unref was called: it does not keep the loop alive
}

// SetImmediate runs cb on the loop thread in the check phase, right after
// the poll phase of the current tick (or of the first tick, when called
// by the program). Immediates run in the order they were set; one set by
// an immediate runs in the next tick, as in Node. While an immediate is
// waiting, the poll phase does not block. Loop thread only.
func (rt *Runtime) SetImmediate(cb func()) *Immediate {
	im := &Immediate{rt: rt, cb: cb}
	rt.immediates = append(rt.immediates, im)
	rt.active++
	return im
}

// ClearImmediate cancels im if it has not run. Clearing one that has run
// or was cleared, or a nil one, does nothing. Loop thread only.
func (rt *Runtime) ClearImmediate(im *Immediate) {
	if im == nil || im.cleared || im.ran {
		return
	}
	im.cleared = true
	rt.let(im.unref)
}

// runImmediates is the check phase: it runs the immediates that were set
// before it started.
func (rt *Runtime) runImmediates() {
	batch := rt.immediates
	rt.immediates = nil
	for _, im := range batch {
		if im.cleared {
			continue
		}
		im.ran = true
		rt.let(im.unref)
		timeline.Mark("main", timeline.Callback, 0)
		rt.invoke(im.cb)
	}
}

// ANCHOR_END: immediate
