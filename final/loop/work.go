package loop

import (
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/pool"
	"github.com/nodeexperiment/gonode/final/timeline"
)

// WorkFunc is the callback of pool work, run on the loop thread: err is
// nil and v is what the work returned, or err says why it failed.
type WorkFunc func(err error, v js.Value)

// ANCHOR: queuework

// QueueWork runs work on a pool thread and then cb on the loop thread
// with what work returned. Any number of tasks may be queued: they wait,
// first in first out, for a free thread. A panic in work reaches cb as a
// *pool.PanicError. name says what the work is; the pool thread prints
// it. Loop thread only.
func (rt *Runtime) QueueWork(name string, work func() (js.Value, error), cb WorkFunc) {
	id := rt.newID()
	rt.work[id] = cb
	rt.queue = append(rt.queue, pool.Task{Name: name, ID: id, Run: work})
	rt.active++
	rt.dispatch()
}

// dispatch hands queued work to free threads, the oldest work to the
// thread freed last.
func (rt *Runtime) dispatch() {
	for len(rt.queue) > 0 && len(rt.free) > 0 {
		task := rt.queue[0]
		rt.queue[0] = pool.Task{}
		rt.queue = rt.queue[1:]
		thread := rt.free[len(rt.free)-1]
		rt.free = rt.free[:len(rt.free)-1]
		timeline.Send("main", "task", task.ID)
		rt.pool.Send(thread, task)
	}
}

// finishWork runs the callback of a pool result. The thread goes back on
// the free stack (and the oldest queued work to it) just before the
// callback runs, so work the callback queues goes to that same thread if
// nothing was waiting.
func (rt *Runtime) finishWork(r pool.Result) {
	cb := rt.work[r.ID]
	delete(rt.work, r.ID)
	rt.free = append(rt.free, r.Thread)
	rt.dispatch()
	rt.active--
	cb(r.Err, r.Value)
}

// ANCHOR_END: queuework
