// ANCHOR: process

package loop

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// This file is Node's process object, the part of it a runtime owns:
// the uncaught-exception handler, the beforeExit and exit hooks, the exit
// code, process.exit, and the warnings Node prints on stderr.

// process is the runtime's share of Node's process object, and the
// queues run between callbacks; Runtime embeds it. Loop thread only.
type process struct {
	tickQueue  []func()   // NextTick's queue
	microtasks []func()   // QueueMicrotask's queue, and promise reactions
	rejections []*Promise // rejected with no handler, to report after the queues
	draining   bool       // invoke is emptying the queues
	onUncaught func(*UncaughtError)
	beforeExit []func(code int)
	onExit     []func(code int)
	exitCode   int
	exiting    bool      // the exit hooks are running
	stderr     io.Writer // where warnings go; nil means os.Stderr
}

// Origins of an UncaughtError, Node's names for them.
const (
	OriginException = "uncaughtException"  // a callback panicked
	OriginRejection = "unhandledRejection" // a promise was rejected with no handler
)

// ANCHOR_END: process

// ANCHOR: exiterror

// ExitError is what Run returns when the run ended with a non-zero exit
// code set by SetExitCode or Exit, and no uncaught error. It is a plain
// value.
type ExitError struct{ Code int }

// Error says the exit code.
func (e *ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// exitNow is what Exit panics with, to unwind the loop thread to Run
// from wherever it was called; no recover in the runtime keeps it.
type exitNow struct{}

// ANCHOR_END: exiterror

// ANCHOR: hooks

// OnUncaughtException sets the handler of uncaught errors: with one set,
// a callback that panics (or a promise rejected with no handler) is
// reported to it, and the loop goes on with the next callback, as with
// Node's process.on('uncaughtException'). With none (or nil), an
// uncaught error ends the run: Run returns it. A panic in the handler
// itself ends the run. Loop thread only.
func (rt *Runtime) OnUncaughtException(handler func(err *UncaughtError)) {
	rt.onUncaught = handler
}

// OnBeforeExit adds a hook that runs, with the exit code, each time the
// loop has nothing left to do: it may schedule work, and then the loop
// goes on and the hook runs again when that work is done, as Node's
// 'beforeExit' event. It does not run after Exit or an uncaught error.
// Loop thread only.
func (rt *Runtime) OnBeforeExit(hook func(code int)) {
	rt.beforeExit = append(rt.beforeExit, hook)
}

// OnExit adds a hook that runs once, after the loop, with the exit code:
// whether the loop ran dry, Exit was called or an uncaught error ended
// the run, as Node's 'exit' event. Work the hook schedules never runs;
// it may still change the exit code. Only microtasks it queues (promise
// reactions) still run, as V8 runs them after each exit listener in
// Node. Loop thread only.
func (rt *Runtime) OnExit(hook func(code int)) {
	rt.onExit = append(rt.onExit, hook)
}

// ANCHOR_END: hooks

// ANCHOR: exitcode

// SetExitCode sets the code the run ends with if nothing else sets it:
// Node's process.exitCode. Loop thread only.
func (rt *Runtime) SetExitCode(code int) { rt.exitCode = code }

// ExitCode returns the exit code as it stands. Loop thread only, or after
// Run has returned.
func (rt *Runtime) ExitCode() int { return rt.exitCode }

// Exit ends the run at once with code, as Node's process.exit: nothing
// still pending runs (no callback, no nextTick, no microtask), the exit
// hooks run, Run joins every thread, closes what is open and returns
// (nil for code 0, an *ExitError otherwise). It does not return: it
// unwinds the loop thread by panicking with a value only Run recovers.
// Loop thread only.
func (rt *Runtime) Exit(code int) {
	rt.exitCode = code
	panic(exitNow{})
}

// ANCHOR_END: exitcode

// ANCHOR: runexit

// runExitHooks runs the exit hooks with the exit code. A hook's panic
// becomes the run's uncaught error if it has none, and the other hooks
// still run.
func (rt *Runtime) runExitHooks(err error) error {
	rt.exiting = true
	for _, hook := range rt.onExit {
		func() {
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(exitNow); ok {
						return // Exit in an exit hook: its code stands
					}
					if err == nil {
						err = &UncaughtError{Value: r, Stack: panicStack()}
						rt.exitCode = 1
					}
				}
			}()
			hook(rt.exitCode)
			rt.runMicrotasks() // V8 empties its queue after each listener; nextTicks never run
		}()
	}
	return err
}

// runBeforeExit runs the beforeExit hooks, each as one callback.
func (rt *Runtime) runBeforeExit() {
	for _, hook := range rt.beforeExit {
		rt.invoke(func() { hook(rt.exitCode) })
	}
}

// ANCHOR_END: runexit

// ANCHOR: warn

// warn prints a process warning on stderr the way Node does:
// "(name:pid) Kind: message", name being the program's.
func (rt *Runtime) warn(kind, message string) {
	w := rt.stderr
	if w == nil {
		w = os.Stderr
	}
	fmt.Fprintf(w, "(%s:%d) %s: %s\n", filepath.Base(os.Args[0]), os.Getpid(), kind, message)
}

// SetWarningOutput sets where the runtime prints its warnings (such as
// TimeoutOverflowWarning); nil means os.Stderr, the default. Loop thread
// only.
func (rt *Runtime) SetWarningOutput(w io.Writer) { rt.stderr = w }

// ANCHOR_END: warn
