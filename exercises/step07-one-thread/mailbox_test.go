//go:build exercises

package onethread

import (
	"sync"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/07-one-thread/minimio"
)

// deaf is how long a Poll may wait with values in the box before the
// test calls the wake lost: far longer than a wake takes.
const deaf = 2 * time.Second

func newPoll(t *testing.T) *minimio.Poll {
	t.Helper()
	p, err := minimio.New()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMailboxWakesThePoll puts one value while the test's goroutine
// waits in Poll with a long timeout: the wait must end at once, woken,
// and Take must return the value.
func TestMailboxWakesThePoll(t *testing.T) {
	p := newPoll(t)
	defer p.Close()
	m := NewMailbox(p)
	go func() {
		time.Sleep(20 * time.Millisecond) // most likely while Poll waits; either way it must end the wait
		if err := m.Put(42); err != nil {
			t.Error(err)
		}
	}()
	events := minimio.NewEvents(8)
	start := time.Now()
	if err := p.Poll(&events, deaf); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); !p.Woken() || waited >= deaf {
		t.Fatalf("exercise: not done yet: Put (exercises/step07-one-thread/exercise_mailbox.go) "+
			"must wake the Poll; it waited its whole timeout (%v)", deaf)
	}
	if got := m.Take(); len(got) != 1 || got[0] != 42 {
		t.Fatalf("Take after the wake returned %v, want [42]", got)
	}
}

// TestMailboxLosesNoValue has four goroutines put 2,500 values each
// while the test's goroutine polls and takes: every value must arrive,
// and no Poll may sleep through its timeout with values in the box.
func TestMailboxLosesNoValue(t *testing.T) {
	const writers, each = 4, 2500
	p := newPoll(t)
	defer p.Close()
	m := NewMailbox(p)
	var wg sync.WaitGroup
	defer wg.Wait() // before the Poll is closed: a Put after Close fails
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if err := m.Put(w*each + i); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	seen := make([]bool, writers*each)
	got, polls := 0, 0
	events := minimio.NewEvents(8)
	for got < writers*each {
		start := time.Now()
		if err := p.Poll(&events, deaf); err != nil {
			t.Fatal(err)
		}
		polls++
		items := m.Take()
		if time.Since(start) >= deaf && len(items) > 0 {
			t.Fatalf("exercise: not done yet: a Poll slept its whole %v with %d values in the box "+
				"(Put in exercises/step07-one-thread/exercise_mailbox.go must wake it)", deaf, len(items))
		}
		for _, v := range items {
			if seen[v] {
				t.Fatalf("value %d taken twice", v)
			}
			seen[v] = true
			got++
		}
	}
	t.Logf("%d values in %d polls", got, polls)
}
