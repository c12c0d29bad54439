// ANCHOR: process

package loop

//step:file timers

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

//step:before errors
// // This file is Node's process object, the part of it a runtime owns:
// // the state of the process struct, and the warnings Node prints on
// // stderr.
//step:end errors
//step:begin errors
// This file is Node's process object, the part of it a runtime owns:
// the uncaught-exception handler, the beforeExit and exit hooks, the exit
// code, process.exit, and the warnings Node prints on stderr.
//step:end errors

//step:before queues
// // process is the runtime's share of Node's process object; Runtime
// // embeds it. Loop thread only.
// type process struct {
//step:end queues
//step:begin queues

// process is the runtime's share of Node's process object, and the
// queues run between callbacks; Runtime embeds it. Loop thread only.
type process struct {
	//step:end queues
	tickQueue  []func()   // NextTick's queue //step:queues
	microtasks []func()   // QueueMicrotask's queue, and promise reactions //step:queues
	rejections []*Promise // rejected with no handler, to report after the queues //step:errors
	draining   bool       // invoke is emptying the queues //step:queues
	//step:begin errors
	onUncaught func(*UncaughtError)
	beforeExit []func(code int)
	onExit     []func(code int)
	exitCode   int
	exitCalled bool // Exit was called: no microtask checkpoint after the exit hooks
	exiting    bool // the exit hooks are running
	//step:end errors
	stderr io.Writer // where warnings go; nil means os.Stderr
}

//step:begin errors

// Origins of an UncaughtError, Node's names for them.
const (
	OriginException = "uncaughtException"  // a callback panicked
	OriginRejection = "unhandledRejection" // a promise was rejected with no handler
)

//step:end errors

// ANCHOR_END: process

//step:begin errors
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
// itself ends the run at once, with no exit hook, and Run returns it as
// an *UncaughtError whose InHandler is set (Node's status 7). Loop
// thread only.
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

// OnExit adds a hook that runs once, after the loop, as Node's 'exit'
// event: whether the loop ran dry, Exit was called or an uncaught error
// ended the run (but not when the uncaught-exception handler itself
// panicked). Every hook gets the exit code as it stood when the run
// ended, even if an earlier hook changed it; the run ends with the code
// as the hooks leave it. Work a hook schedules never runs, with one
// exception: when the loop ran dry, the microtasks the hooks queued
// (promise reactions) run once, after the last hook, as the microtask
// checkpoint after Node's emit('exit'). Exit in a hook ends the run at
// once with its code: the later hooks do not run. Loop thread only.
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
	rt.exitCalled = true
	panic(exitNow{})
}

// ANCHOR_END: exitcode

// ANCHOR: runexit

// runExitHooks runs the exit hooks after a run that ended with err (nil
// for a natural end or Exit). What was still queued when the run ended
// never runs, nor do the nextTicks the hooks queue. Every hook gets the code as it stood then. A hook's panic
// becomes the run's uncaught error if it has none, and the other hooks
// still run; Exit in a hook stops them. After a natural end, the
// microtasks the hooks queued run once, after the last hook.
func (rt *Runtime) runExitHooks(err error) error {
	if u, ok := err.(*UncaughtError); ok && u.InHandler {
		rt.exitCode = exitHandlerFailed
		return err // Node exits at once: no 'exit' event
	}
	rt.exiting = true
	code := rt.exitCode
	for _, hook := range rt.onExit {
		if !rt.exitStep(func() { hook(code) }, &err) {
			return err
		}
	}
	if err == nil && !rt.exitCalled {
		rt.exitStep(rt.runMicrotasks, &err) // the queues were empty before the hooks
	}
	return err
}

// exitStep runs f, an exit hook or the microtask checkpoint after them.
// A panic in f becomes *err if it is nil; Exit in f makes exitStep
// report false: nothing more is to run.
func (rt *Runtime) exitStep(f func(), err *error) (goOn bool) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if _, ok := r.(exitNow); ok {
			goOn = false // Exit in an exit hook: its code stands
			return
		}
		if *err == nil {
			u, ok := r.(*UncaughtError)
			if !ok {
				u = &UncaughtError{Value: r, Stack: panicStack()}
			}
			*err = u
			rt.exitCode = 1
		}
	}()
	f()
	return true
}

// runBeforeExit runs the beforeExit hooks, each as one callback.
func (rt *Runtime) runBeforeExit() {
	for _, hook := range rt.beforeExit {
		rt.invoke(func() { hook(rt.exitCode) })
	}
}

// ANCHOR_END: runexit
//step:end errors

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
