package main

import (
	"os"

	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
)

// readPath reads path on the pool and runs cb with the error, if any.
func readPath(rt *loop.Runtime, path string, cb func(err error)) {
	rt.QueueWork("readFile", func() (js.Value, error) {
		_, err := os.ReadFile(path)
		return js.Undefined, err
	}, func(err error, _ js.Value) { cb(err) })
}

func init() {
	add(map[string]func(rt *loop.Runtime){
		"refresh-restarts": refreshRestarts,
		"refresh-fired-rearms": func(rt *loop.Runtime) {
			n := 0
			var t *loop.Timer
			t = rt.SetTimeout(1, func() {
				n++
				log("fired", n)
				if n < 3 {
					t.Refresh()
				}
			})
		},
		"refresh-cleared-noop": func(rt *loop.Runtime) {
			t := rt.SetTimeout(1, func() { log("never") })
			rt.ClearTimeout(t)
			t.Refresh()
			rt.SetTimeout(3, func() { log("other") })
		},
		"refresh-same-timer": func(rt *loop.Runtime) {
			t := rt.SetTimeout(1, func() { log("fired") })
			log("same timer:", t.Refresh() == t)
			t.Unref()
			t.Refresh()
			log("hasRef after unref and refresh:", t.HasRef())
			rt.SetTimeout(5, func() {})
		},
		"hasref-values": func(rt *loop.Runtime) {
			t := rt.SetTimeout(1, func() {})
			log("timer", t.HasRef(), t.Unref().HasRef(), t.Ref().HasRef())
			i := rt.SetImmediate(func() {})
			log("immediate", i.HasRef(), i.Unref().HasRef(), i.Ref().HasRef())
		},
		"unref-timer-alone": unrefTimerAlone,
		"unref-timer-runs-while-alive": func(rt *loop.Runtime) {
			rt.SetTimeout(5, func() { log("unref, 5 ms") }).Unref()
			rt.SetTimeout(30, func() { log("ref, 30 ms") })
		},
		"ref-again-keeps-alive": func(rt *loop.Runtime) {
			rt.SetTimeout(2, func() { log("fired") }).Unref().Ref()
		},
		"unref-interval": func(rt *loop.Runtime) {
			n := 0
			rt.SetInterval(2, func() { n++ }).Unref()
			rt.SetTimeout(30, func() { log("interval ran:", n > 0) })
		},
		"unref-immediate-alone": func(rt *loop.Runtime) {
			rt.SetImmediate(func() { log("never") }).Unref()
			rt.OnExit(func(code int) { log("exit", code) })
		},
		"unref-immediate-runs-while-alive": func(rt *loop.Runtime) {
			rt.SetImmediate(func() { log("unref immediate") }).Unref()
			rt.SetTimeout(5, func() { log("timeout") })
		},
		"unref-cleared-timer": func(rt *loop.Runtime) {
			t := rt.SetTimeout(1, func() { log("never") }).Unref()
			rt.ClearTimeout(t)
			rt.SetTimeout(3, func() { log("ref timer") })
		},
	})
}

// ANCHOR: refresh-restarts
func refreshRestarts(rt *loop.Runtime) {
	rt.SetTimeout(38, func() { log("B, 38 ms") })
	a := rt.SetTimeout(30, func() { log("A, 30 ms refreshed at 15 ms") })
	rt.SetTimeout(15, func() { log("refresh A"); a.Refresh() })
}

// ANCHOR_END: refresh-restarts

// ANCHOR: unref-timer-alone
func unrefTimerAlone(rt *loop.Runtime) {
	rt.SetTimeout(5, func() { log("never") }).Unref()
	rt.OnExit(func(code int) { log("exit", code) })
}

// ANCHOR_END: unref-timer-alone
