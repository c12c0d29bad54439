// ANCHOR: workfunc

package loop

import (
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/pool"
	"github.com/nodeexperiment/gonode/final/timeline" //step:watching
)

// WorkFunc is the callback of pool work, run on the loop thread: err is
// nil and v is what the work returned, or err says why it failed.
type WorkFunc func(err error, v js.Value)

// ANCHOR_END: workfunc

// ANCHOR: queuework

//step:before errors
// // QueueWork runs work on a pool thread and then cb on the loop thread
// // with what work returned. Any number of tasks may be queued: they wait,
// // first in first out, for a free thread (see pool.Pool.Submit). A panic
// // in work reaches cb as a *pool.PanicError. name says what the work is;
// // the pool thread prints it. Loop thread only.
// func (rt *Runtime) QueueWork(name string, work func() (js.Value, error), cb WorkFunc) {

//step:end errors
//step:begin errors

// QueueWork runs work on a pool thread and then cb on the loop thread
// with what work returned; pool.Pool.Submit says what becomes of work
// queued while every thread is busy. A panic
// in work reaches cb as a *pool.PanicError. name says what the work is;
// the pool thread prints it. Work queued by an exit hook is dropped:
// its callback could never run. Loop thread only.
func (rt *Runtime) QueueWork(name string, work func() (js.Value, error), cb WorkFunc) {
	// ANCHOR: exiting
	if rt.exiting {
		return
	}
	// ANCHOR_END: exiting
	//step:end errors
	rt.askProc() //step:uring
	id := rt.newID()
	// ANCHOR: tasksend
	timeline.Send("main", "task", id)                        //step:watching
	rt.pool.Submit(pool.Task{Name: name, ID: id, Run: work}) // first: a Submit that panics leaves nothing counted
	// ANCHOR_END: tasksend
	rt.work[id] = cb
	rt.reqs++ // a request, libuv's uv__req_register: counted apart from handles
}

// finishWork runs the callback of a pool result. A thread that waits to
// be released is released just before the callback runs, so the work
// the callback queues goes to that same thread.
func (rt *Runtime) finishWork(r pool.Result) {
	cb := rt.work[r.ID]
	delete(rt.work, r.ID)
	//step:before work
	// rt.pool.Release(r.Thread)
	//step:end work
	//step:begin work
	if r.Idle {
		rt.pool.Release(r.Thread)
	}
	//step:end work
	rt.reqs--
	rt.invoke(func() { cb(r.Err, r.Value) })
}

// ANCHOR_END: queuework
