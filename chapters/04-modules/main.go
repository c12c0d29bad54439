// Command 04-modules is the fourth chapter's program, and the book's
// example: two file reads, a computation, timers and a slow web request,
// all in flight at once on one main thread.
//
//	go run ./chapters/04-modules
//
// It starts the local delay server in-process; set DELAY_SERVER=ip:port to
// use one that runs elsewhere.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/nodeexperiment/gonode/internal/delayserver"
)

// ANCHOR: init

// init runs on the main goroutine before main, while it is still on the
// process's first OS thread, and pins it there: from now on "main" in the
// trace really is the main thread.
func init() { runtime.LockOSThread() }

// ANCHOR_END: init

// ANCHOR: main

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "04-modules:", err)
		os.Exit(1)
	}
}

func run() error {
	addr, stopServer, err := delayserver.FromEnv()
	if err != nil {
		return err
	}
	defer stopServer()
	Http.Server = addr
	rt, err := NewRuntime()
	if err != nil {
		return err
	}
	return rt.Run(javascript)
}

// ANCHOR_END: main

// ANCHOR: javascript

// javascript is the book's example, the program the runtime runs: what
// would be a script in Node.
func javascript() {
	consoleLog("First call to read test.txt")
	Fs.Read(testFile(), func(result Js) {
		text, ok := result.AsString()
		if !ok {
			consoleLog(result.String())
			return
		}
		length := len(text)
		consoleLog(fmt.Sprintf("First count: %d characters.", length))
		consoleLog(`I want to create a "magic" number based on the text.`)
		Crypto.Encrypt(length, func(n Js) {
			consoleLog(`"Encrypted" number is: ` + n.String())
		})
	})

	consoleLog("Registering immediate timeout 1")
	SetTimeout(0, func(Js) { consoleLog("Immediate1 timed out") })
	consoleLog("Registering immediate timeout 2")
	SetTimeout(0, func(Js) { consoleLog("Immediate2 timed out") })

	consoleLog("Second call to read test.txt")
	Fs.Read(testFile(), func(result Js) {
		text, ok := result.AsString()
		if !ok {
			consoleLog(result.String())
			return
		}
		consoleLog(fmt.Sprintf("Second count: %d characters.", len(text)))
		consoleLog("Third call to read test.txt")
		Fs.Read(testFile(), func(result Js) {
			printContent(result.String(), "file read")
		})
	})

	consoleLog("Registering a 3000 and a 500 ms timeout")
	SetTimeout(3000, func(Js) {
		consoleLog("3000ms timer timed out")
		SetTimeout(500, func(Js) { consoleLog("500ms timer(nested) timed out") })
	})

	consoleLog("Registering a 1000 ms timeout")
	SetTimeout(1000, func(Js) { consoleLog("SETTIMEOUT") })

	// The missing colon in "http//" is the original's: the module puts
	// "http://" in front of it, and the server echoes what it got.
	consoleLog("Registering http get request to google.com")
	Http.GetSlow("http//www.google.com", 2000, func(result Js) {
		printContent(strings.TrimSpace(result.String()), "web call")
	})
}

// ANCHOR_END: javascript

// ANCHOR: testfile

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

// ANCHOR_END: testfile

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

// ANCHOR: printcontent

// printContent prints a longer text as a block, as the original did: a
// header naming the thread and what the text is, the text's first two
// lines, its Location line if it has one, and a footer. The whole block
// is written under the lock, so no other thread's line lands inside it.
func printContent(content, description string) {
	lines := strings.Split(content, "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n===== THREAD %s START CONTENT - %s =====\n", "main", strings.ToUpper(description))
	for _, line := range lines[:min(2, len(lines))] {
		b.WriteString(line + "\n")
	}
	if i := strings.Index(content, "Location"); i >= 0 {
		location, _, _ := strings.Cut(content[i:], "\n")
		b.WriteString(strings.TrimSuffix(location, "\r") + "\n")
	}
	b.WriteString("... [Note: Abbreviated for display] ...\n")
	b.WriteString("===== END CONTENT =====\n\n")
	printMu.Lock()
	defer printMu.Unlock()
	os.Stdout.WriteString(b.String())
}

// ANCHOR_END: printcontent
