package main

import (
	"errors"
	"time"

	"github.com/nodeexperiment/gonode/final/loop"
)

// msg returns the message of a rejection reason or panic value.
func msg(v any) string {
	if err, ok := v.(error); ok {
		return err.Error()
	}
	return "not an error"
}

func init() {
	add(map[string]func(rt *loop.Runtime){
		"tick-before-promise": tickBeforePromise,
		"tick-before-timeout": func(rt *loop.Runtime) {
			rt.SetTimeout(0, func() { log("timeout") })
			rt.NextTick(func() { log("nextTick") })
			log("program")
		},
		"tick-in-tick-before-promise": func(rt *loop.Runtime) {
			rt.Resolve(nil).Then(func(any) any { log("promise"); return nil }, nil)
			rt.NextTick(func() { log("tick 1"); rt.NextTick(func() { log("tick 2") }) })
		},
		"promise-in-tick": func(rt *loop.Runtime) {
			rt.NextTick(func() {
				log("tick 1")
				rt.Resolve(nil).Then(func(any) any { log("promise from tick 1"); return nil }, nil)
				rt.NextTick(func() { log("tick 3, queued by tick 1") })
			})
			rt.NextTick(func() { log("tick 2") })
		},
		"tick-in-microtask": func(rt *loop.Runtime) {
			rt.QueueMicrotask(func() {
				log("microtask 1")
				rt.NextTick(func() { log("tick from microtask 1") })
				rt.QueueMicrotask(func() { log("microtask 3, queued by microtask 1") })
			})
			rt.QueueMicrotask(func() { log("microtask 2") })
		},
		"microtask-fifo": func(rt *loop.Runtime) {
			rt.QueueMicrotask(func() { log("microtask a") })
			rt.Resolve(nil).Then(func(any) any { log("promise b"); return nil }, nil)
			rt.QueueMicrotask(func() { log("microtask c") })
		},
		"then-chains-interleave":  thenChainsInterleave,
		"return-promise-adoption": returnPromiseAdoption,
		"finally-passes-value": func(rt *loop.Runtime) {
			step := func(s string) func(any) any { return func(any) any { log(s); return nil } }
			rt.Resolve("v").Finally(func() { log("finally") }).Then(func(v any) any { log("then", v); return nil }, nil)
			rt.Resolve(nil).Then(step("x1"), nil).Then(step("x2"), nil).Then(step("x3"), nil).Then(step("x4"), nil)
		},
		"finally-passes-reason": func(rt *loop.Runtime) {
			rt.Reject(errors.New("r")).Finally(func() { log("finally") }).
				Catch(func(e any) any { log("catch", msg(e)); return nil })
		},
		"catch-then-continues": func(rt *loop.Runtime) {
			rt.Reject(errors.New("bad")).Then(func(any) any { log("skipped"); return nil }, nil).
				Catch(func(e any) any { log("caught", msg(e)); return "recovered" }).
				Then(func(v any) any { log("then", v); return nil }, nil)
		},
		"throw-in-then-rejects": func(rt *loop.Runtime) {
			rt.Resolve(nil).Then(func(any) any { panic(errors.New("thrown")) }, nil).
				Catch(func(e any) any { log("caught", msg(e)); return nil })
		},
		"executor-runs-now": func(rt *loop.Runtime) {
			p := rt.NewPromise(func(resolve, _ func(any)) { log("executor"); resolve("v") })
			p.Then(func(v any) any { log("then", v); return nil }, nil)
			log("after new Promise")
		},
		"resolve-once": func(rt *loop.Runtime) {
			rt.NewPromise(func(resolve, reject func(any)) {
				resolve("first")
				resolve("second")
				reject(errors.New("late"))
			}).Then(func(v any) any { log("value", v); return nil }, func(any) any { log("rejected"); return nil })
		},
		"executor-throw-rejects": func(rt *loop.Runtime) {
			rt.NewPromise(func(_, _ func(any)) { panic(errors.New("in executor")) }).
				Catch(func(e any) any { log("caught", msg(e)); return nil })
		},
		"pending-then-resolved-later": func(rt *loop.Runtime) {
			var resolve func(any)
			p := rt.NewPromise(func(r, _ func(any)) { resolve = r })
			p.Then(func(v any) any { log("first", v); return nil }, nil)
			p.Then(func(v any) any { log("second", v); return nil }, nil)
			rt.SetTimeout(1, func() { log("timeout"); resolve("v") })
		},
		"unhandled-rejection-exits": func(rt *loop.Runtime) {
			rt.OnExit(func(code int) { log("exit", code) })
			rt.SetTimeout(10, func() { log("never") })
			rt.Reject(errors.New("nobody catches this"))
			log("program")
		},
		"unhandled-rejection-to-handler": func(rt *loop.Runtime) {
			rt.OnUncaughtException(func(e *loop.UncaughtError) { log("handler", e.Origin, msg(e.Value)) })
			rt.Reject(errors.New("r1"))
			rt.SetTimeout(1, func() { log("timeout still runs") })
		},
		"rejection-handled-in-tick": func(rt *loop.Runtime) {
			p := rt.Reject(errors.New("late but in time"))
			rt.NextTick(func() { p.Catch(func(e any) any { log("caught", msg(e)); return nil }) })
		},
		"rejection-handled-too-late": func(rt *loop.Runtime) {
			p := rt.Reject(errors.New("too late"))
			rt.OnExit(func(code int) { log("exit", code) })
			rt.SetTimeout(1, func() { p.Catch(func(any) any { log("never"); return nil }) })
		},
		"ticks-between-timers": ticksBetweenTimers,
		"ticks-between-immediates": func(rt *loop.Runtime) {
			for _, n := range []int{1, 2} {
				rt.SetImmediate(func() {
					log("immediate", n)
					rt.NextTick(func() { log("nextTick", n) })
					rt.Resolve(nil).Then(func(any) any { log("promise", n); return nil }, nil)
				})
			}
		},
		"recursive-tick-starves-timers": recursiveTickStarvesTimers,
		"recursive-microtask-starves-timers": func(rt *loop.Runtime) {
			n := 0
			rt.SetTimeout(0, func() { log("timeout, after all the microtasks:", n >= 1000) })
			start := time.Now()
			var again func()
			again = func() {
				n++
				if time.Since(start) < 20*time.Millisecond || n < 1000 {
					rt.QueueMicrotask(again)
				} else {
					log("microtasks stop")
				}
			}
			rt.QueueMicrotask(again)
		},
		"tick-in-timer-before-immediate": func(rt *loop.Runtime) {
			rt.SetTimeout(1, func() {
				rt.SetImmediate(func() { log("immediate") })
				rt.NextTick(func() { log("nextTick") })
				log("timeout")
			})
		},
	})
}

