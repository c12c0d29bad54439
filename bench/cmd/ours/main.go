// Command ours runs one benchmark workload on the book's complete
// runtime (final/): its loop, timers, pool and event queue, through
// final's public API only. It prints one JSON line (bench/internal/result)
// and is run by the harness, bench/cmd/bench:
//
//	go run ./bench/cmd/ours -workload timers -n 100000
//
// With -workload echo it is a server on the runtime's loop
// (loop.Runtime.Listen): it prints its address as the JSON line's addr,
// echoes every byte back on every connection, and exits when its standard
// input is closed.
//
// The runtime prints a trace line for every timer, task and tick, as the
// book's examples show; here console is pointed at io.Discard, and a
// discarded line is not even formatted, so the trace costs nothing.
package main

import (
	"cmp"
	"crypto/pbkdf2"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/nodeexperiment/gonode/bench/internal/result"
	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/fs"
	"github.com/nodeexperiment/gonode/final/http"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
)

// init pins the main goroutine to the process's first thread, as
// final's own main does: the loop thread is one OS thread.
func init() { runtime.LockOSThread() }

func main() {
	var o result.Options
	o.Flags(flag.CommandLine, "timers, immediates, files, cpu, http, echo or noop")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
	flag.Parse()
	o.ExitOnTimeout()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	console.SetOutput(io.Discard)
	fs.Delay = 0 // the benchmark reads a real file; no pretend slowness

	r, err := run(o)
	if err != nil {
		fail(err)
	}
	r.Write(os.Stdout)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ours:", err)
	os.Exit(1)
}

// run runs o's workload on a new runtime and returns what it measured.
func run(o result.Options) (result.Result, error) {
	n := o.N
	r := result.Result{Workload: o.Workload, N: n}
	rt, err := loop.New(loop.Config{}) // four pool threads, as libuv's default
	if err != nil {
		return r, err
	}
	var start, end time.Time
	var firstErr error
	done := func(err error) {
		if err != nil {
			r.Errors++
			firstErr = cmp.Or(firstErr, err)
		} else {
			r.Ops++
		}
		if r.Ops+r.Errors == n { // the clock stops once, as Node's and Go's do
			end = time.Now()
		}
	}
	var program func()
	after := func() {} // what to compute once the loop has finished
	switch o.Workload {
	case "timers":
		deadline, fired := make([]time.Duration, n), make([]time.Duration, n)
		var ready time.Duration
		rng := rand.New(rand.NewPCG(1, 2))
		program = func() {
			for i := range n {
				ms := rng.IntN(101)
				deadline[i] = time.Since(start) + time.Duration(ms)*time.Millisecond
				rt.SetTimeout(ms, func() {
					fired[i] = time.Since(start)
					done(nil)
				})
			}
			ready = time.Since(start)
		}
		after = func() { r.LateMaxMs, r.LateP99Ms = result.TimerLateness(deadline, fired, ready) }
	case "immediates":
		program = func() {
			var step func()
			step = func() {
				done(nil)
				if r.Ops < n {
					rt.SetImmediate(step)
				}
			}
			rt.SetImmediate(step)
		}
	case "files":
		program = inFlight(n, o.Conc, func(next func()) {
			fs.Read(rt, o.File, func(err error, text js.Value) {
				if err == nil && len(text.String()) != 4096 {
					err = fmt.Errorf("read %d bytes, want 4096", len(text.String()))
				}
				done(err)
				next()
			})
		})
	case "cpu":
		salt := []byte("gonode-bench-salt")
		program = func() {
			for range n {
				rt.QueueWork("pbkdf2", func() (js.Value, error) {
					key, err := pbkdf2.Key(sha256.New, "password", salt, 1000, 32)
					return js.Int(int(key[0])), err
				}, func(err error, _ js.Value) { done(err) })
			}
		}
	case "noop":
		// Not in the harness's table (Node has no public way to queue
		// empty work): the pool-and-inbox path alone, n empty tasks
		// queued at once, for the completions-per-second target.
		program = func() {
			for range n {
				rt.QueueWork("noop", func() (js.Value, error) { return js.Undefined, nil },
					func(err error, _ js.Value) { done(err) })
			}
		}
	case "http":
		program = inFlight(n, o.Conc, func(next func()) {
			http.GetSlow(rt, o.Server, "example.com", 0, func(err error, _ js.Value) {
				done(err)
				next()
			})
		})
	case "echo":
		return r, echoServer(rt)
	default:
		return r, fmt.Errorf("unknown workload %q", o.Workload)
	}
	err = rt.Run(func() {
		start = time.Now()
		program()
	})
	if err != nil {
		return r, err
	}
	after()
	r.Ticks = rt.Ticks()
	if r.Errors > 0 {
		r.Error = firstErr.Error()
	}
	r.ElapsedMs = result.Ms(end.Sub(start))
	return r, nil
}

// echoServer is the echo workload's server on final's loop: it listens on
// a loopback port, prints its address as the JSON line's addr, as gostd
// and bench.js do, and echoes every byte back on every connection until
// standard input is closed. The wait for that end is blocking work, so it
// runs on a pool thread (taking one of the four), and its callback closes
// the server and the connections, which lets the loop end.
func echoServer(rt *loop.Runtime) error {
	var failed error
	err := rt.Run(func() {
		conns := map[*loop.Conn]bool{}
		srv, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
			if err != nil {
				fmt.Fprintln(os.Stderr, "ours: accept:", err)
				return
			}
			conns[c] = true
			c.ReadStart(func(err error, data []byte) {
				if err != nil { // the client is done (io.EOF) or gone
					delete(conns, c)
					c.Close(nil)
					return
				}
				c.Write(data, nil)
			})
		})
		if err != nil {
			failed = err
			return
		}
		if err := (result.Result{Workload: "echo", Addr: srv.Addr()}).Write(os.Stdout); err != nil {
			failed = err
			srv.Close(nil)
			return
		}
		rt.QueueWork("stdin", func() (js.Value, error) {
			_, err := io.Copy(io.Discard, os.Stdin) // until the harness closes it
			return js.Undefined, err
		}, func(error, js.Value) {
			srv.Close(nil)
			for c := range conns {
				c.Close(nil)
			}
		})
	})
	return cmp.Or(failed, err)
}

// inFlight returns a program that runs n operations with at most conc of
// them in flight: op starts one and calls next when it is done.
func inFlight(n, conc int, op func(next func())) func() {
	return func() {
		started := 0
		var next func()
		next = func() {
			if started < n {
				started++
				op(next)
			}
		}
		for range min(conc, n) {
			next()
		}
	}
}
