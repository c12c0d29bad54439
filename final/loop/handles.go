// ANCHOR: refcount

package loop

import (
	"fmt"
	"time"
)

// This file is Node's handles: what keeps the loop alive. A timer, an
// interval, an immediate, a server or a connection that is pending counts
// in rt.active, and the loop runs while rt.active > 0 (libuv's
// uv__loop_alive). Unref takes a pending handle out of that count without
// cancelling it: it still runs if the loop is alive for another reason,
// but it no longer keeps the loop alive by itself. Ref puts it back.

// hold counts a handle that becomes pending, unless it is unref'd.
func (rt *Runtime) hold(unref bool) {
	if !unref {
		rt.active++
	}
}

// let uncounts a handle that stops being pending, unless it is unref'd.
func (rt *Runtime) let(unref bool) {
	if !unref {
		rt.active--
	}
}

// setRef makes a handle ref'd or unref'd, moving it in or out of the
// count if it is pending.
func (rt *Runtime) setRef(unref *bool, ref, isPending bool) {
	if *unref == !ref {
		return
	}
	*unref = !ref
	if isPending {
		if ref {
			rt.active++
		} else {
			rt.active--
		}
	}
}

// ANCHOR_END: refcount

// ANCHOR: timerref

// Ref makes the timer keep the loop alive again (the default). It returns
// t. Loop thread only.
func (t *Timer) Ref() *Timer { t.rt.setRef(&t.unref, true, t.state != done); return t }

// Unref lets the loop end while the timer is pending: it still fires if
// the loop is alive for another reason when it is due. It returns t.
// Loop thread only.
func (t *Timer) Unref() *Timer { t.rt.setRef(&t.unref, false, t.state != done); return t }

// HasRef reports whether the timer keeps the loop alive while pending.
// Loop thread only.
func (t *Timer) HasRef() bool { return !t.unref }

// Refresh restarts the timer: its deadline becomes its delay counted
// from now, and it keeps its identity, as Node's timeout.refresh and
// libuv's uv_timer_again. A timeout that has fired is armed again; a
// cleared timer stays cleared. It returns t. Loop thread only.
func (t *Timer) Refresh() *Timer {
	if t.cleared {
		return t
	}
	rt := t.rt
	switch t.state {
	case armed:
		rt.timers.cleared() // the old entry is dead: its seq is no longer t's
	case done:
		rt.hold(t.unref) // a fired timeout is pending again
	case due:
		// taken out of the heap by this timers phase: runTimers skips it
	}
	rt.arm(t, time.Now().Add(t.delay))
	return t
}

// ANCHOR_END: timerref

// ANCHOR: immediateref

// Ref makes the immediate keep the loop alive again (the default). It
// returns im. Loop thread only.
func (im *Immediate) Ref() *Immediate {
	im.rt.setRef(&im.unref, true, !im.cleared && !im.ran)
	return im
}

// Unref lets the loop end while the immediate is waiting: it still runs
// in the next check phase if the loop is alive for another reason. It
// returns im. Loop thread only.
func (im *Immediate) Unref() *Immediate {
	im.rt.setRef(&im.unref, false, !im.cleared && !im.ran)
	return im
}

// HasRef reports whether the immediate keeps the loop alive while it
// waits. Loop thread only.
func (im *Immediate) HasRef() bool { return !im.unref }

// ANCHOR_END: immediateref

// ANCHOR: serverref

// Ref makes the server keep the loop alive again (the default). Loop
// thread only.
func (s *Server) Ref() { s.rt.setRef(&s.w.unref, true, s.w.armed) }

// Unref lets the loop end while the server listens; it still accepts
// while the loop is alive for another reason. Loop thread only.
func (s *Server) Unref() { s.rt.setRef(&s.w.unref, false, s.w.armed) }

// HasRef reports whether the server keeps the loop alive. Loop thread
// only.
func (s *Server) HasRef() bool { return !s.w.unref }

// Ref makes the connection keep the loop alive again while it reads or
// writes (the default). Loop thread only.
func (c *Conn) Ref() { c.rt.setRef(&c.w.unref, true, c.w.armed) }

// Unref lets the loop end while the connection reads or writes. Loop
// thread only.
func (c *Conn) Unref() { c.rt.setRef(&c.w.unref, false, c.w.armed) }

// HasRef reports whether the connection keeps the loop alive. Loop thread
// only.
func (c *Conn) HasRef() bool { return !c.w.unref }

// ANCHOR_END: serverref

// ANCHOR: nodedelay

// MaxDelay is the longest delay, in milliseconds, SetTimeout and
// SetInterval take: 2^31−1, Node's TIMEOUT_MAX (lib/internal/timers.js),
// a signed 32-bit limit Node keeps as browsers do; libuv's own timers
// take 64-bit timeouts.
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
