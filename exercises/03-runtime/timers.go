package main

import (
	"container/heap"
	"time"
)

// ANCHOR: heap

// timer is one pending SetTimeout.
type timer struct {
	deadline   time.Time
	seq        uint64 // registration order, to break ties
	callbackID int
}

// timerHeap keeps the timers as a binary heap ordered by deadline and,
// for equal deadlines, by registration order: the earliest timer is
// always first, and two timers set for the same moment fire in the order
// they were set. (The original used a map keyed by the deadline alone, in
// which a second timer with the same deadline replaced the first.)
type timerHeap struct {
	items []timer
	seq   uint64
}

func (h *timerHeap) Len() int { return len(h.items) }
func (h *timerHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if !a.deadline.Equal(b.deadline) {
		return a.deadline.Before(b.deadline)
	}
	return a.seq < b.seq
}
func (h *timerHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *timerHeap) Push(x any)    { h.items = append(h.items, x.(timer)) }
func (h *timerHeap) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}

// add inserts a timer.
func (h *timerHeap) add(deadline time.Time, callbackID int) {
	h.seq++
	heap.Push(h, timer{deadline: deadline, seq: h.seq, callbackID: callbackID})
}

// peek returns the earliest timer; the heap must not be empty.
func (h *timerHeap) peek() timer { return h.items[0] }

// popFirst removes and returns the earliest timer.
func (h *timerHeap) popFirst() timer { return heap.Pop(h).(timer) }

// ANCHOR_END: heap
