//go:build exercises && solution

package main

// The reference answer to the exercise of exercise_queue.go. Try that file first.

import (
	"errors"
	"fmt"
)

// ErrQueueFull is what TrySubmit returns when the queue already holds as
// many waiting tasks as it may.
var ErrQueueFull = errors.New("pool: the queue is full")

// ErrPoolClosed is what Submit and TrySubmit return after Close.
var ErrPoolClosed = errors.New("pool: closed")

// ANCHOR: start

// BoundedPool runs tasks on a fixed set of OS threads. The queue is one
// buffered channel that every thread reads: a buffered channel already is
// a bounded FIFO whose send blocks while it is full, which is exactly
// back-pressure. The threads are chapter 02's, unchanged: each poolThread
// just gets the shared channel instead of one of its own.
//
// Submit, TrySubmit and Close must be called from one goroutine (the main
// thread), as Pool's Send and Close are.
type BoundedPool struct {
	queue   chan Task
	threads []poolThread
	closed  bool
}

// NewBoundedPool starts threads OS threads named pool0, pool1, … that take
// their tasks from a queue of at most capacity waiting tasks, and call
// deliver with every result.
func NewBoundedPool(threads, capacity int, deliver func(Result)) *BoundedPool {
	p := &BoundedPool{queue: make(chan Task, capacity)}
	for i := range threads {
		t := poolThread{name: fmt.Sprintf("pool%d", i), tasks: p.queue, done: make(chan struct{})}
		p.threads = append(p.threads, t)
		go t.loop(i, deliver)
	}
	return p
}

// Submit puts task in the queue. While the queue is full it blocks until a
// thread takes a task and makes room: that wait is the back-pressure.
func (p *BoundedPool) Submit(task Task) error {
	if p.closed {
		return ErrPoolClosed
	}
	p.queue <- task
	return nil
}

// TrySubmit puts task in the queue if there is room, and returns
// ErrQueueFull at once if there is not.
func (p *BoundedPool) TrySubmit(task Task) error {
	if p.closed {
		return ErrPoolClosed
	}
	select {
	case p.queue <- task:
		return nil
	default:
		return ErrQueueFull
	}
}

// Close lets the threads finish every task already queued, then stops
// them and waits until each has exited. The Close tasks queue behind the
// real ones, and each thread leaves at the first it takes, so one Close
// task per thread stops them all.
func (p *BoundedPool) Close() {
	if p.closed {
		return
	}
	p.closed = true
	for range p.threads {
		p.queue <- Task{Kind: Close}
	}
	for _, t := range p.threads {
		<-t.done
	}
}

// ANCHOR_END: start
