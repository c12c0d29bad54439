package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/final/minimio"
)

// probes is the table's rows, in the table's order.
func probes() []probe {
	const (
		syscall = "system call"
		wake    = "wake-up"
		pool    = "pool"
		timer   = "timer"
		tick    = "tick"
	)
	return []probe{
		{Name: "read-eagain", Group: syscall, N: 1_000_000, Quick: 1_000, measure: timed(readEAGAIN, 1),
			What: "`read(2)` on an empty non-blocking socket, which fails with EAGAIN"},
		{Name: "poll-0", Group: syscall, N: 1_000_000, Quick: 1_000, measure: timed(pollZero, 1),
			What: "`" + minimio.WaitCall + "` with timeout 0 on a queue with nothing ready (minimio's `Poll`)"},
		{Name: "read-file", Group: syscall, N: 100_000, Quick: 100, measure: timed(readFile, 1),
			What: "`os.ReadFile` of a 4 KiB file: open, read, close and the few calls around them"},
		{Name: "tcp-64", Group: syscall, N: 100_000, Quick: 100, measure: timed(tcpSend, 1),
			What: "64 B written to a loopback TCP connection and read at its other end, on one thread"},
		{Name: "tcp-connect", Group: syscall, N: 2_000, Quick: 10, measure: timed(tcpConnect, 1),
			What: "a loopback TCP connection made, accepted, and closed at both ends"},

		{Name: "waker", Group: wake, N: 20_000, Quick: 20, measure: timed(wakerPingPong, 2),
			What: "`Waker.Wake` on one locked thread until `Poll` returns on another"},
		{Name: "chan-threads", Group: wake, N: 20_000, Quick: 20, measure: timed(chanPingPong(true), 2),
			What: "a channel send until the receive returns, between goroutines locked to two OS threads"},
		{Name: "chan-goroutines", Group: wake, N: 1_000_000, Quick: 1_000, measure: timed(chanPingPong(false), 2),
			What: "the same between two goroutines not locked to threads: Go's scheduler switches them, no thread sleeps"},

		{Name: "pool-1", Group: pool, N: 20_000, Quick: 20, measure: timed(poolTasks(1), 1),
			What: "an empty task queued with `QueueWork` until its callback runs on the loop thread, one at a time"},
		{Name: "pool-64", Group: pool, N: 200_000, Quick: 200, measure: timed(poolTasks(64), 1),
			What: "the same with 64 tasks in flight: time per task"},

		{Name: "lists-1k", Group: timer, N: 1_000_000, Quick: 1_000, measure: timerLists(1_000),
			What: "the earliest timer taken and a new one armed, on final/loop's timer lists holding 1,000 timers of 1–100 ms (`BenchmarkTimerLists`)"},
		{Name: "lists-1M", Group: timer, N: 1_000_000, Quick: 1_000, measure: timerLists(1_000_000),
			What: "the same on lists of 1,000,000 timers"},
		{Name: "timer", Group: timer, N: 100_000, Quick: 1_000, measure: timed(timers, 1),
			What: "`SetTimeout` of 0–100 ms and its callback, {n} timers (as the timers workload sets them) all due together: time per timer"},

		{Name: "tick", Group: tick, N: 1_000_000, Quick: 1_000, measure: timed(immediates, 1),
			What: "an empty tick: a chain of `SetImmediate`, one immediate per tick"},
	}
}

// timed makes a probe's measure from f, which runs n operations and
// returns how long they took; each operation counts as per operations
// of the table (2 for a round trip of two wake-ups).
// A nil f (a probe this OS does not have) gives a nil measure.
func timed(f func(n int) (time.Duration, error), per int) func(n, rounds int) ([]float64, error) {
	if f == nil {
		return nil
	}
	return func(n, rounds int) ([]float64, error) {
		var ns []float64
		for range rounds {
			d, err := f(n)
			if err != nil {
				return nil, err
			}
			ns = append(ns, float64(d.Nanoseconds())/float64(n*per))
		}
		return ns, nil
	}
}

// onThread runs f on a goroutine of its own, locked to its OS thread,
// and waits for it. The goroutine exits locked, so its thread ends with
// it: every probe starts on a thread no other probe has used.
func onThread(f func() error) error {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		done <- f()
	}()
	return <-done
}

