//go:build exercises

package main

import (
	"errors"
	"runtime"
	"testing"
	"time"
)

// within fails the test unless ch yields a value in 10 s: a generous
// bound for a step that should take microseconds.
func within[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("%s had not happened after 10 s", what)
		panic("unreachable")
	}
}

// gated returns a task that says it has started and then waits for one
// value on gate.
func gated(id int, started chan<- int, gate <-chan struct{}) Task {
	return Task{Kind: Encrypt, CallbackID: id, Run: func() Js {
		started <- id
		<-gate
		return JsInt(id * 10)
	}}
}

// TestQueueBackPressure keeps both threads busy and the queue full, and checks
// that TrySubmit refuses at once, that Submit waits until a thread takes
// a task, and that every task runs once and hands its result back.
func TestQueueBackPressure(t *testing.T) {
	before := runtime.NumGoroutine()
	const threads, capacity = 2, 2
	results := make(chan Result, 16)
	pool := NewBoundedPool(threads, capacity, func(r Result) { results <- r })
	started := make(chan int, 16)
	gate := make(chan struct{})

	// Two tasks for the threads and two for the queue: none of these
	// Submits may block for long.
	submitted := make(chan error, 1)
	go func() {
		for id := 1; id <= threads+capacity; id++ {
			if err := pool.Submit(gated(id, started, gate)); err != nil {
				submitted <- err
				return
			}
		}
		submitted <- nil
	}()
	if err := within(t, submitted, "Submit of 4 tasks to 2 threads and a queue of 2"); err != nil {
		t.Fatal(err)
	}
	within(t, started, "the first task's start")
	within(t, started, "the second task's start")

	// Both threads are held at the gate and two tasks wait: full.
	if err := pool.TrySubmit(gated(99, started, gate)); !errors.Is(err, ErrQueueFull) {
		t.Fatalf("TrySubmit with both threads busy and %d tasks queued = %v, want ErrQueueFull", capacity, err)
	}
	go func() { submitted <- pool.Submit(gated(5, started, gate)) }()
	select {
	case err := <-submitted:
		t.Fatalf("Submit returned (%v) while the queue was full: it must block until there is room", err)
	case <-time.After(200 * time.Millisecond):
	}
	gate <- struct{}{} // one task finishes, a thread takes the next, room for task 5
	if err := within(t, submitted, "Submit's return once a thread had taken a task"); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		select {
		case gate <- struct{}{}:
		case <-time.After(10 * time.Second):
			t.Fatal("a queued task never started")
		}
	}

	seen := map[int]bool{}
	for range 5 {
		r := within(t, results, "a result")
		if n, _ := r.Value.AsInt(); n != r.CallbackID*10 || seen[r.CallbackID] {
			t.Fatalf("result %+v: a task ran twice or returned the wrong value", r)
		}
		if r.Thread < 0 || r.Thread >= threads {
			t.Fatalf("result %+v names thread %d; there are %d", r, r.Thread, threads)
		}
		seen[r.CallbackID] = true
	}
	if seen[99] {
		t.Fatal("the task TrySubmit refused ran anyway")
	}

	closed := make(chan struct{})
	go func() { pool.Close(); close(closed) }()
	within(t, closed, "Close")
	if err := pool.Submit(gated(6, started, gate)); !errors.Is(err, ErrPoolClosed) {
		t.Fatalf("Submit after Close = %v, want ErrPoolClosed", err)
	}
	for i := 0; runtime.NumGoroutine() > before; i++ {
		if i == 500 {
			t.Fatalf("%d goroutines before the pool, %d after Close: a thread did not exit", before, runtime.NumGoroutine())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestQueueCloseFinishesTheQueue queues more tasks than there are threads and
// closes at once: every queued task must still run before Close returns.
func TestQueueCloseFinishesTheQueue(t *testing.T) {
	results := make(chan Result, 16)
	pool := NewBoundedPool(1, 3, func(r Result) { results <- r })
	for id := 1; id <= 4; id++ {
		task := Task{Kind: Encrypt, CallbackID: id, Run: func() Js { return JsInt(fibonacci(15)) }}
		if err := pool.Submit(task); err != nil {
			t.Fatal(err)
		}
	}
	closed := make(chan struct{})
	go func() { pool.Close(); close(closed) }()
	within(t, closed, "Close")
	if len(results) != 4 {
		t.Fatalf("Close returned after %d of 4 queued tasks had run", len(results))
	}
	for id := 1; id <= 4; id++ {
		if r := <-results; r.CallbackID != id {
			t.Fatalf("with one thread the tasks ran out of order: task %d came %d-th", r.CallbackID, id)
		}
	}
}
