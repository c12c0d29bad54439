// Command idiomatic is the book's example as a Go programmer would write
// it with no event loop of their own: a goroutine per operation, each
// written as plain sequential code (os.ReadFile, net/http, time.After), a
// sync.WaitGroup for what is still running, and one channel that brings
// every line back to main, which prints it. The page "Go's own event
// loop" shows it and its run:
//
//	go run ./final/examples/idiomatic
//
// trace.spec says what every run must print; it cannot order the two
// 0 ms timers, because nothing here promises an order for them.
package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/nodeexperiment/gonode/internal/delayserver"
)

func main() {
	server, stop, err := delayserver.FromEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, "idiomatic:", err)
		os.Exit(1)
	}
	defer stop()
	example(server)
}

// ANCHOR: example

// example starts every operation of the book's example on a goroutine of
// its own and prints what they report, in the order it arrives.
func example(server string) {
	lines := make(chan string) // every goroutine reports here; main prints
	var running sync.WaitGroup
	start := func(f func()) {
		running.Add(1)
		go func() { defer running.Done(); f() }()
	}

	say("First call to read test.txt")
	start(func() {
		text, err := readSlowly(testFile())
		if err != nil {
			lines <- "Error: " + err.Error()
			return
		}
		lines <- fmt.Sprintf("First count: %d characters.", len(text))
		lines <- `I want to create a "magic" number based on the text.`
		lines <- fmt.Sprintf(`"Encrypted" number is: %d`, fib(len(text)))
	})

	say("Registering immediate timeout 1")
	start(func() { <-time.After(0); lines <- "Immediate1 timed out" })
	say("Registering immediate timeout 2")
	start(func() { <-time.After(0); lines <- "Immediate2 timed out" })

	say("Second call to read test.txt")
	start(func() {
		text, err := readSlowly(testFile())
		if err != nil {
			lines <- "Error: " + err.Error()
			return
		}
		lines <- fmt.Sprintf("Second count: %d characters.", len(text))
		lines <- "Third call to read test.txt"
		text, err = readSlowly(testFile())
		if err != nil {
			lines <- "Error: " + err.Error()
			return
		}
		lines <- "file read: " + strings.TrimSpace(text)
	})

	say("Registering a 3000 and a 500 ms timeout")
	start(func() {
		time.Sleep(3000 * time.Millisecond)
		lines <- "3000ms timer timed out"
		time.Sleep(500 * time.Millisecond)
		lines <- "500ms timer(nested) timed out"
	})

	say("Registering a 1000 ms timeout")
	start(func() { time.Sleep(1000 * time.Millisecond); lines <- "SETTIMEOUT" })

	say("Registering http get request to google.com")
	start(func() {
		lines <- webCall("http://" + server + "/delay/2000/url/http://www.google.com")
	})

	go func() { running.Wait(); close(lines) }()
	for line := range lines {
		say(line)
	}
	say("FINISHED")
}

// webCall gets url and describes the answer in one line. It does not
// follow the redirect the delay server answers with.
func webCall(url string) string {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := client.Get(url)
	if err != nil {
		return "Error: " + err.Error()
	}
	defer resp.Body.Close()
	return fmt.Sprintf("web call: %s %s, Location: %s", resp.Proto, resp.Status, resp.Header.Get("Location"))
}

// ANCHOR_END: example

// say prints one line of the trace. Only main calls it.
func say(s string) { fmt.Printf("Thread: main\t %s\n", s) }

// readSlowly reads the file after a second, the slow disk the book's
// fs.Read pretends to have. A goroutine blocked here costs no thread of
// ours: the Go runtime runs the others meanwhile.
func readSlowly(path string) (string, error) {
	time.Sleep(time.Second)
	b, err := os.ReadFile(path)
	return string(b), err
}

// fib is the book's "encryption": the n-th Fibonacci number, computed the
// slow way, as chapter 04's Crypto module does.
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

// testFile is final/test.txt, found from this source file, so that the
// program runs from any directory.
func testFile() string {
	_, src, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(src), "..", "..", "test.txt")
}