// pollZero asks an empty event queue n times for what is ready, without
// waiting: the call the loop's poll phase makes in a tick that has
// immediates waiting.
func pollZero(n int) (d time.Duration, err error) {
	err = onThread(func() error {
		p, err := minimio.New()
		if err != nil {
			return err
		}
		defer p.Close()
		events := minimio.NewEvents(64)
		start := time.Now()
		for range n {
			if err := p.Poll(&events, 0); err != nil {
				return err
			}
		}
		d = time.Since(start)
		if len(events) != 0 {
			return fmt.Errorf("an empty queue returned %d events", len(events))
		}
		return nil
	})
	return d, err
}

// readFile reads a 4 KiB file n times, as the files workload's tasks do.
func readFile(n int) (d time.Duration, err error) {
	dir, err := os.MkdirTemp("", "gonode-costs-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "4k.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("0123456789abcde\n", 256)), 0o644); err != nil {
		return 0, err
	}
	err = onThread(func() error {
		start := time.Now()
		for range n {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if len(b) != 4096 {
				return fmt.Errorf("read %d bytes, want 4096", len(b))
			}
		}
		d = time.Since(start)
		return nil
	})
	return d, err
}

// connPair returns the two ends of a loopback TCP connection.
func connPair() (client, server net.Conn, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	defer ln.Close()
	client, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		return nil, nil, err
	}
	server, err = ln.Accept()
	if err != nil {
		client.Close()
		return nil, nil, err
	}
	return client, server, nil
}

// tcpSend writes 64 bytes to one end of a loopback connection and reads
// them at the other, n times, on one thread: half of an echo round trip,
// the kernel's TCP path included. The bytes are there when the write
// returns, so the read never waits.
func tcpSend(n int) (d time.Duration, err error) {
	client, server, err := connPair()
	if err != nil {
		return 0, err
	}
	defer client.Close()
	defer server.Close()
	msg, buf := make([]byte, 64), make([]byte, 64)
	err = onThread(func() error {
		start := time.Now()
		for range n {
			if _, err := client.Write(msg); err != nil {
				return err
			}
			if _, err := io.ReadFull(server, buf); err != nil {
				return err
			}
		}
		d = time.Since(start)
		return nil
	})
	return d, err
}

// tcpConnect makes n loopback connections and closes them, as each GET of
// the http workloads does (keep-alive is off). The accepted end closes
// first, so the client's port does not linger in TIME_WAIT.
func tcpConnect(n int) (d time.Duration, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	addr := ln.Addr().String()
	err = onThread(func() error {
		start := time.Now()
		for range n {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				return err
			}
			s, err := ln.Accept()
			if err != nil {
				c.Close()
				return err
			}
			s.Close()
			c.Close()
		}
		d = time.Since(start)
		return nil
	})
	return d, err
}

// wakerPingPong bounces a wake-up n times between two OS threads, each
// waiting in an event queue of its own (Poll forever) and waking the
// other's with its Waker: 2n wake-ups, each one a write to an eventfd
// (Linux) and a thread returning from its wait.
func wakerPingPong(n int) (d time.Duration, err error) {
	a, err := minimio.New()
	if err != nil {
		return 0, err
	}
	defer a.Close()
	b, err := minimio.New()
	if err != nil {
		return 0, err
	}
	defer b.Close()
	wakeA, wakeB := a.Waker(), b.Waker()
	waitFor := func(p *minimio.Poll, events *minimio.Events) error {
		for {
			if err := p.Poll(events, -1); err != nil {
				return err
			}
			if p.Woken() {
				return nil
			}
		}
	}
	pong := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		events := minimio.NewEvents(4)
		for range n {
			if err := waitFor(b, &events); err != nil {
				pong <- err
				return
			}
			if err := wakeA.Wake(); err != nil {
				pong <- err
				return
			}
		}
		pong <- nil
	}()
	err = onThread(func() error {
		events := minimio.NewEvents(4)
		start := time.Now()
		for range n {
			if err := wakeB.Wake(); err != nil {
				return err
			}
			if err := waitFor(a, &events); err != nil {
				return err
			}
		}
		d = time.Since(start)
		return nil
	})
	return d, errors.Join(err, <-pong)
}

