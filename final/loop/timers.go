// ANCHOR: timer

package loop

import (
	"fmt" //step:timers
	"time"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/timeline" //step:watching
)

//step:before timers
// // Timer is a pending SetTimeout. A Timer belongs to the loop thread.
// type Timer struct {
//step:end timers
//step:begin timers

// Timer is a pending SetTimeout or SetInterval. Pass it to ClearTimeout
// (or ClearInterval, which is the same) to cancel it. A Timer belongs to
// the loop thread.
type Timer struct {
	//step:end timers
	handle // active while armed or due //step:timers
	//step:before timers
	// handle // active while armed
	//step:end timers
	id       int           // the number the trace prints
	seq      uint64        // registration order, to break ties
	delay    time.Duration // the delay it was set with, which Refresh counts again //step:timers
	interval time.Duration // zero for a one-shot timeout //step:timers
	cb       func()        // nil once cleared //step:timers
	//step:before timers
	// cb func() // what runs when it fires
	//step:end timers
	state timerState // where an active timer is //step:timers
}

//step:begin timers

type timerState int

const (
	armed timerState = iota // in its list, waiting for its deadline
	due                     // taken from its list this timers phase, not run yet
)

//step:end timers

// ID returns the timer's id, the number the trace prints for it. Ids
// are shared with pool work and watched streams and count up from 1.
// Safe from any goroutine.
func (t *Timer) ID() int { return t.id }

// ANCHOR_END: timer

// ANCHOR: settimeout

//step:before timers
// // SetTimeout runs cb on the loop thread once ms milliseconds have passed,
// // never earlier. Timers with the same deadline run in the order they
// // were set. It prints the timer's id, as the book's trace shows. Loop
// // thread only.
// func (rt *Runtime) SetTimeout(ms int, cb func()) *Timer {
// 	t := rt.addTimer(time.Duration(ms)*time.Millisecond, cb)
//step:end timers
//step:begin timers

// SetTimeout runs cb on the loop thread once ms milliseconds have passed,
// never earlier. As in Node, an ms below 1 counts as 1, and so does one
// above MaxDelay, with a TimeoutOverflowWarning on stderr: so a 0 ms
// timer set after a 1 ms timer fires after it. Timers with the same
// deadline run in the order they were set. It prints the timer's id, as
// the book's trace shows. Loop thread only.
func (rt *Runtime) SetTimeout(ms int, cb func()) *Timer {
	t := rt.addTimer(rt.nodeDelay(ms), 0, cb)
	//step:end timers
	console.Printd("main", "Registered timer event id: %d", t.id)
	return t
}

//step:begin timers

// SetInterval runs cb on the loop thread every ms milliseconds until
// ClearInterval: the first time after ms, each next time ms after the
// previous call started, never earlier, as in Node; a call that runs
// long delays the next one, but never causes a burst of calls to catch
// up. The delay follows SetTimeout's rules. A runtime with an interval
// that is never cleared runs forever. Loop thread only.
func (rt *Runtime) SetInterval(ms int, cb func()) *Timer {
	every := rt.nodeDelay(ms)
	return rt.addTimer(every, every, cb)
}

// ClearTimeout cancels t: its callback will not run (again), even if its
// deadline has passed and it is waiting its turn in this very timers
// phase, and Refresh no longer brings it back. Clearing a timer that has
// fired or was cleared, or a nil one, does nothing. Loop thread only.
func (rt *Runtime) ClearTimeout(t *Timer) {
	if t == nil {
		return
	}
	t.cb = nil
	wasArmed := t.active && t.state == armed
	t.stop()
	if wasArmed {
		rt.timers.cleared() // its entry stays until the lists are swept
	}
}

// ClearInterval cancels an interval. It is ClearTimeout under Node's
// other name; as in Node, either clears either kind. Loop thread only.
func (rt *Runtime) ClearInterval(t *Timer) { rt.ClearTimeout(t) }

//step:end timers
//step:before timers
// func (rt *Runtime) addTimer(after time.Duration, cb func()) *Timer {
// 	t := &Timer{handle: handle{rt: rt}, id: rt.newID(), cb: cb}
//step:end timers
//step:begin timers

func (rt *Runtime) addTimer(after, interval time.Duration, cb func()) *Timer {
	t := &Timer{handle: handle{rt: rt}, id: rt.newID(), delay: after, interval: interval, cb: cb}
	//step:end timers
	rt.arm(t, after)
	t.start()
	return t
}

// ANCHOR_END: settimeout

//step:begin timers
// ANCHOR: timerref

// Ref makes the timer keep the loop alive again (the default). It returns
// t. Loop thread only.
func (t *Timer) Ref() *Timer { t.handle.Ref(); return t }

