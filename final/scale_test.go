package main

// The scale and abuse tests: many connections, timers and pool tasks at
// once, and the book's example under a storm of signals.
//
// By default they run at small sizes, in seconds, as part of
// `go test ./...`. FULL_SCALE=1 runs the sizes the book quotes:
//
//	FULL_SCALE=1 go test -count=1 -v -run 'Scale|Storm' ./final
//
//	                      default   FULL_SCALE=1
//	TestScaleConnections      500         10,000  concurrent GETs through the poller
//	TestScaleTimers        20,000      1,000,000  timers in one loop
//	TestScalePoolTasks      5,000        100,000  pool tasks in flight
//
// SCALE_CONNS, SCALE_TIMERS and SCALE_TASKS set one size on their own.
// Each test logs what it measured (-v shows it), and checks correctness
// only: every callback once, with the right value, no timer early, and
// goroutines and open files back to where they were. Speed is for
// `make bench`, not for a test.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/http"
	"github.com/nodeexperiment/gonode/final/internal/looptest"
	"github.com/nodeexperiment/gonode/final/internal/program"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/internal/delayserver"
	"github.com/nodeexperiment/gonode/internal/delayserver/delaytest"
	"github.com/nodeexperiment/gonode/internal/trace"
)

// envServeDelay makes the test binary a delay server, for a test that
// needs the server's sockets out of its own process (see startServer).
const envServeDelay = "GONODE_SCALE_SERVER"

// init turns this process into a delay server when the parent test asks:
// it prints the address, serves until its standard input closes, and
// exits.
func init() {
	if os.Getenv(envServeDelay) != "1" {
		return
	}
	s, err := delayserver.Start("127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(s.Addr())
	io.Copy(io.Discard, os.Stdin)
	s.Close()
	os.Exit(0)
}

// scaleSize returns the size a test runs at: the variable env if set,
// full under FULL_SCALE=1, small otherwise.
func scaleSize(t *testing.T, env string, small, full int) int {
	t.Helper()
	if v := os.Getenv(env); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive number", env, v)
		}
		return n
	}
	if os.Getenv("FULL_SCALE") == "1" {
		return full
	}
	return small
}

// startServer starts a delay server for n connections: in this process
// if the open-file limit leaves room for both ends of every connection,
// otherwise in a child process (this test binary again), so that each
// process holds one end.
func startServer(t *testing.T, n int) string {
	t.Helper()
	limit := raiseFileLimit(t)
	if limit < 0 || 2*n+200 <= limit {
		return delaytest.Start(t)
	}
	if n+200 > limit {
		t.Skipf("%d connections need %d open files; the hard limit (RLIMIT_NOFILE) is %d", n, n+200, limit)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envServeDelay+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close() // the child's signal to stop
		cmd.Wait()
	})
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("the delay server child: %v", err)
	}
	return strings.TrimSpace(addr)
}

// TestScaleConnections opens n connections to the delay server at once
// (500 by default, 10,000 with FULL_SCALE=1) and waits for all the
// answers through the poller. The program runs before the first tick, so
// every connection is open, its request sent and its answer pending, at
// the same time; each callback must get its own answer.
func TestScaleConnections(t *testing.T) {
	n := scaleSize(t, "SCALE_CONNS", 500, 10_000)
	server := startServer(t, n)
	done := looptest.LeakCheck(t)
	got := make([]string, n)
	errs := 0
	start := time.Now()
	looptest.RunWithin(t, 10*time.Minute, func(rt *loop.Runtime) {
		for i := range n {
			http.GetSlow(rt, server, fmt.Sprintf("example.com/%d", i), 100, func(err error, v js.Value) {
				if err != nil {
					if errs++; errs <= 5 {
						t.Errorf("connection %d: %v", i, err)
					}
					return
				}
				got[i], _ = v.AsString()
			})
		}
	})
	took := time.Since(start)
	for i, s := range got {
		if want := fmt.Sprintf("Location: http://example.com/%d\r\n", i); !strings.Contains(s, want) && errs == 0 {
			t.Fatalf("connection %d got %q, want its own answer", i, s)
		}
	}
	t.Logf("%d concurrent connections (100 ms delay each): %v", n, took)
	done()
}

