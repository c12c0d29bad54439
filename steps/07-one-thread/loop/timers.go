// ANCHOR: timer

package loop

import (
	"time"

	"github.com/nodeexperiment/gonode/steps/07-one-thread/console"
)

// Timer is a pending SetTimeout. A Timer belongs to the loop thread.
type Timer struct {
	handle        // active while armed
	id     int    // the number the trace prints
	seq    uint64 // registration order, to break ties
	cb     func() // what runs when it fires
}

// ID returns the timer's id, the number the trace prints for it. Ids
// are shared with pool work and watched streams and count up from 1.
// Safe from any goroutine.
func (t *Timer) ID() int { return t.id }

// ANCHOR_END: timer

// ANCHOR: settimeout

// SetTimeout runs cb on the loop thread once ms milliseconds have passed,
// never earlier. Timers with the same deadline run in the order they
// were set. It prints the timer's id, as the book's trace shows. Loop
// thread only.
func (rt *Runtime) SetTimeout(ms int, cb func()) *Timer {
	t := rt.addTimer(time.Duration(ms)*time.Millisecond, cb)
	console.Printf("main", "Registered timer event id: %d", t.id)
	return t
}

func (rt *Runtime) addTimer(after time.Duration, cb func()) *Timer {
	t := &Timer{handle: handle{rt: rt}, id: rt.newID(), cb: cb}
	rt.arm(t, rt.timeNow().Add(after))
	t.start()
	return t
}

// ANCHOR_END: settimeout

// ANCHOR: timersphase

// arm puts t in the heap with the given deadline, behind every timer
// already there with the same deadline.
func (rt *Runtime) arm(t *Timer, deadline time.Time) {
	rt.timerSeq++
	t.seq = rt.timerSeq
	rt.timers.push(timerEntry{when: rt.timers.key(deadline), seq: t.seq, t: t})
}

// runTimers is the timers phase. It takes the timers due at the loop's
// time, earliest first, and runs each as it takes it, as Node's
// processTimers does with its lists: a million due timers cost no second
// pass and no list of them. A timer set by one of these callbacks waits
// for a later tick, for its deadline is after the loop's time.
func (rt *Runtime) runTimers() {
	now := rt.timers.key(rt.now)
	for {
		e, ok := rt.timers.top()
		if !ok || e.when > now {
			break
		}
		rt.timers.popTop()
		t := e.t
		cb := t.cb
		t.stop()
		// ANCHOR: timermark
		// ANCHOR_END: timermark
		rt.invoke(cb)
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
