// Command 03-runtime is the third chapter's program: the event loop with
// its phases, timers and the thread pool, running a small program of
// timers and one computation.
//
//	go run ./chapters/03-runtime
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
)

// ANCHOR: init

// init runs on the main goroutine before main, while it is still on the
// process's first OS thread, and pins it there: from now on "main" in the
// trace really is the main thread.
func init() { runtime.LockOSThread() }

// ANCHOR_END: init

// ANCHOR: main

func main() {
	rt, err := NewRuntime()
	if err != nil {
		fmt.Fprintln(os.Stderr, "03-runtime:", err)
		os.Exit(1)
	}
	if err := rt.Run(javascript); err != nil {
		fmt.Fprintln(os.Stderr, "03-runtime:", err)
		os.Exit(1)
	}
}

// ANCHOR_END: main

// ANCHOR: javascript

// javascript is the program the runtime runs: what would be a script in
// Node.
func javascript() {
	consoleLog("Registering immediate timeout 1")
	SetTimeout(0, func(Js) { consoleLog("Immediate1 timed out") })
	consoleLog("Registering immediate timeout 2")
	SetTimeout(0, func(Js) { consoleLog("Immediate2 timed out") })

	consoleLog("Registering a 300 and a 100 ms timeout")
	SetTimeout(300, func(Js) {
		consoleLog("300ms timer timed out")
		SetTimeout(100, func(Js) { consoleLog("100ms timer(nested) timed out") })
	})
	consoleLog("Registering a 200 ms timeout")
	SetTimeout(200, func(Js) { consoleLog("SETTIMEOUT") })

	consoleLog("Computing fibonacci(30) on the thread pool")
	current.registerEventThreadpool(func() Js { return JsInt(fibonacci(30)) }, Encrypt,
		func(v Js) { consoleLog("fibonacci(30) is " + v.String()) })
}

// ANCHOR_END: javascript

// fibonacci is deliberately slow: the naive recursion stands in for
// CPU-heavy work such as encryption.
func fibonacci(n int) int {
	if n < 2 {
		return n
	}
	return fibonacci(n-1) + fibonacci(n-2)
}

// ANCHOR: print

var printMu sync.Mutex

// print writes one trace line in the original's format: "Thread: ",
// the thread's name, a tab and a space, then the message. Go has no
// thread names, so each thread passes its own. The lock keeps lines whole
// when two threads print at once.
func print(thread, msg string) {
	printMu.Lock()
	defer printMu.Unlock()
	fmt.Fprintf(os.Stdout, "Thread: %s\t %s\n", thread, msg)
}

// consoleLog prints a line of the program's own, like console.log in
// Node. The program and all its callbacks run on the main thread.
func consoleLog(msg string) { print("main", msg) }

// ANCHOR_END: print
