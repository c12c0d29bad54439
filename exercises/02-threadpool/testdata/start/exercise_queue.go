//go:build exercises && !solution

package main

// Exercise 02.1, a bounded queue: give chapter 02's pool a queue of its
// own, bounded, with back-pressure.
//
// This is the file you edit. js.go, main.go and pool.go are chapter 02's,
// unchanged, and you may use anything in them (poolThread and its loop in
// particular). Check your answer with
//
//	go test -tags exercises -run Queue ./exercises/02-threadpool
//
// (leave -run out for all of this chapter's exercises; make exercises runs
// every exercise). The reference answer is in solution_queue.go; the same
// test runs it with -tags exercises,solution.

import "errors"

// ErrQueueFull is what TrySubmit returns when the queue already holds as
// many waiting tasks as it may.
var ErrQueueFull = errors.New("pool: the queue is full")

// ErrPoolClosed is what Submit and TrySubmit return after Close.
var ErrPoolClosed = errors.New("pool: closed")

// ANCHOR: start

// BoundedPool runs tasks on a fixed set of OS threads, like Pool, but the
// caller does not pick a free thread: tasks wait in one queue that holds at
// most capacity of them, and whichever thread is free takes the next.
//
// Submit, TrySubmit and Close must be called from one goroutine (the main
// thread), as Pool's Send and Close are.
type BoundedPool struct {
	// Your fields here.
}

// NewBoundedPool starts threads OS threads named pool0, pool1, … that take
// their tasks from a queue of at most capacity waiting tasks, and call
// deliver with every result.
func NewBoundedPool(threads, capacity int, deliver func(Result)) *BoundedPool {
	return &BoundedPool{}
}

// Submit puts task in the queue. While the queue is full it blocks until a
// thread takes a task and makes room: that wait is the back-pressure.
func (p *BoundedPool) Submit(task Task) error {
	return errors.New("exercise: not done yet: BoundedPool.Submit (exercises/02-threadpool/exercise_queue.go) " +
		"must queue the task, and block while capacity tasks are already waiting")
}

// TrySubmit puts task in the queue if there is room, and returns
// ErrQueueFull at once if there is not.
func (p *BoundedPool) TrySubmit(task Task) error {
	return errors.New("exercise: not done yet: BoundedPool.TrySubmit (exercises/02-threadpool/exercise_queue.go) " +
		"must queue the task, or return ErrQueueFull at once when the queue is full")
}

// Close lets the threads finish every task already queued, then stops
// them and waits until each has exited.
func (p *BoundedPool) Close() {}

// ANCHOR_END: start
