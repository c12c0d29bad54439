package main

import (
	"os"
	"time"

	"github.com/nodeexperiment/gonode/final/loop"
)

func init() {
	add(map[string]func(rt *loop.Runtime){
		"lists-run-together": func(rt *loop.Runtime) {
			rt.SetTimeout(10, func() { log("10 ms, set first") })
			time.Sleep(5 * time.Millisecond)
			rt.SetTimeout(10, func() { log("10 ms, set 5 ms later") })
			time.Sleep(5 * time.Millisecond)
			rt.SetTimeout(3, func() { log("3 ms, set 10 ms in") })
			time.Sleep(30 * time.Millisecond)
		},
		"same-delay-in-order": func(rt *loop.Runtime) {
			for _, n := range []int{1, 2, 3} {
				rt.SetTimeout(5, func() { log("timer", n) })
			}
		},
		"shorter-delay-first": func(rt *loop.Runtime) {
			rt.SetTimeout(300, func() { log("300 ms") })
			rt.SetTimeout(1, func() { log("1 ms") })
			rt.SetTimeout(150, func() { log("150 ms") })
		},
		"zero-is-one": zeroIsOne,
		"negative-is-one": func(rt *loop.Runtime) {
			rt.SetTimeout(1, func() { log("1 ms, set first") })
			rt.SetTimeout(-5, func() { log("-5 ms, set second") })
		},
		"overflow-is-one": func(rt *loop.Runtime) {
			rt.SetTimeout(1, func() { log("1 ms, set first") })
			rt.SetTimeout(1<<31, func() { log("2^31 ms, set second") })
		},
		"interval-overflow-is-one": func(rt *loop.Runtime) {
			n := 0
			var iv *loop.Timer
			iv = rt.SetInterval(1<<31, func() {
				n++
				log("interval", n)
				if n == 3 {
					rt.ClearInterval(iv)
				}
			})
		},
		"clear-before-fire": func(rt *loop.Runtime) {
			t := rt.SetTimeout(1, func() { log("never") })
			rt.SetTimeout(2, func() { log("other") })
			rt.ClearTimeout(t)
		},
		"clear-in-same-phase": func(rt *loop.Runtime) {
			var second *loop.Timer
			rt.SetTimeout(2, func() { log("first clears second"); rt.ClearTimeout(second) })
			second = rt.SetTimeout(2, func() { log("never") })
			rt.SetTimeout(2, func() { log("third") })
		},
		"clear-fired-is-noop": func(rt *loop.Runtime) {
			var t *loop.Timer
			t = rt.SetTimeout(1, func() {
				log("fired")
				rt.ClearTimeout(t)
				rt.ClearTimeout(t)
				rt.ClearTimeout(nil)
				rt.SetTimeout(1, func() { log("after") })
			})
		},
		"interval-repeats": func(rt *loop.Runtime) {
			n := 0
			var iv *loop.Timer
			iv = rt.SetInterval(2, func() {
				n++
				log("interval", n)
				if n == 3 {
					rt.ClearInterval(iv)
				}
			})
		},
		"interval-cleared-by-timer": func(rt *loop.Runtime) {
			iv := rt.SetInterval(50, func() { log("never") })
			rt.SetTimeout(1, func() { log("timeout clears interval"); rt.ClearTimeout(iv) })
		},
		"interval-no-burst": intervalNoBurst,
		"immediate-order": func(rt *loop.Runtime) {
			rt.SetImmediate(func() {
				log("immediate 1")
				rt.SetImmediate(func() { log("immediate 3, set by 1") })
			})
			rt.SetImmediate(func() { log("immediate 2") })
		},
		"clear-immediate-in-phase": func(rt *loop.Runtime) {
			var second *loop.Immediate
			rt.SetImmediate(func() { log("first clears second"); rt.ClearImmediate(second) })
			second = rt.SetImmediate(func() { log("never") })
			rt.SetImmediate(func() { log("third") })
		},
		"immediate-before-timer-set-in-timer": func(rt *loop.Runtime) {
			rt.SetTimeout(1, func() {
				rt.SetTimeout(0, func() { log("timeout set by timeout") })
				rt.SetImmediate(func() { log("immediate set by timeout") })
			})
		},
		"timeout-vs-immediate-main":  timeoutVsImmediateMain,
		"timeout-vs-immediate-in-io": timeoutVsImmediateInIo,
	})
}

// readFile reads this program's own binary on the pool, as the
// JavaScript twin reads its own source with fs.readFile, and runs cb on
// the loop thread when it is done.
func readFile(rt *loop.Runtime, cb func()) {
	readPath(rt, os.Args[0], func(error) { cb() })
}

// ANCHOR: zero-is-one
func zeroIsOne(rt *loop.Runtime) {
	rt.SetTimeout(1, func() { log("1 ms, set first") })
	rt.SetTimeout(0, func() { log("0 ms, set second") })
}

// ANCHOR_END: zero-is-one

// ANCHOR: interval-no-burst
func intervalNoBurst(rt *loop.Runtime) {
	const period = 20 * time.Millisecond
	n := 0
	var last time.Time
	var iv *loop.Timer
	iv = rt.SetInterval(int(period/time.Millisecond), func() {
		now := time.Now()
		n++
		if n > 1 {
			log("call", n, "gap >= half a period:", now.Sub(last) >= period/2)
		}
		last = now
		if n == 1 {
			time.Sleep(3 * period) // a long callback
		}
		if n == 4 {
			rt.ClearInterval(iv)
		}
	})
}

// ANCHOR_END: interval-no-burst

// ANCHOR: timeout-vs-immediate-main
func timeoutVsImmediateMain(rt *loop.Runtime) {
	rt.SetTimeout(0, func() { log("timeout") })
	rt.SetImmediate(func() { log("immediate") })
}

// ANCHOR_END: timeout-vs-immediate-main

// ANCHOR: timeout-vs-immediate-in-io
func timeoutVsImmediateInIo(rt *loop.Runtime) {
	readFile(rt, func() {
		rt.SetTimeout(0, func() { log("timeout") })
		rt.SetImmediate(func() { log("immediate") })
	})
}

// ANCHOR_END: timeout-vs-immediate-in-io
