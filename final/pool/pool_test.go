package pool

import (
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/js"
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

func wait(t *testing.T, results chan Result) Result {
	t.Helper()
	select {
	case r := <-results:
		return r
	case <-time.After(20 * time.Second):
		t.Fatal("no result within 20 s")
	}
	panic("unreachable")
}

func TestResultComesBackWithItsIDAndThread(t *testing.T) {
	p, results := collect(3)
	defer p.Close()
	p.Send(2, Task{Name: "Encrypt", ID: 7, Run: func() (js.Value, error) { return js.Int(42), nil }})
	r := wait(t, results)
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
	p.Send(0, Task{Name: "x", Run: func() (js.Value, error) { return js.Undefined, boom }})
	if r := wait(t, results); !errors.Is(r.Err, boom) {
		t.Fatalf("got error %v, want %v", r.Err, boom)
	}
}

// TestPanicBecomesAnError checks that a panicking task reaches its owner
// as a *PanicError and that the thread survives to run the next task.
func TestPanicBecomesAnError(t *testing.T) {
	p, results := collect(1)
	defer p.Close()
	p.Send(0, Task{Name: "Crash", Run: func() (js.Value, error) { panic("oh no") }})
	r := wait(t, results)
	var pe *PanicError
	if !errors.As(r.Err, &pe) || pe.Value != "oh no" || !strings.Contains(pe.Error(), "oh no") {
		t.Fatalf("got error %v, want a *PanicError with %q", r.Err, "oh no")
	}
	if !strings.Contains(string(pe.Stack), "pool_test.go") {
		t.Errorf("the stack does not show where the panic happened:\n%s", pe.Stack)
	}
	p.Send(0, Task{Name: "After", Run: func() (js.Value, error) { return js.String("ok"), nil }})
	if r := wait(t, results); r.Err != nil || r.Value.String() != "ok" {
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
	p.Send(1, Task{Name: "slow", ID: 5, Run: func() (js.Value, error) {
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
