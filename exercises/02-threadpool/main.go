// Command 02-threadpool is the second chapter's program: four OS threads
// that run blocking work (reading a file, computing) while the main thread
// waits for their results and hands out more work.
//
//	go run ./chapters/02-threadpool
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// ANCHOR: init

// init runs on the main goroutine before main, while it is still on the
// process's first OS thread, and pins it there: from now on "main" in the
// trace really is the main thread.
func init() { runtime.LockOSThread() }

// ANCHOR_END: init

// poolSize is the number of pool threads, libuv's default.
const poolSize = 4

// ANCHOR: main

func main() {
	results := make(chan Result)
	pool := NewPool(poolSize, func(r Result) { results <- r })

	// The free threads, used as a stack as in the original: the last
	// thread freed is the first one used again.
	available := []int{0, 1, 2, 3}
	tasks := []Task{
		{Kind: FileRead, CallbackID: 1, Run: readTestFile},
		{Kind: Encrypt, CallbackID: 2, Run: func() Js { return JsInt(fibonacci(30)) }},
		{Kind: FileRead, CallbackID: 3, Run: readTestFile},
		{Kind: Encrypt, CallbackID: 4, Run: func() Js { return JsInt(fibonacci(25)) }},
		{Kind: Encrypt, CallbackID: 5, Run: func() Js { return JsInt(fibonacci(20)) }},
	}
	pending := 0
	for len(tasks) > 0 || pending > 0 {
		for len(tasks) > 0 && len(available) > 0 {
			thread := available[len(available)-1]
			available = available[:len(available)-1]
			task := tasks[0]
			tasks = tasks[1:]
			print("main", fmt.Sprintf("Sending task %d (%v) to pool%d", task.CallbackID, task.Kind, thread))
			pool.Send(thread, task)
			pending++
		}
		r := <-results
		pending--
		available = append(available, r.Thread)
		print("main", fmt.Sprintf("Result of task %d from pool%d: %s", r.CallbackID, r.Thread, summary(r.Value)))
	}

	print("main", "Closing the thread pool")
	pool.Close()
	print("main", "FINISHED")
}

// ANCHOR_END: main

// ANCHOR: work

// readTestFile stands in for reading a large file: it sleeps, then reads
// test.txt.
func readTestFile() Js {
	time.Sleep(200 * time.Millisecond)
	b, err := os.ReadFile(testFile())
	if err != nil {
		return JsString("error: " + err.Error())
	}
	return JsString(string(b))
}

// fibonacci is deliberately slow: the naive recursion stands in for
// CPU-heavy work such as encryption.
func fibonacci(n int) int {
	if n < 2 {
		return n
	}
	return fibonacci(n-1) + fibonacci(n-2)
}

// ANCHOR_END: work

// summary shortens a result for the trace.
func summary(v Js) string {
	if s, ok := v.AsString(); ok {
		return fmt.Sprintf("%d characters", len(s))
	}
	return v.String()
}

// testFile finds test.txt: in the working directory if it is there (go run
// from this chapter's directory), otherwise next to this source file (go
// run from the repository root).
func testFile() string {
	if _, err := os.Stat("test.txt"); err == nil {
		return "test.txt"
	}
	_, src, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(src), "test.txt")
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

// ANCHOR_END: print
