// ANCHOR: pool-package

// Package pool is the runtime's thread pool: a fixed set of OS threads,
// named pool0, pool1, ..., that run blocking work (a file read, a long
// computation) so that the loop thread never has to.
//
// Each thread runs one task at a time and hands its results to a
// deliver function given to New, which must not block; Submit says what
// becomes of work submitted while every thread is busy.
package pool

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/nodeexperiment/gonode/steps/11-errors/console"
	"github.com/nodeexperiment/gonode/steps/11-errors/js"
)

// ANCHOR_END: pool-package

// ANCHOR: pool-types

// Task is one piece of blocking work, created on the loop thread and run
// on a pool thread; Submit passes it over. Name says what it is ("File read")
// and is printed by the thread; ID is handed back in the Result so its
// owner can find the callback; Run does the work on the pool thread.
type Task struct {
	Name string
	ID   int
	Run  func() (js.Value, error)
	stop bool // set only by Close, so no caller's task can pass for it
}

// Result is what a thread hands back for a task: which thread ran it, the
// task's ID and what Run returned. A panic in Run becomes a *PanicError
// in Err. A Result is created on a pool thread and handed to deliver on
// that same thread; deliver passes it on to the loop thread.
type Result struct {
	Thread int
	ID     int
	Value  js.Value
	Err    error
	Idle   bool // the thread found no queued work and sleeps until Release
}

// PanicError is the error a task's result carries when its Run panicked.
// It is created on the pool thread and not changed after, so it is safe
// to read from any goroutine.
type PanicError struct {
	Task  string // the task's Name
	Value any    // what Run panicked with
	Stack []byte // the pool thread's stack at the panic
}

// Error returns the panic's message.
func (e *PanicError) Error() string {
	return fmt.Sprintf("pool task %q panicked: %v", e.Task, e.Value)
}

// ANCHOR_END: pool-types

// ANCHOR: pool-new

// Pool is a fixed set of OS threads and the queue of work waiting for
// them. Submit, Release and Close must be called from one goroutine at a
// time (the owner: the loop thread); Size is safe from any goroutine.
//
// The threads take queued work themselves, as libuv's do: a thread that
// finishes a task while work is queued takes the oldest task at once,
// before it hands the result over, so a busy pool never waits for its
// owner between two tasks. A thread that finds the queue empty hands its
// result over marked Idle and sleeps until the owner calls Release for
// it, which the loop does just before it runs that result's callback. So
// the thread whose callback runs is the thread that callback's new work
// goes to, whatever order the results came in: the book's trace depends
// on that (final/trace.spec).
type Pool struct {
	threads []*thread

	mu    sync.Mutex
	queue []Task // work waiting for a thread, first in first out; guarded by mu
	idle  []int  // released threads, a stack: the last released wakes first; guarded by mu
}

type thread struct {
	name string
	slot chan Task     // holds at most one task: only an idle thread is given one
	done chan struct{} // closed when the thread has exited
}

// closeTask is the task that tells a thread to exit; only Close sends it.
// It is told apart by its unexported stop field, not by its name.
var closeTask = Task{Name: "Close", stop: true}

// New starts n threads, pool0 to pool{n-1}, all idle. Each runs its tasks
// one at a time and calls deliver with every result, from its own thread,
// so deliver must be safe from any goroutine and must not block. New
// itself may be called from any goroutine; the goroutine that calls
// Submit and Close owns the pool.
func New(n int, deliver func(Result)) *Pool {
	p := &Pool{}
	for i := range n {
		t := &thread{
			name: fmt.Sprintf("pool%d", i),
			slot: make(chan Task, 1),
			done: make(chan struct{}),
		}
		p.threads = append(p.threads, t)
		p.idle = append(p.idle, i)
		go p.worker(t, i, deliver)
	}
	return p
}

// Size returns the number of threads. It is safe from any goroutine.
func (p *Pool) Size() int { return len(p.threads) }

// ANCHOR_END: pool-new

// ANCHOR: submit

// Submit runs task on a pool thread. If a thread is idle, the one
// released last gets it and wakes; otherwise the task waits in the
// queue until a thread finishes what it is doing. Submit never blocks
// for long and never refuses work. Owner only (the loop thread).
func (p *Pool) Submit(task Task) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		i := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		p.threads[i].slot <- task // an idle thread's slot is empty
		return
	}
	p.queue = append(p.queue, task)
	p.mu.Unlock()
}

// Release puts thread i, which delivered a result marked Idle, back to
// work: it takes the oldest queued task if there is one, and otherwise
// goes on top of the idle stack, so the next Submit wakes it first.
// Owner only.
func (p *Pool) Release(i int) {
	p.mu.Lock()
	task, ok := p.pop()
	if !ok {
		p.idle = append(p.idle, i)
	}
	p.mu.Unlock()
	if ok {
		p.threads[i].slot <- task // a thread waiting for Release has an empty slot
	}
}

// pop takes the oldest queued task, if any. p.mu must be held.
func (p *Pool) pop() (Task, bool) {
	if len(p.queue) == 0 {
		return Task{}, false
	}
	task := p.queue[0]
	p.queue[0] = Task{}
	p.queue = p.queue[1:]
	return task, true
}

// ANCHOR_END: submit

// ANCHOR: pool-close

// Close tells each thread in turn to exit and waits until it has, so
// the threads say goodbye in order: pool0, pool1, .... A thread that is
// busy finishes its task (and delivers it) first. Owner only.
func (p *Pool) Close() {
	// Work still queued is dropped: the loop has stopped, and no one
	// would take its result.
	p.mu.Lock()
	p.queue = nil
	p.mu.Unlock()
	for _, t := range p.threads {
		t.slot <- closeTask
		<-t.done
	}
}

// ANCHOR_END: pool-close

// ANCHOR: pool-thread

// worker is the body of pool thread i (libuv's name for it). LockOSThread gives the goroutine an
// OS thread of its own for its whole life, so a task that blocks in a
// system call blocks this thread and no other, like a thread in libuv's
// pool; it is never unlocked, so the OS thread ends with the goroutine.
func (p *Pool) worker(t *thread, i int, deliver func(Result)) {
	runtime.LockOSThread()
	defer close(t.done)
	// ANCHOR: workerhooks
	task := <-t.slot
	for {
		console.Print(t.name, "received a task of type: "+task.Name)
		if task.stop {
			return
		}
		v, err := run(task)
		console.Print(t.name, "finished running a task of type: "+task.Name+".")
		p.mu.Lock()
		next, busy := p.pop() // the oldest queued task, taken before the owner hears
		p.mu.Unlock()
		deliver(Result{Thread: i, ID: task.ID, Value: v, Err: err, Idle: !busy})
		if !busy {
			next = <-t.slot
		}
		task = next
	}
	// ANCHOR_END: workerhooks
}

// run calls task.Run and turns a panic into a *PanicError, so that one
// failing task neither kills the process nor loses its thread.
func run(task Task) (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Task: task.Name, Value: r, Stack: debug.Stack()}
		}
	}()
	return task.Run()
}

// ANCHOR_END: pool-thread
