// ANCHOR: stack

package loop

//step:file errors

import (
	"bytes"
	"fmt"
	"runtime/debug"
)

// panicStack returns the loop thread's stack, called from the deferred
// function that recovered a panic, starting at the function that
// panicked: the frames of debug.Stack, of the deferred function and of
// panic itself say nothing to the reader, and Node's stack trace starts
// at the throw too. If the stack does not look as expected, it is
// returned whole.
func panicStack() []byte {
	stack := debug.Stack()
	header, frames, ok := bytes.Cut(stack, []byte("\n"))
	i := bytes.Index(frames, []byte("\npanic("))
	if !ok || i < 0 {
		return stack
	}
	rest := frames[i+1:]
	for range 2 { // a frame is two lines: the call, then file and line
		_, rest, _ = bytes.Cut(rest, []byte("\n"))
	}
	return append(append(header, '\n'), rest...)
}

// ANCHOR_END: stack

// ANCHOR: uncaught

// UncaughtError is what Run returns when the program or a callback
// panicked: Node's uncaught exception. It is a plain value, safe to use
// from any goroutine once Run has returned it.
type UncaughtError struct {
	Value any    // what the callback panicked with, or the promise's reason
	Stack []byte // the loop thread's stack, from the function that panicked; nil for a rejection
	// Origin is OriginRejection for a promise rejected with no handler;
	// empty (or OriginException) for a panic.
	Origin string
	// InHandler is set when the uncaught-exception handler itself
	// panicked (Value is what it panicked with): the run ends with
	// status 7 and the exit hooks do not run, as in Node.
	InHandler bool
}

// ExitCode returns the status the process ends with after this error,
// as Node's: 7 when the uncaught-exception handler itself panicked, 1
// otherwise.
func (e *UncaughtError) ExitCode() int {
	if e.InHandler {
		return exitHandlerFailed
	}
	return 1
}

// exitHandlerFailed is Node's exit status 7, "Internal Exception
// Handler Run-Time Failure": the uncaught-exception handler threw.
const exitHandlerFailed = 7

// Error returns the panic's message, or the rejection's.
func (e *UncaughtError) Error() string {
	if e.Origin == OriginRejection {
		return fmt.Sprintf("Uncaught (in promise): %v", e.Value)
	}
	return fmt.Sprintf("Uncaught panic: %v", e.Value)
}

// ANCHOR_END: uncaught

// ANCHOR: unwrap

// Unwrap returns the panic's value if it is an error.
func (e *UncaughtError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// ANCHOR_END: unwrap