// chanPingPong bounces a value n times between two goroutines over two
// unbuffered channels: 2n hand-offs. Locked, each goroutine has an OS
// thread of its own, which sleeps (in a futex) while its goroutine
// waits; unlocked, Go's scheduler runs the two on whatever threads it
// likes, and a hand-off is a goroutine switch.
func chanPingPong(locked bool) func(n int) (time.Duration, error) {
	return func(n int) (time.Duration, error) {
		ping, pong := make(chan struct{}), make(chan struct{})
		done := make(chan time.Duration, 1)
		go func() {
			if locked {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			for range n {
				<-ping
				pong <- struct{}{}
			}
		}()
		go func() {
			if locked {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			start := time.Now()
			for range n {
				ping <- struct{}{}
				<-pong
			}
			done <- time.Since(start)
		}()
		return <-done, nil
	}
}

// runLoop runs program on a new runtime (four pool threads) on a locked
// thread of its own, the loop thread, with the trace discarded.
func runLoop(program func(rt *loop.Runtime)) (*loop.Runtime, error) {
	console.SetOutput(io.Discard)
	rt, err := loop.New(loop.Config{})
	if err != nil {
		return nil, err
	}
	err = onThread(func() error { return rt.Run(func() { program(rt) }) })
	return rt, err
}

// poolTasks returns a probe that runs n empty pool tasks with at most
// conc in flight: each is queued on the loop thread, run on a pool
// thread, and its callback runs on the loop thread again.
func poolTasks(conc int) func(n int) (time.Duration, error) {
	return func(n int) (time.Duration, error) {
		var start, end time.Time
		done, started := 0, 0
		var firstErr error
		_, err := runLoop(func(rt *loop.Runtime) {
			var next func()
			next = func() {
				if started == n {
					return
				}
				started++
				rt.QueueWork("empty", func() (js.Value, error) { return js.Undefined, nil }, func(err error, _ js.Value) {
					if err != nil && firstErr == nil {
						firstErr = err
					}
					done++
					end = time.Now()
					next()
				})
			}
			start = time.Now()
			for range min(conc, n) {
				next()
			}
		})
		if err = errors.Join(err, firstErr); err == nil && done != n {
			err = fmt.Errorf("%d of %d callbacks ran", done, n)
		}
		return end.Sub(start), err
	}
}

// timers sets n timers of 0 to 100 ms, as the timers workload does,
// waits until all are due, and lets the loop fire them: the time setting
// them plus the time from the first callback to the last, per timer,
// without the wait in between.
func timers(n int) (time.Duration, error) {
	var first, last time.Time
	var setting time.Duration
	fired := 0
	rng := rand.New(rand.NewPCG(1, 2))
	rt, err := runLoop(func(rt *loop.Runtime) {
		start := time.Now()
		for range n {
			rt.SetTimeout(rng.IntN(101), func() {
				fired++
				last = time.Now()
				if fired == 1 {
					first = last
				}
			})
		}
		setting = time.Since(start)
		time.Sleep(101 * time.Millisecond) // every timer due before the first tick
	})
	switch {
	case err != nil:
		return 0, err
	case fired != n:
		return 0, fmt.Errorf("%d of %d timers fired", fired, n)
	case rt.Ticks() > 2:
		return 0, fmt.Errorf("the timers took %d ticks, want them due together", rt.Ticks())
	}
	return setting + last.Sub(first), nil
}

// immediates runs a chain of n immediates, each set by the one before:
// an immediate set in the check phase runs in the next tick, so each is
// one tick with nothing else to do.
func immediates(n int) (time.Duration, error) {
	var start, end time.Time
	ran := 0
	rt, err := runLoop(func(rt *loop.Runtime) {
		var step func()
		step = func() {
			ran++
			end = time.Now()
			if ran < n {
				rt.SetImmediate(step)
			}
		}
		start = time.Now()
		rt.SetImmediate(step)
	})
	switch {
	case err != nil:
		return 0, err
	case ran != n:
		return 0, fmt.Errorf("%d of %d immediates ran", ran, n)
	case rt.Ticks() < n:
		return 0, fmt.Errorf("%d immediates took %d ticks, want one each", n, rt.Ticks())
	}
	return end.Sub(start), nil
}
