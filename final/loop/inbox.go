package loop

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/minimio"
	"github.com/nodeexperiment/gonode/final/pool"
	"github.com/nodeexperiment/gonode/final/timeline"
)

// completion is one entry of the inbox: a pool result, a stream's event,
// or the poller thread's failure.
type completion struct {
	result    pool.Result
	token     minimio.Token
	isEvent   bool
	pollerErr error
}

// post puts c in the inbox and wakes the loop. Safe from any goroutine.
func (rt *Runtime) post(c ...completion) {
	rt.mu.Lock()
	rt.inbox = append(rt.inbox, c...)
	rt.mu.Unlock()
	select {
	case rt.wake <- struct{}{}:
	default: // a wake-up is already on its way
	}
}

// poller is the body of the poller thread: it waits in the OS queue with
// no timeout (timers are the loop's business) and posts all the events
// of one wait together, until the queue is closed.
func (rt *Runtime) poller() {
	runtime.LockOSThread() // never unlocked: the OS thread ends with us
	events := minimio.NewEvents(1024)
	for {
		start := timeline.Now()
		err := rt.poll.Poll(&events, -1)
		timeline.Span("epoll", timeline.Wait, "epoll_wait", start)
		if errors.Is(err, minimio.ErrClosed) {
			console.Print("epoll", "received event of type: Close")
			rt.pollDone <- nil
			return
		}
		if err != nil {
			rt.post(completion{pollerErr: err})
			rt.pollDone <- nil
			return
		}
		batch := make([]completion, 0, len(events))
		for _, ev := range events {
			timeline.Mark("epoll", timeline.OSEvent, int(ev.Token()))
			timeline.Send("epoll", "event", int(ev.Token()))
			console.Printf("epoll", "epoll event %d is ready", ev.Token())
			batch = append(batch, completion{token: ev.Token(), isEvent: true})
		}
		rt.post(batch...)
	}
}

// ANCHOR: pollphase

// pollPhase waits for the inbox, then takes everything in it and runs
// the callbacks, in the order the threads posted them. The wait is the
// only step that blocks; the take after it never does, and it takes the
// whole inbox, so many results that arrive together cost one tick, not
// one tick each. libuv does the same: one wake-up, and uv__work_done
// takes every finished request at once; epoll_wait returns up to 1024
// events, and when the array comes back full libuv asks again without
// waiting.
func (rt *Runtime) pollPhase() error {
	rt.waitForInbox()
	select {
	case <-rt.wake: // this wake-up's news is in the batch we take now
	default:
	}
	rt.mu.Lock()
	batch := rt.inbox
	rt.inbox = nil
	rt.mu.Unlock()
	for _, c := range batch {
		switch {
		case c.pollerErr != nil:
			return fmt.Errorf("loop: event queue: %w", c.pollerErr)
		case c.isEvent:
			timeline.Receive("main", "event", int(c.token))
			timeline.Mark("main", timeline.Callback, int(c.token))
			rt.runWatch(c.token)
		default:
			timeline.Receive("main", "result", c.result.ID)
			timeline.Mark("main", timeline.Callback, c.result.ID)
			rt.finishWork(c.result)
		}
	}
	return nil
}

// ANCHOR_END: pollphase

// waitForInbox blocks until something is posted or the next timer is
// due. It does not block at all when there is nothing to wait for, or
// when immediates or pending callbacks are waiting to run (libuv's
// uv_backend_timeout).
func (rt *Runtime) waitForInbox() {
	if !rt.alive() || len(rt.immediates) > 0 || len(rt.pending) > 0 {
		return
	}
	defer timeline.Span("main", timeline.Wait, "waiting for the inbox", timeline.Now())
	deadline, ok := rt.nextDeadline()
	if !ok {
		<-rt.wake
		return
	}
	wait := time.Until(deadline)
	if wait <= 0 {
		return
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-rt.wake:
	case <-timer.C:
	}
}
