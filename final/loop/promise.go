// ANCHOR: promise

package loop

//step:file queues

import "errors"

//step:before errors
// // Promise is a small ECMAScript promise run by the loop: it is pending,
// // then fulfilled with a value or rejected with a reason, once. Each
// // reaction (a Then, Catch or Finally handler) runs as one microtask job,
// // as in the ECMAScript job queue, so promises interleave with
// // QueueMicrotask exactly as in Node. A Promise belongs to the loop
// // thread, and so do its methods.
// //
// // Values are any Go value. A handler "throws" by panicking: the promise
// // Then returned is rejected with what it panicked with. A handler that
// // returns a *Promise makes the promise Then returned adopt it, which, as
// // in the specification, takes two more microtask jobs (one to call its
// // Then, one for that reaction).
// type Promise struct {
//step:end errors
//step:begin errors

// Promise is a small ECMAScript promise run by the loop: it is pending,
// then fulfilled with a value or rejected with a reason, once. Each
// reaction (a Then, Catch or Finally handler) runs as one microtask job,
// as in the ECMAScript job queue, so promises interleave with
// QueueMicrotask exactly as in Node. A Promise belongs to the loop
// thread, and so do its methods.
//
// Values are any Go value. A handler "throws" by panicking: the promise
// Then returned is rejected with what it panicked with. A handler that
// returns a *Promise makes the promise Then returned adopt it, which, as
// in the specification, takes two more microtask jobs (one to call its
// Then, one for that reaction).
//
// A promise rejected with no handler is reported, once the nextTick and
// microtask queues are empty, as Node ≥ 15 does: as an uncaught error
// (an *UncaughtError whose Origin is "unhandledRejection"), which ends
// the run or reaches the uncaught-exception handler.
type Promise struct {
	//step:end errors
	rt        *Runtime
	state     promiseState
	value     any        // the value or the reason, once settled
	reactions []reaction // waiting for the promise to settle
	handled   bool       // a reaction was ever added //step:errors
}

type promiseState int

const (
	pending promiseState = iota
	fulfilled
	rejected
)

// reaction is one handler pair and the promise its result settles.
type reaction struct {
	onFulfilled, onRejected func(any) any
	derived                 *Promise
}

// thrown is what an internal handler returns to reject its derived
// promise with reason, without a panic (a nil reason would not survive
// one).
type thrown struct{ reason any }

// ErrChainingCycle is the reason a promise is rejected with when it is
// resolved with itself (a TypeError in JavaScript).
var ErrChainingCycle = errors.New("loop: chaining cycle detected for promise")

// ANCHOR_END: promise

// ANCHOR: new

// NewPromise returns a pending promise and runs executor at once with
// the functions that settle it: the first call of either wins, later
// calls do nothing. Resolving with a *Promise adopts its state. A panic
// in executor rejects the promise. Loop thread only.
func (rt *Runtime) NewPromise(executor func(resolve, reject func(v any))) *Promise {
	p := &Promise{rt: rt}
	resolve, reject := p.resolvingFunctions()
	func() {
		defer func() {
			if r := recover(); r != nil {
				//step:begin errors
				if _, ok := r.(exitNow); ok {
					panic(r)
				}
				//step:end errors
				reject(r)
			}
		}()
		executor(resolve, reject)
	}()
	return p
}

// Resolve returns v if it is a *Promise, otherwise a promise fulfilled
// with v: Promise.resolve. Loop thread only.
func (rt *Runtime) Resolve(v any) *Promise {
	if p, ok := v.(*Promise); ok {
		return p
	}
	p := &Promise{rt: rt}
	p.settle(fulfilled, v)
	return p
}

// Reject returns a promise rejected with reason: Promise.reject. Loop
// thread only.
func (rt *Runtime) Reject(reason any) *Promise {
	p := &Promise{rt: rt}
	p.settle(rejected, reason)
	return p
}

// ANCHOR_END: new

// ANCHOR: then

// Then adds a reaction: once p is fulfilled, onFulfilled runs with its
// value, once rejected, onRejected with its reason, each as one
// microtask job. It returns a promise settled by what the handler
// returns (or panics with). A nil handler passes the value or the reason
// on. Loop thread only.
func (p *Promise) Then(onFulfilled, onRejected func(v any) any) *Promise {
	d := &Promise{rt: p.rt}
	r := reaction{onFulfilled: onFulfilled, onRejected: onRejected, derived: d}
	p.handled = true //step:errors
	if p.state == pending {
		p.reactions = append(p.reactions, r)
	} else {
		p.queueReaction(r)
	}
	return d
}

