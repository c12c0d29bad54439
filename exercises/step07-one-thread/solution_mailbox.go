//go:build exercises && solution

package onethread

import (
	"sync"

	"github.com/nodeexperiment/gonode/steps/07-one-thread/minimio"
)

// Mailbox holds values put by any goroutine for the one goroutine that
// waits in a minimio.Poll.
type Mailbox struct {
	mu    sync.Mutex
	items []int // guarded by mu
	waker *minimio.Waker
}

// NewMailbox returns an empty Mailbox whose Put wakes p.
func NewMailbox(p *minimio.Poll) *Mailbox {
	return &Mailbox{waker: p.Waker()}
}

// Put adds v, then wakes the Poll. The order matters: a Poll woken
// before v is in would take nothing and, its wake drained, sleep with v
// in the box. Safe from any goroutine.
func (m *Mailbox) Put(v int) error {
	m.mu.Lock()
	m.items = append(m.items, v)
	m.mu.Unlock()
	return m.waker.Wake()
}

// Take returns everything put since the last Take.
func (m *Mailbox) Take() []int {
	m.mu.Lock()
	defer m.mu.Unlock()
	items := m.items
	m.items = nil
	return items
}