// Unref lets the loop end while the timer is pending: it still fires if
// the loop is alive for another reason when it is due. It returns t.
// Loop thread only.
func (t *Timer) Unref() *Timer { t.handle.Unref(); return t }

// Refresh restarts the timer: its deadline becomes its delay counted
// from now, and it keeps its identity, as Node's timeout.refresh and
// libuv's uv_timer_again. A timeout that has fired is armed again; a
// cleared timer stays cleared. It returns t. Loop thread only.
func (t *Timer) Refresh() *Timer {
	if t.cb == nil {
		return t
	}
	rt := t.rt
	wasArmed := t.active && t.state == armed
	// A due timer, taken out of its list by this timers phase, is armed
	// again; runTimers skips it.
	rt.arm(t, t.delay)
	t.start()
	if wasArmed {
		rt.timers.cleared() // the old entry is dead: its seq is no longer t's
	}
	return t
}

// ANCHOR_END: timerref
//step:end timers

// ANCHOR: timersphase

// arm puts t at the tail of the list for its delay, after, with the
// deadline after from now.
func (rt *Runtime) arm(t *Timer, after time.Duration) {
	rt.timerSeq++
	t.seq, t.state = rt.timerSeq, armed //step:timers
	//step:before timers
	// t.seq = rt.timerSeq
	//step:end timers
	rt.timers.push(after, timerEntry{when: rt.timers.key(rt.timeNow().Add(after)), seq: t.seq, t: t})
}

//step:before timers
// // runTimers is the timers phase, as Node's processTimers and
// // listOnTimeout run it. It takes the list whose head is earliest, runs
// // that list's timers that are due at the loop's time, each as it takes
// // it, then goes on to the next list, until no list's head is due. So
// // the timers of one list run together, even past a timer of another
// // list that was due between them, as in Node. A timer set by one of
// // these callbacks waits for a later tick, for its deadline is after the
// // loop's time.
// func (rt *Runtime) runTimers() {
//step:end timers
//step:begin timers

// runTimers is the timers phase, as Node's processTimers and
// listOnTimeout run it. It takes the list whose head is earliest, runs
// that list's timers that are due at the loop's time, each as it takes
// it, then goes on to the next list, until no list's head is due: a
// million due timers cost no second pass and no list of them. So the
// timers of one list run together, even past a timer of another list
// that was due between them, as in Node. A timer set by one of these
// callbacks waits for a later tick, for its deadline is at least 1 ms
// after the loop's time; one cleared or refreshed by an earlier callback
// is no longer in its place. An interval is put back in its list before
// its callback runs, so the callback may clear it.
func (rt *Runtime) runTimers() {
	//step:end timers
	now := rt.timers.key(rt.now)
	for {
		l, e, ok := rt.timers.first()
		if !ok || e.when > now {
			break
		}
		for {
			rt.timers.take(l)
			t := e.t
			cb := t.cb
			//step:begin timers
			if t.interval > 0 {
				rt.arm(t, t.interval)
			} else {
				t.stop()
			}
			//step:end timers
			//step:before timers
			// t.stop()
			//step:end timers
			// ANCHOR: timermark
			timeline.Mark("main", timeline.TimerFire, t.id) //step:watching
			// ANCHOR_END: timermark
			rt.invoke(cb)
			if e, ok = rt.timers.head(l); !ok {
				break
			}
			if e.when > now {
				rt.timers.renew(l)
				break
			}
		}
	}
}

// nextDeadline returns the earliest timer's deadline; ok is false when no
// timer is armed.
func (rt *Runtime) nextDeadline() (deadline time.Time, ok bool) {
	_, e, ok := rt.timers.first()
	if !ok {
		return time.Time{}, false
	}
	return rt.timers.time(e.when), true
}

// ANCHOR_END: timersphase

//step:begin timers
// ANCHOR: nodedelay

// MaxDelay is the longest delay, in milliseconds, SetTimeout and
// SetInterval take: 2^31−1, Node's TIMEOUT_MAX, which it took from the
// browsers (libuv's uv_timer_start itself takes a 64-bit timeout).
const MaxDelay = 1<<31 - 1

// nodeDelay is Node's rule for a delay: below 1, or above MaxDelay, it is
// 1 ms; above MaxDelay Node also prints a TimeoutOverflowWarning. (Node
// also makes NaN 1 ms; an int cannot be NaN.)
func (rt *Runtime) nodeDelay(ms int) time.Duration {
	switch {
	case ms > MaxDelay:
		rt.warn("TimeoutOverflowWarning", fmt.Sprintf(
			"%d does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.", ms))
		return time.Millisecond
	case ms < 1:
		return time.Millisecond
	}
	return time.Duration(ms) * time.Millisecond
}

// ANCHOR_END: nodedelay
//step:end timers
