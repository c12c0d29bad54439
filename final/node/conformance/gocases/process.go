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