// TestScaleTimers sets n timers (20,000 by default, 1,000,000 with
// FULL_SCALE=1) with deadlines spread over a second (a fifth of one below
// 100,000 timers, to keep the default run short), after time enough to
// set them all, and measures in each callback how late it ran: the time
// it runs minus the deadline the program asked for. A timer may be late,
// never early; each must run once.
func TestScaleTimers(t *testing.T) {
	n := scaleSize(t, "SCALE_TIMERS", 20_000, 1_000_000)
	done := looptest.LeakCheck(t)
	lateness := make([]time.Duration, n)
	fired := 0
	var setup time.Duration
	looptest.RunWithin(t, 10*time.Minute, func(rt *loop.Runtime) {
		// Leave about 3 µs per timer to set them all, so that the first
		// deadline does not pass while the program is still setting.
		offset, spread := 200+n*3/1000, 1000
		if n < 100_000 {
			spread = 200
		}
		begin := time.Now()
		for i := range n {
			ms := offset + i%spread
			deadline := time.Now().Add(time.Duration(ms) * time.Millisecond)
			rt.SetTimeout(ms, func() {
				lateness[i] = time.Since(deadline)
				fired++
			})
		}
		setup = time.Since(begin)
	})
	if fired != n {
		t.Fatalf("%d of %d timers fired", fired, n)
	}
	if i := slices.IndexFunc(lateness, func(d time.Duration) bool { return d < 0 }); i >= 0 {
		t.Fatalf("timer %d ran %v before its deadline", i, -lateness[i])
	}
	slices.Sort(lateness)
	t.Logf("%d timers (set in %v): lateness p50 %v, p99 %v, max %v", n, setup,
		lateness[n/2], lateness[n*99/100], lateness[n-1])
	done()
}

// TestScalePoolTasks queues n pool tasks at once (5,000 by default,
// 100,000 with FULL_SCALE=1): they wait in the loop's queue for the four
// threads, and every callback must get its own task's value.
func TestScalePoolTasks(t *testing.T) {
	n := scaleSize(t, "SCALE_TASKS", 5_000, 100_000)
	done := looptest.LeakCheck(t)
	got := make([]int, n)
	calls := 0
	start := time.Now()
	looptest.RunWithin(t, 10*time.Minute, func(rt *loop.Runtime) {
		for i := range n {
			rt.QueueWork("Square", func() (js.Value, error) { return js.Int(i * i), nil }, func(err error, v js.Value) {
				calls++
				if err != nil {
					t.Errorf("task %d: %v", i, err)
				}
				got[i], _ = v.AsInt()
			})
		}
	})
	took := time.Since(start)
	if calls != n {
		t.Fatalf("%d callbacks ran for %d tasks", calls, n)
	}
	for i, v := range got {
		if v != i*i {
			t.Fatalf("task %d's callback got %d, want %d", i, v, i*i)
		}
	}
	t.Logf("%d pool tasks in flight: %v", n, took)
	done()
}

// TestSignalStorm runs the book's example while Go's CPU profiler
// interrupts the process a thousand times a second, and while a signal
// goes every 200 µs to every thread of the process (on Linux) or to the
// process (on macOS and the BSDs), so that
// epoll_wait, poll, connect, reads and writes keep returning EINTR. The
// trace must still satisfy trace.spec.
func TestSignalStorm(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no signals: its profiler suspends threads instead, so no call returns EINTR and there is no storm to survive")
	}
	spec, err := os.ReadFile("trace.spec")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	saved := console.SetOutput(&out)
	defer console.SetOutput(saved)

	// The rate must be set before StartCPUProfile, which then keeps it
	// (and says on stderr that it could not set its own).
	runtime.SetCPUProfileRate(1000)
	if err := pprof.StartCPUProfile(io.Discard); err != nil {
		t.Fatal(err)
	}
	stopStorm := signalStorm(t)
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		done <- program.Run(javascript)
	}()
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatal("the example did not finish within a minute")
	}
	sent := stopStorm()
	pprof.StopCPUProfile()
	console.SetOutput(saved)
	if err != nil {
		t.Fatal(err)
	}
	if err := trace.CheckText(string(spec), out.String()); err != nil {
		t.Fatalf("under %d signals, the trace broke the spec: %v\n%s", sent, err, out.String())
	}
	t.Logf("%d signals sent besides the profiler's", sent)
}
