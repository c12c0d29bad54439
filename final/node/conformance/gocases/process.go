package main

import (
	"errors"

	"github.com/nodeexperiment/gonode/final/loop"
)

func init() {
	add(map[string]func(rt *loop.Runtime){
		"before-exit-once": func(rt *loop.Runtime) {
			rt.OnBeforeExit(func(code int) { log("beforeExit", code) })
			rt.OnExit(func(code int) { log("exit", code) })
			rt.SetTimeout(1, func() { log("timeout") })
		},
		"before-exit-schedules": beforeExitSchedules,
		"exit-code-set": func(rt *loop.Runtime) {
			rt.OnBeforeExit(func(code int) { log("beforeExit", code) })
			rt.OnExit(func(code int) { log("exit", code) })
			rt.SetTimeout(1, func() { rt.SetExitCode(3) })
		},
		"exit-hook-work-never-runs": func(rt *loop.Runtime) {
			rt.OnExit(func(code int) {
				log("exit", code)
				rt.SetTimeout(0, func() { log("never timeout") })
				rt.NextTick(func() { log("never nextTick") })
				rt.Resolve(nil).Then(func(any) any { log("promise, run by the microtask checkpoint"); return nil }, nil)
			})
		},
		"process-exit-skips-pending": processExitSkipsPending,
		"process-exit-code": func(rt *loop.Runtime) {
			rt.OnExit(func(code int) { log("exit", code) })
			rt.SetTimeout(1, func() { rt.Exit(5) })
		},
		"uncaught-handler-continues": func(rt *loop.Runtime) {
			rt.OnUncaughtException(func(e *loop.UncaughtError) { log("handler", msg(e.Value)) })
			rt.SetTimeout(1, func() { log("timer 1 throws"); panic(errors.New("boom")) })
			rt.SetTimeout(2, func() { log("timer 2") })
		},
		"uncaught-no-handler": func(rt *loop.Runtime) {
			rt.OnExit(func(code int) { log("exit", code) })
			rt.SetTimeout(1, func() { log("throws"); panic(errors.New("boom")) })
			rt.SetTimeout(20, func() { log("never") })
		},
		"uncaught-in-tick-queue-goes-on": func(rt *loop.Runtime) {
			rt.OnUncaughtException(func(e *loop.UncaughtError) { log("handler", msg(e.Value)) })
			rt.NextTick(func() { panic(errors.New("tick 1")) })
			rt.NextTick(func() { log("tick 2") })
		},
		"exit-listener-promises-after-all": func(rt *loop.Runtime) {
			rt.OnExit(func(code int) {
				log("exit 1", code)
				rt.Resolve(nil).Then(func(any) any {
					log("promise from exit 1")
					rt.Resolve(nil).Then(func(any) any { log("promise queued by that promise"); return nil }, nil)
					rt.NextTick(func() { log("never nextTick") })
					return nil
				}, nil)
			})
			rt.OnExit(func(code int) {
				log("exit 2", code)
				rt.QueueMicrotask(func() { log("microtask from exit 2") })
			})
		},
		"exit-listener-promises-not-after-exit": func(rt *loop.Runtime) {
			rt.OnExit(func(code int) {
				log("exit 1", code)
				rt.Resolve(nil).Then(func(any) any { log("never promise from exit 1"); return nil }, nil)
			})
			rt.OnExit(func(code int) {
				log("exit 2", code)
				rt.QueueMicrotask(func() { log("never microtask from exit 2") })
			})
			rt.SetTimeout(1, func() { rt.Exit(0) })
		},
		"process-exit-in-microtask": func(rt *loop.Runtime) {
			rt.OnExit(func(code int) { log("exit", code) })
			rt.QueueMicrotask(func() { log("microtask 1 exits"); rt.Exit(3) })
			rt.QueueMicrotask(func() { log("never microtask 2") })
			rt.Resolve(nil).Then(func(any) any { log("never promise"); return nil }, nil)
		},
		"uncaught-in-microtask-no-handler": func(rt *loop.Runtime) {
			rt.OnExit(func(code int) { log("exit", code) })
			rt.QueueMicrotask(func() { log("microtask 1 throws"); panic(errors.New("boom")) })
			rt.QueueMicrotask(func() { log("never microtask 2") })
			rt.SetTimeout(1, func() { log("never timeout") })
		},
		"uncaught-handler-throws": func(rt *loop.Runtime) {
			rt.OnExit(func(code int) { log("never exit", code) })
			rt.OnUncaughtException(func(e *loop.UncaughtError) {
				log("handler", msg(e.Value))
				panic(errors.New("in handler"))
			})
			rt.SetTimeout(1, func() { log("throws"); panic(errors.New("boom")) })
			rt.SetTimeout(20, func() { log("never") })
		},
		"exit-listeners-same-code": func(rt *loop.Runtime) {
			rt.SetExitCode(2)
			rt.OnExit(func(code int) { log("exit 1", code); rt.SetExitCode(9) })
			rt.OnExit(func(code int) { log("exit 2", code) })
		},
		"exit-in-exit-listener": func(rt *loop.Runtime) {
			rt.OnExit(func(code int) {
				log("exit 1", code)
				rt.Resolve(nil).Then(func(any) any { log("never promise"); return nil }, nil)
				rt.Exit(4)
				log("never after exit")
			})
			rt.OnExit(func(code int) { log("never exit 2", code) })
		},
		"uncaught-in-program-with-handler": func(rt *loop.Runtime) {
			rt.OnUncaughtException(func(e *loop.UncaughtError) { log("handler", msg(e.Value)) })
			rt.SetTimeout(1, func() { log("timeout runs") })
			panic(errors.New("in program"))
		},
	})
}

// ANCHOR: before-exit-schedules
func beforeExitSchedules(rt *loop.Runtime) {
	n := 0
	rt.OnBeforeExit(func(int) {
		n++
		log("beforeExit", n)
		if n < 3 {
			rt.SetTimeout(1, func() { log("timeout from beforeExit", n) })
		}
	})
}

// ANCHOR_END: before-exit-schedules

// ANCHOR: process-exit-skips-pending
func processExitSkipsPending(rt *loop.Runtime) {
	rt.OnBeforeExit(func(int) { log("never beforeExit") })
	rt.OnExit(func(code int) { log("exit", code) })
	rt.SetTimeout(1, func() { log("never timeout") })
	rt.SetImmediate(func() { log("never immediate") })
	rt.NextTick(func() { log("nextTick"); rt.Exit(0); log("never after exit") })
	rt.NextTick(func() { log("never second nextTick") })
}

// ANCHOR_END: process-exit-skips-pending