// ANCHOR: tick-before-promise
func tickBeforePromise(rt *loop.Runtime) {
	rt.Resolve(nil).Then(func(any) any { log("promise"); return nil }, nil)
	rt.NextTick(func() { log("nextTick") })
	log("program")
}

// ANCHOR_END: tick-before-promise

// ANCHOR: then-chains-interleave
func thenChainsInterleave(rt *loop.Runtime) {
	step := func(s string) func(any) any { return func(any) any { log(s); return nil } }
	rt.Resolve(nil).Then(step("a1"), nil).Then(step("a2"), nil).Then(step("a3"), nil)
	rt.Resolve(nil).Then(step("b1"), nil).Then(step("b2"), nil)
}

// ANCHOR_END: then-chains-interleave

// ANCHOR: return-promise-adoption
func returnPromiseAdoption(rt *loop.Runtime) {
	step := func(n int) func(any) any { return func(any) any { log(n); return nil } }
	rt.Resolve(nil).Then(func(any) any { log(0); return rt.Resolve(4) }, nil).
		Then(func(v any) any { log(v); return nil }, nil)
	rt.Resolve(nil).Then(step(1), nil).Then(step(2), nil).Then(step(3), nil).
		Then(step(5), nil).Then(step(6), nil)
}

// ANCHOR_END: return-promise-adoption

// ANCHOR: ticks-between-timers
func ticksBetweenTimers(rt *loop.Runtime) {
	for _, n := range []int{1, 2} {
		rt.SetTimeout(1, func() {
			log("timeout", n)
			rt.NextTick(func() { log("nextTick", n) })
			rt.Resolve(nil).Then(func(any) any { log("promise", n); return nil }, nil)
		})
	}
}

// ANCHOR_END: ticks-between-timers

// ANCHOR: recursive-tick-starves-timers
func recursiveTickStarvesTimers(rt *loop.Runtime) {
	n := 0
	rt.SetTimeout(0, func() { log("timeout, after all the ticks:", n >= 1000) })
	start := time.Now()
	var again func()
	again = func() {
		n++
		if time.Since(start) < 20*time.Millisecond || n < 1000 {
			rt.NextTick(again)
		} else {
			log("ticks stop")
		}
	}
	rt.NextTick(again)
}

// ANCHOR_END: recursive-tick-starves-timers
