// Package pool is the runtime's thread pool: a fixed set of OS threads,
// named pool0, pool1, ..., that run blocking work (a file read, a long
// computation) so that the loop thread never has to.
//
// The pool does not queue work and does not choose threads: whoever
// owns the pool (the loop) keeps the queue and sends each task to a
// thread it knows to be free. Each thread hands its results to a deliver
// function given to New, which must not block.
package pool

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/timeline"
)

// Task is one piece of blocking work, created on the loop thread and run
// on a pool thread; Send passes it over. Name says what it is ("File read")
// and is printed by the thread; ID is handed back in the Result so its
// owner can find the callback; Run does the work on the pool thread.
type Task struct {
	Name string
	ID   int
	Run  func() (js.Value, error)
}

// Result is what a thread hands back for a task: which thread ran it, the
// task's ID, and what Run returned. A panic in Run becomes a *PanicError
// in Err. A Result is created on a pool thread and handed to deliver on
// that same thread; deliver passes it on to the loop thread.
type Result struct {
	Thread int
	ID     int
	Value  js.Value
	Err    error
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

// Pool is a fixed set of OS threads. Send and Close must be called from
// one goroutine at a time (the loop thread); Size is safe from any
// goroutine.
type Pool struct {
	threads []thread
}

type thread struct {
	name  string
	tasks chan Task     // holds at most one task: a thread gets work only when free
	done  chan struct{} // closed when the thread has exited
}

// closeTask is the task that tells a thread to exit; only Close sends it.
const closeTask = "Close"

// New starts n threads, pool0 to pool{n-1}. Each runs its tasks one at a
// time and calls deliver with every result, from its own thread, so
// deliver must be safe from any goroutine. New itself may be called from
// any goroutine; the goroutine that calls Send and Close owns the pool.
func New(n int, deliver func(Result)) *Pool {
	p := &Pool{}
	for i := range n {
		t := thread{
			name:  fmt.Sprintf("pool%d", i),
			tasks: make(chan Task, 1),
			done:  make(chan struct{}),
		}
		p.threads = append(p.threads, t)
		go t.loop(i, deliver)
	}
	return p
}

// Size returns the number of threads. It is safe from any goroutine.
func (p *Pool) Size() int { return len(p.threads) }

// Send hands task to thread i, which must be free (its last result
// delivered). It does not wait for the thread to start. Loop thread only.
func (p *Pool) Send(i int, task Task) {
	p.threads[i].tasks <- task
}

// Close tells each thread in turn to exit and waits until it has, so
// the threads say goodbye in order: pool0, pool1, .... A thread that is
// busy finishes its task (and delivers it) first. Loop thread only.
func (p *Pool) Close() {
	for _, t := range p.threads {
		t.tasks <- Task{Name: closeTask}
		<-t.done
	}
}

// loop is the body of a pool thread. LockOSThread gives the goroutine an
// OS thread of its own for its whole life, so a task that blocks in a
// system call blocks this thread and no other, like a thread in libuv's
// pool; it is never unlocked, so the OS thread ends with the goroutine.
func (t thread) loop(id int, deliver func(Result)) {
	runtime.LockOSThread()
	defer close(t.done)
	idle := timeline.Now() // the timeline's hooks cost a nil check when off
	for task := range t.tasks {
		timeline.Span(t.name, timeline.Wait, "waiting for work", idle)
		timeline.Receive(t.name, "task", task.ID)
		console.Print(t.name, "received a task of type: "+task.Name)
		if task.Name == closeTask && task.Run == nil {
			return
		}
		start := timeline.Now()
		v, err := run(task)
		timeline.Span(t.name, timeline.Task, task.Name, start)
		console.Print(t.name, "finished running a task of type: "+task.Name+".")
		timeline.Send(t.name, "result", task.ID)
		deliver(Result{Thread: id, ID: task.ID, Value: v, Err: err})
		idle = timeline.Now()
	}
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
