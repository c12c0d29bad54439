// ANCHOR: output

// Package console prints the trace lines of the runtime and of the
// programs it runs, in the book's format:
//
//	Thread: NAME<TAB> message
//
// Every thread passes its own name (Go has no thread names). One lock
// keeps lines, and whole content blocks, from interleaving. Every
// function here is safe to call from any goroutine.
package console

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

var (
	mu  sync.Mutex
	out io.Writer = os.Stdout // guarded by mu
	// discarding is whether out is io.Discard: then a line is not even
	// formatted.
	discarding atomic.Bool
)

// SetOutput sends every later line to w instead of standard output and
// returns the writer it replaces, so that a test can restore it. It is
// safe from any goroutine.
func SetOutput(w io.Writer) (previous io.Writer) {
	mu.Lock()
	defer mu.Unlock()
	previous, out = out, w
	discarding.Store(w == io.Discard)
	return previous
}

// silent reports whether a line printed now would go nowhere: the
// output is io.Discard.
func silent() bool { return discarding.Load() }

// ANCHOR_END: output

// ANCHOR: print

// ANCHOR: printline

// Print writes one trace line for thread. It is safe from any goroutine.
func Print(thread, msg string) {
	if silent() {
		return
	}
	write(fmt.Sprintf("Thread: %s\t %s\n", thread, msg))
}

// ANCHOR_END: printline

// Printf writes one trace line for thread, formatted from format and
// args as fmt.Sprintf formats them. It is safe from any goroutine.
// While the output is io.Discard, it returns before formatting: a
// benchmark that silences the trace does not pay for the lines it
// throws away.
func Printf(thread, format string, args ...any) {
	if silent() {
		return
	}
	Print(thread, fmt.Sprintf(format, args...))
}

// Printd is Printf for a format with one %d, taking the number as an
// int: a caller on a hot path (a line every tick, every timer) would box
// Printf's number into an interface, an allocation, before Printf could
// find that the line goes nowhere. It is safe from any goroutine.
func Printd(thread, format string, n int) {
	if silent() {
		return
	}
	Print(thread, fmt.Sprintf(format, n))
}

// Log prints a line of the program's own, like console.log in Node: the
// program and its callbacks run on the main thread, so the line is
// marked "main". It is safe from any goroutine, though only the loop
// thread has a reason to call it.
func Log(msg string) { Print("main", msg) }

// ANCHOR_END: print

// ANCHOR: content

// Content prints a longer text as a block, as the book's example does: a
// header naming what the text is, the text's first two lines, its
// Location line if it has one, and a footer. The block is written in one
// piece, so no other thread's line lands inside it. It is safe from any
// goroutine.
func Content(content, description string) {
	lines := strings.Split(content, "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n===== THREAD main START CONTENT - %s =====\n", strings.ToUpper(description))
	for _, line := range lines[:min(2, len(lines))] {
		b.WriteString(line + "\n")
	}
	if i := strings.Index(content, "Location"); i >= 0 {
		location, _, _ := strings.Cut(content[i:], "\n")
		b.WriteString(strings.TrimSuffix(location, "\r") + "\n")
	}
	b.WriteString("... [Note: Abbreviated for display] ...\n")
	b.WriteString("===== END CONTENT =====\n\n")
	write(b.String())
}

func write(s string) {
	mu.Lock()
	defer mu.Unlock()
	io.WriteString(out, s)
}

// ANCHOR_END: content
