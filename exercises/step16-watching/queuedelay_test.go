//go:build exercises

package watching

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/16-watching/console"
	"github.com/nodeexperiment/gonode/steps/16-watching/js"
	"github.com/nodeexperiment/gonode/steps/16-watching/loop"
	"github.com/nodeexperiment/gonode/steps/16-watching/timeline"
)

// record runs, on a runtime of threads pool threads, n tasks that each
// sleep for d, queued at once by the program, while a timeline records;
// it returns the recording and the tasks' ids in the order queued.
func record(t *testing.T, threads, n int, d time.Duration) (*timeline.Recorder, []int) {
	t.Helper()
	saved := console.SetOutput(discard{})
	defer console.SetOutput(saved)
	rt, err := loop.New(loop.Config{PoolSize: threads})
	if err != nil {
		t.Fatal(err)
	}
	r := timeline.Start()
	defer timeline.Stop()
	var ids []int
	err = runLocked(func() error {
		return rt.Run(func() {
			for range n {
				rt.QueueWork("sleep", func() (js.Value, error) {
					time.Sleep(d)
					return js.Undefined, nil
				}, func(error, js.Value) {})
			}
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range r.Handoffs() {
		if h.What == "task" && !slices.Contains(ids, h.ID) {
			ids = append(ids, h.ID)
		}
	}
	slices.SortFunc(ids, func(a, b int) int { return a - b })
	if len(ids) != n {
		t.Fatalf("the recording holds %d task hand-offs, want %d", len(ids), n)
	}
	return r, ids
}

// runLocked runs f on a goroutine locked to its OS thread, as the loop
// thread must be.
func runLocked(f func() error) error {
	done := make(chan error)
	go func() {
		runtime.LockOSThread()
		done <- f()
	}()
	return <-done
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestQueueDelayOneThread queues three 50 ms tasks on a pool of one
// thread: the second waits for the first, the third for both.
func TestQueueDelayOneThread(t *testing.T) {
	r, ids := record(t, 1, 3, 50*time.Millisecond)
	delays, err := QueueDelays(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(delays) != 3 {
		t.Fatalf("QueueDelays has %d tasks, want the 3 queued: %v", len(delays), delays)
	}
	for i, want := range []time.Duration{0, 50 * time.Millisecond, 100 * time.Millisecond} {
		if d, ok := delays[ids[i]]; !ok || d < want {
			t.Errorf("task %d (queued %d of 3) waited %v (found: %t); on one thread it waits at least %v", ids[i], i+1, d, ok, want)
		}
	}
}

// TestQueueDelayIsTheHandoff checks each delay against the recording
// itself: the task's hand-off, from main's Send to the pool thread's
// Receive, and nothing else (not the result's way back, not the time
// since the recording started).
func TestQueueDelayIsTheHandoff(t *testing.T) {
	r, ids := record(t, 2, 5, 20*time.Millisecond)
	delays, err := QueueDelays(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(delays) != len(ids) {
		t.Fatalf("QueueDelays has %d entries, want one per task (%d): %v", len(delays), len(ids), delays)
	}
	for _, h := range r.Handoffs() {
		if h.What != "task" {
			continue
		}
		if h.From != "main" || h.To == "main" {
			t.Fatalf("task %d went from %s to %s; a task goes from main to a pool thread", h.ID, h.From, h.To)
		}
		if got, want := delays[h.ID], h.Received-h.Sent; got != want {
			t.Errorf("task %d: QueueDelays says %v; its hand-off was sent at %v and received at %v, %v later", h.ID, got, h.Sent, h.Received, want)
		}
	}
}
