package main

import (
	"fmt"
	"runtime"
)

// ANCHOR: kind

// TaskKind says what a pool task does; the pool threads print it.
type TaskKind int

// The kinds of pool task.
const (
	// FileRead reads a file (Fs.Read).
	FileRead TaskKind = iota
	// Encrypt runs a CPU-heavy computation (Crypto.Encrypt).
	Encrypt
	// Close tells a pool thread to exit.
	Close
)

// String returns the kind as the original printed it.
func (k TaskKind) String() string {
	switch k {
	case FileRead:
		return "File read"
	case Encrypt:
		return "Encrypt"
	case Close:
		return "Close"
	}
	return fmt.Sprintf("TaskKind(%d)", int(k))
}

// ANCHOR_END: kind

// ANCHOR: task

// Task is one piece of blocking work for the pool: the function to run on
// a pool thread, the callback that will receive its result on the main
// thread, and its kind.
type Task struct {
	Run        func() Js
	CallbackID int
	Kind       TaskKind
}

// Result is what a pool thread hands back: which thread ran the task (so
// it can be marked free again), whose callback gets the value, and the
// value.
type Result struct {
	Thread     int
	CallbackID int
	Value      Js
}

// ANCHOR_END: task

// ANCHOR: pool

// Pool is a fixed set of OS threads that run blocking tasks. Each thread
// has its own task channel, as in the original; all of them hand their
// results to one function, deliver, which passes them to the main thread.
//
// Send and Close must be called from the main thread.
type Pool struct {
	threads []poolThread
}

type poolThread struct {
	name  string
	tasks chan Task
	done  chan struct{} // closed when the thread has exited
}

// NewPool starts n threads named pool0, pool1, …. Each runs its tasks one
// at a time and calls deliver with every result.
func NewPool(n int, deliver func(Result)) *Pool {
	p := &Pool{}
	for i := range n {
		t := poolThread{
			name:  fmt.Sprintf("pool%d", i),
			tasks: make(chan Task),
			done:  make(chan struct{}),
		}
		p.threads = append(p.threads, t)
		go t.loop(i, deliver)
	}
	return p
}

// ANCHOR_END: pool

// ANCHOR: loop

// loop is the body of a pool thread. LockOSThread makes the goroutine an
// OS thread of its own for its whole life: a task that blocks in a system
// call (a file read) or computes for a second blocks this thread and no
// other, just like a thread in libuv's pool.
func (t poolThread) loop(id int, deliver func(Result)) {
	runtime.LockOSThread() // never unlocked: the OS thread exits with us
	defer close(t.done)
	for task := range t.tasks {
		print(t.name, "received a task of type: "+task.Kind.String())
		if task.Kind == Close {
			return
		}
		value := task.Run()
		print(t.name, "finished running a task of type: "+task.Kind.String()+".")
		deliver(Result{Thread: id, CallbackID: task.CallbackID, Value: value})
	}
}

// ANCHOR_END: loop

// Size returns the number of threads.
func (p *Pool) Size() int { return len(p.threads) }

// ANCHOR: send

// Send hands task to thread i. The thread must be free: it blocks until
// the thread takes the task.
func (p *Pool) Send(i int, task Task) {
	p.threads[i].tasks <- task
}

// ANCHOR_END: send

// ANCHOR: close

// Close sends a Close task to each thread in turn and waits for it to
// exit before going on to the next, so the threads always say goodbye in
// order: pool0, pool1, pool2, pool3.
func (p *Pool) Close() {
	for _, t := range p.threads {
		t.tasks <- Task{Kind: Close}
		<-t.done
	}
}

// ANCHOR_END: close
