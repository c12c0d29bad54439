//go:build exercises && !solution

package onethread

import (
	"sync"

	"github.com/nodeexperiment/gonode/steps/07-one-thread/minimio"
)

// Exercise step 07, Mailbox: the inbox and its waker, on their own.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run Mailbox ./exercises/step07-one-thread
//
// The reference answer is in solution_mailbox.go; the same test runs it
// with -tags exercises,solution.

// ANCHOR: start

// Mailbox holds values put by any goroutine for the one goroutine that
// waits in a minimio.Poll: that goroutine takes them all at once after
// Poll returns, as the loop takes its inbox.
type Mailbox struct {
	mu    sync.Mutex
	items []int // guarded by mu
	waker *minimio.Waker
}

// NewMailbox returns an empty Mailbox whose Put wakes p.
func NewMailbox(p *minimio.Poll) *Mailbox {
	return &Mailbox{waker: p.Waker()}
}

// Put adds v, and makes the Poll return, or the next Poll if none is
// waiting, so that the polling goroutine takes v without waiting for
// its timeout. Safe from any goroutine.
//
// This starting point adds v but wakes no one: the deaf loop.
func (m *Mailbox) Put(v int) error {
	m.mu.Lock()
	m.items = append(m.items, v)
	m.mu.Unlock()
	return nil
}

// Take returns everything put since the last Take, in the order it was
// put. Only the polling goroutine calls it.
func (m *Mailbox) Take() []int {
	m.mu.Lock()
	defer m.mu.Unlock()
	items := m.items
	m.items = nil
	return items
}

// ANCHOR_END: start
