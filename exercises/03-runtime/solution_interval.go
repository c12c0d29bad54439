//go:build exercises && solution

package main

// The reference answer to the exercise of exercise_interval.go. Try that file first.

import (
	"fmt"
	"time"
)

// ANCHOR: start

// interval is the state of one SetInterval.
type interval struct {
	cleared bool
}

// intervals holds the running intervals by id. Only the main thread
// touches it, like the rest of the runtime's state.
var intervals = map[int]*interval{}

// SetInterval runs cb on the main thread every ms milliseconds, never
// earlier than ms after the previous run began, until ClearInterval is
// called with the id it returns. While an interval is running the loop does
// not end. It must be called on the main thread, inside Run.
//
// It is a timer that sets itself again: every time it fires, its callback
// runs cb and then puts the same id back into the callbacks and the timer
// heap, due ms after cb began, and counts itself pending once more. Like
// Node, a delay below 1 ms is 1 ms, so that an interval cannot hold the
// loop in its timer phase for ever.
func SetInterval(ms int, cb func(Js)) int {
	rt := current
	every := time.Duration(max(ms, 1)) * time.Millisecond
	iv := &interval{}
	var id int
	var fire func(Js)
	fire = func(Js) {
		if iv.cleared {
			return // cleared while its timer was pending: nothing runs
		}
		began := time.Now()
		cb(Undefined)
		if iv.cleared {
			return // cb cleared it
		}
		rt.callbacks[id] = fire
		rt.timers.add(began.Add(every), id)
		rt.pendingEvents++
	}
	id = rt.addCallback(fire)
	rt.timers.add(time.Now().Add(every), id)
	rt.pendingEvents++
	intervals[id] = iv
	print("main", fmt.Sprintf("Registered interval event id: %d", id))
	return id
}

// ClearInterval stops the interval with id: its callback does not run
// again, and once nothing else is pending the loop ends. Clearing an id
// that is not a running interval does nothing. It must be called on the
// main thread, inside Run.
//
// The heap of chapter 03 cannot remove a timer, and the loop counts it
// pending until it fires, so a cleared interval's last timer fires once
// more and does nothing: the loop may live on for up to one more period.
// (final/loop stops counting a cleared timer at once, and its heap drops
// the entry later.)
func ClearInterval(id int) {
	if iv, ok := intervals[id]; ok {
		iv.cleared = true
		delete(intervals, id)
	}
}

// ANCHOR_END: start
