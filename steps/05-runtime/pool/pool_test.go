package pool

import (
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/05-runtime/console"
	"github.com/nodeexperiment/gonode/steps/05-runtime/js"
)

func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// collect starts a pool of n threads whose results go to the returned
// channel.
func collect(n int) (*Pool, chan Result) {
	results := make(chan Result, 16)
	return New(n, func(r Result) { results <- r }), results
}

// wait returns the next result, and releases its thread if it went idle,
// as the loop does before it runs the callback.
func wait(t *testing.T, p *Pool, results chan Result) Result {
	t.Helper()
	select {
	case r := <-results:
		p.Release(r.Thread)
		return r
	case <-time.After(20 * time.Second):
		t.Fatal("no result within 20 s")
	}
	panic("unreachable")
}

func TestResultComesBackWithItsIDAndThread(t *testing.T) {
	p, results := collect(3)
	defer p.Close()
	p.Submit(Task{Name: "Encrypt", ID: 7, Run: func() (js.Value, error) { return js.Int(42), nil }})
	r := wait(t, p, results)
	if r.Thread != 2 || r.ID != 7 || r.Err != nil {
		t.Fatalf("got %+v, want thread 2, id 7, no error", r)
	}
	if n, ok := r.Value.AsInt(); !ok || n != 42 {
		t.Fatalf("got value %v, want 42", r.Value)
	}
}

func TestErrorIsDelivered(t *testing.T) {
	p, results := collect(1)
	defer p.Close()
	boom := errors.New("boom")
	p.Submit(Task{Name: "x", Run: func() (js.Value, error) { return js.Undefined, boom }})
	if r := wait(t, p, results); !errors.Is(r.Err, boom) {
		t.Fatalf("got error %v, want %v", r.Err, boom)
	}
}

// TestPanicBecomesAnError checks that a panicking task reaches its owner
// as a *PanicError and that the thread survives to run the next task.
func TestPanicBecomesAnError(t *testing.T) {
	p, results := collect(1)
	defer p.Close()
	p.Submit(Task{Name: "Crash", Run: func() (js.Value, error) { panic("oh no") }})
	r := wait(t, p, results)
	var pe *PanicError
	if !errors.As(r.Err, &pe) || pe.Value != "oh no" || !strings.Contains(pe.Error(), "oh no") {
		t.Fatalf("got error %v, want a *PanicError with %q", r.Err, "oh no")
	}
	if !strings.Contains(string(pe.Stack), "pool_test.go") {
		t.Errorf("the stack does not show where the panic happened:\n%s", pe.Stack)
	}
	p.Submit(Task{Name: "After", Run: func() (js.Value, error) { return js.String("ok"), nil }})
	if r := wait(t, p, results); r.Err != nil || r.Value.String() != "ok" {
		t.Fatalf("the thread did not survive the panic: %+v", r)
	}
}

// TestCloseWaitsForBusyThreads checks that Close returns only after a
// task that was running has finished and been delivered.
func TestCloseWaitsForBusyThreads(t *testing.T) {
	var mu sync.Mutex
	var delivered []int
	p := New(2, func(r Result) {
		mu.Lock()
		defer mu.Unlock()
		delivered = append(delivered, r.ID)
	})
	p.Submit(Task{Name: "slow", ID: 5, Run: func() (js.Value, error) {
		time.Sleep(50 * time.Millisecond)
		return js.Undefined, nil
	}})
	p.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(delivered) != 1 || delivered[0] != 5 {
		t.Fatalf("after Close, delivered %v, want [5]", delivered)
	}
}

func TestThreadsCloseInOrder(t *testing.T) {
	var b strings.Builder
	saved := console.SetOutput(&b)
	p := New(4, func(Result) {})
	p.Close()
	console.SetOutput(saved)
	want := ""
	for _, name := range []string{"pool0", "pool1", "pool2", "pool3"} {
		want += "Thread: " + name + "\t received a task of type: Close\n"
	}
	if b.String() != want {
		t.Fatalf("Close printed\n%s\nwant\n%s", b.String(), want)
	}
}

// TestIdleThreadsAreAStack checks that Submit wakes the thread that went
// idle last: at the start pool{n-1}, and after a task, the thread that
// ran it. The book's trace relies on it (final/trace.spec).
func TestIdleThreadsAreAStack(t *testing.T) {
	p, results := collect(4)
	defer p.Close()
	noop := func() (js.Value, error) { return js.Undefined, nil }
	p.Submit(Task{Name: "a", ID: 1, Run: noop})
	if r := wait(t, p, results); r.Thread != 3 {
		t.Fatalf("the first task ran on pool%d, want pool3", r.Thread)
	}
	// pool3 went idle before its result was delivered, so it is on top.
	p.Submit(Task{Name: "b", ID: 2, Run: noop})
	if r := wait(t, p, results); r.Thread != 3 {
		t.Fatalf("the second task ran on pool%d, want pool3 again", r.Thread)
	}
}

// TestBusyPoolRefusesWork checks the limit of a pool without a queue:
// with every thread busy, Submit panics instead of waiting.
func TestBusyPoolRefusesWork(t *testing.T) {
	p, results := collect(1)
	defer p.Close()
	release := make(chan struct{})
	p.Submit(Task{Name: "busy", ID: 1, Run: func() (js.Value, error) { <-release; return js.Undefined, nil }})
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Submit to a pool whose every thread is busy did not panic")
			}
		}()
		p.Submit(Task{Name: "refused", ID: 2, Run: func() (js.Value, error) { return js.Undefined, nil }})
	}()
	close(release)
	if r := wait(t, p, results); r.ID != 1 {
		t.Fatalf("got id %d, want 1", r.ID)
	}
}

// TestATaskNamedCloseIsJustATask submits a program's task whose name is
// the one Close's sentinel carries: it runs and delivers its result, and
// the thread goes on taking work; only the task Close sends ends a
// thread.
func TestATaskNamedCloseIsJustATask(t *testing.T) {
	p, results := collect(1)
	defer p.Close()
	p.Submit(Task{Name: "Close", ID: 1, Run: func() (js.Value, error) { return js.String("closed a file"), nil }})
	if r := wait(t, p, results); r.ID != 1 || r.Err != nil || r.Value != js.String("closed a file") {
		t.Fatalf("the task named Close delivered %+v", r)
	}
	p.Submit(Task{Name: "after", ID: 2, Run: func() (js.Value, error) { return js.Value{}, nil }})
	if r := wait(t, p, results); r.ID != 2 {
		t.Fatalf("the next task delivered %+v", r)
	}
}

// TestATaskNamedCloseIsRun submits a task named "Close" with no Run, the
// name of the task that stops a thread: it must be run (and its missing
// Run reported as a panic), not taken for the stop, which only Close can
// send.
func TestATaskNamedCloseIsRun(t *testing.T) {
	p, results := collect(1)
	defer p.Close()
	p.Submit(Task{Name: "Close", ID: 3})
	r := wait(t, p, results)
	var pe *PanicError
	if r.ID != 3 || !errors.As(r.Err, &pe) {
		t.Fatalf("got %+v, want task 3's result with a *PanicError", r)
	}
}