// Catch is Then(nil, onRejected). Loop thread only.
func (p *Promise) Catch(onRejected func(reason any) any) *Promise {
	return p.Then(nil, onRejected)
}

// Finally runs f once p is settled, either way, and returns a promise
// settled as p was (or rejected with what f panicked with). As in the
// specification, it passes the value on through a promise of its own,
// which costs microtask jobs that show in the order. Loop thread only.
func (p *Promise) Finally(f func()) *Promise {
	rt := p.rt
	return p.Then(func(v any) any {
		f()
		return rt.Resolve(nil).Then(func(any) any { return v }, nil)
	}, func(reason any) any {
		f()
		return rt.Resolve(nil).Then(func(any) any { return thrown{reason} }, nil)
	})
}

// ANCHOR_END: then

// ANCHOR: resolve

// resolvingFunctions returns a pair that settles p, of which only the
// first call counts.
func (p *Promise) resolvingFunctions() (resolve, reject func(any)) {
	done := false
	resolve = func(v any) {
		if !done {
			done = true
			p.resolve(v)
		}
	}
	reject = func(reason any) {
		if !done {
			done = true
			p.settle(rejected, reason)
		}
	}
	return resolve, reject
}

// resolve fulfills p with v, or, if v is a promise, makes p follow it:
// a microtask job calls v's Then (the specification's
// NewPromiseResolveThenableJob).
func (p *Promise) resolve(v any) {
	q, ok := v.(*Promise)
	if !ok {
		p.settle(fulfilled, v)
		return
	}
	if q == p {
		p.settle(rejected, ErrChainingCycle)
		return
	}
	resolve, reject := p.resolvingFunctions()
	p.rt.QueueMicrotask(func() {
		q.Then(func(v any) any { resolve(v); return nil },
			func(r any) any { reject(r); return nil })
	})
}

// ANCHOR_END: resolve

// ANCHOR: settle

// settle fulfills or rejects p and queues its reactions; a rejection
// with none waits to be reported.
func (p *Promise) settle(s promiseState, v any) {
	if p.state != pending {
		return
	}
	p.state, p.value = s, v
	for _, r := range p.reactions {
		p.queueReaction(r)
	}
	p.reactions = nil
	//step:begin errors
	// ANCHOR: unhandled
	if s == rejected && !p.handled {
		p.rt.rejections = append(p.rt.rejections, p)
	}
	// ANCHOR_END: unhandled
	//step:end errors
}

// queueReaction queues the job that runs r's handler with p's outcome.
func (p *Promise) queueReaction(r reaction) {
	state, value := p.state, p.value
	p.rt.QueueMicrotask(func() {
		h := r.onFulfilled
		if state == rejected {
			h = r.onRejected
		}
		if h == nil {
			if state == fulfilled {
				r.derived.resolve(value)
			} else {
				r.derived.settle(rejected, value)
			}
			return
		}
		result, failed, reason := runHandler(h, value)
		if t, ok := result.(thrown); ok {
			failed, reason = true, t.reason
		}
		if failed {
			r.derived.settle(rejected, reason)
		} else {
			r.derived.resolve(result)
		}
	})
}

//step:before errors
// // runHandler calls h(v), turning a panic into a rejection reason.
// func runHandler(h func(any) any, v any) (result any, failed bool, reason any) {
//step:end errors
//step:begin errors

// runHandler calls h(v), turning a panic into a rejection reason. Exit's
// panic goes on up.
func runHandler(h func(any) any, v any) (result any, failed bool, reason any) {
	//step:end errors
	defer func() {
		if r := recover(); r != nil {
			//step:begin errors
			if _, ok := r.(exitNow); ok {
				panic(r)
			}
			//step:end errors
			failed, reason = true, r
		}
	}()
	return h(v), false, nil
}

// ANCHOR_END: settle

//step:begin errors
// ANCHOR: rejections

// reportRejections reports the promises rejected with no handler that
// still have none, as uncaught errors, and says whether there were any.
func (rt *Runtime) reportRejections() bool {
	if len(rt.rejections) == 0 {
		return false
	}
	list := rt.rejections
	rt.rejections = nil
	reported := false
	for _, p := range list {
		if p.handled {
			continue
		}
		reported = true
		u := &UncaughtError{Value: p.value, Origin: OriginRejection}
		rt.call(func() { panic(u) })
	}
	return reported
}

// ANCHOR_END: rejections
//step:end errors
