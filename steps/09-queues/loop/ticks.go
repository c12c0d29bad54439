// ANCHOR: file

package loop

// This file is what Node runs between callbacks: the nextTick queue and
// the microtask queue (where promise reactions wait), drained after the
// program and after every single callback, as Node ≥ 11 does.
//
// After a callback returns, the loop runs the whole nextTick queue,
// including ticks queued by those ticks, then the whole microtask queue,
// including microtasks queued by microtasks, and goes round again
// until both queues are empty (Node's processTicksAndRejections).
// Only then does the phase go
// on to its next callback. A nextTick that always queues another one
// therefore never lets the loop reach its next callback, timer or I/O:
// it starves them, exactly as in Node, whose documentation warns of it.

// ANCHOR_END: file

// ANCHOR: queues

// NextTick runs f on the loop thread once the current callback (or the
// program) has returned, before any promise reaction and before the
// loop goes on to any other callback: Node's process.nextTick. Loop
// thread only.
func (rt *Runtime) NextTick(f func()) {
	rt.tickQueue = append(rt.tickQueue, f)
}

// QueueMicrotask runs f on the loop thread in the microtask queue, after
// the nextTick queue has been emptied and in the order microtasks and
// promise reactions were queued: Node's queueMicrotask. Loop thread only.
func (rt *Runtime) QueueMicrotask(f func()) {
	rt.microtasks = append(rt.microtasks, f)
}

// ANCHOR_END: queues

// ANCHOR: invoke

// invoke runs f as one callback of the loop, then drains the nextTick and
// microtask queues. Every callback the loop runs goes through it: the
// program, timers, immediates, pending callbacks, pool and I/O callbacks.
// An invoke from inside the drain (which no callback does today) only
// calls f: the outer drain will take what f queued, in order.
func (rt *Runtime) invoke(f func()) {
	rt.call(f)
	if rt.draining {
		return
	}
	rt.draining = true
	defer func() { rt.draining = false }()
	rt.drain()
}

// ANCHOR_END: invoke

// ANCHOR: call

// call runs f, one callback or one job of the queues.
func (rt *Runtime) call(f func()) {
	f()
}

// ANCHOR_END: call

// ANCHOR: drain

// drain runs the nextTick queue, then the microtask queue, until
// nothing is left.
func (rt *Runtime) drain() {
	for {
		for len(rt.tickQueue) > 0 {
			f := rt.tickQueue[0]
			rt.tickQueue[0] = nil
			rt.tickQueue = rt.tickQueue[1:]
			rt.call(f)
		}
		rt.runMicrotasks()
		if len(rt.tickQueue) == 0 {
			return
		}
	}
}

// runMicrotasks runs the microtask queue until it is empty.
func (rt *Runtime) runMicrotasks() {
	for len(rt.microtasks) > 0 {
		f := rt.microtasks[0]
		rt.microtasks[0] = nil
		rt.microtasks = rt.microtasks[1:]
		rt.call(f)
	}
}

// ANCHOR_END: drain
