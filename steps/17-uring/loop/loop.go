// Package loop is the runtime: one loop thread that runs the program and
// every callback, a pool of OS threads for blocking work, an OS event
// queue (minimio) for network readiness, and Node's timers. The book's
// "Going further" part tells it; this is the map.
//
// The loop thread is the goroutine that calls [Runtime.Run]; methods are
// loop thread only unless their comment says otherwise. Each tick runs
// libuv's phases in libuv's order, one file each:
//
//	timers   timers.go     SetTimeout, SetInterval (timerlists.go)
//	pending  loop.go       AddPending
//	poll     poll.go       the wait, socket events (watcher.go, net.go),
//	                       pool results (inbox.go, work.go)
//	check    immediate.go  SetImmediate
//	close    loop.go       the callbacks of Server.Close and Conn.Close
//
// What keeps the loop alive is in handle.go. Between callbacks the loop
// drains nextTicks and microtasks (ticks.go, promise.go); uncaught errors
// and the process hooks are in uncaught.go and process.go.
package loop

// ANCHOR: runtime

import (
	"errors"
	"sync"
	"time"

	"github.com/nodeexperiment/gonode/steps/17-uring/console"
	"github.com/nodeexperiment/gonode/steps/17-uring/minimio"
	"github.com/nodeexperiment/gonode/steps/17-uring/pool"
	"github.com/nodeexperiment/gonode/steps/17-uring/timeline"
)

// Runtime is an event loop. Create it with New and start it with Run.
// Its methods are loop thread only unless their comment says otherwise.
type Runtime struct {
	poolSize int  // the number of pool threads Run starts
	started  bool // Run has been called
	askedP   bool // the pool has been given work: askProc has run (procs.go)
	addedP   bool // askProc added a P for the loop thread

	// ANCHOR: owned
	// What the loop thread owns. Nothing else touches it, so it needs
	// no lock.
	pool       *pool.Pool
	work       map[int]WorkFunc           // the callback of each task queued or running, by id
	watchers   map[minimio.Token]*watcher // every open server and connection, by token
	changed    []*watcher                 // watchers whose interest changed since the last wait
	timers     timerLists                 // armed timers: a list per delay, earliest first
	timerSeq   uint64                     // the last sequence number given to a timer
	immediates []*Immediate               // the check phase's queue
	spare      []*Immediate               // the last check phase's queue, emptied, for the next
	pending    []func()                   // the pending phase's queue
	closing    []func()                   // the close phase's queue
	handles    int                        // active ref'd handles (handle.go)
	reqs       int                        // pool work queued or running
	now        time.Time                  // the loop's time (updateTime)
	clock      func() time.Time           // time.Now; a test may count its calls
	lastID     int                        // the last id given to a timer, task or stream
	ticks      int                        // turns of the loop so far
	waits      int                        // calls to the event queue's Poll so far
	process                               // nextTicks, microtasks, promises, the process hooks
	// ANCHOR_END: owned

	// The event queue, which the loop thread waits in, and the buffer
	// its waits fill.
	poll    *minimio.Poll
	reg     *minimio.Registrator
	events  minimio.Events
	readBuf []byte // what every connection reads into (net.go)
	ioCalls int    // Register, Reregister and Deregister calls so far (applyInterest)
	// The inbox, where the pool threads leave their results for the
	// loop thread, and the waker that ends the loop's wait for them.
	mu      sync.Mutex
	inbox   []pool.Result // guarded by mu
	wakeErr error         // guarded by mu: a wake that failed
	waker   *minimio.Waker

	// ANCHOR: ringfield
	uring ringState // the io_uring backend for file reads, when on (uring.go)
	// ANCHOR_END: ringfield
}

// ErrRunTwice is returned by Run on a runtime that has already run (or
// is running).
var ErrRunTwice = errors.New("loop: Run called twice")

// New returns a runtime with the given configuration. It starts nothing:
// the threads live only while Run runs. Safe from any goroutine.
func New(cfg Config) (*Runtime, error) {
	n, err := cfg.poolSize()
	if err != nil {
		return nil, err
	}
	rt := &Runtime{
		poolSize: n,
		work:     make(map[int]WorkFunc),
		watchers: make(map[minimio.Token]*watcher),
		clock:    time.Now,
	}
	rt.updateTime()
	rt.timers.base = rt.now
	return rt, nil
}

// ANCHOR_END: runtime

// ANCHOR: run

// Run makes the calling goroutine the loop thread: it starts the pool
// threads, runs program, turns the loop until nothing is
// pending, then joins every thread and prints FINISHED.
//
// After the program and after every callback, Run empties the nextTick
// and microtask queues (see NextTick). When nothing is pending, the
// beforeExit hooks run; if they scheduled work, the loop goes on. After
// the loop, the exit hooks run with the exit code.
//
// A panic in program or in a callback stops the loop, unless an
// uncaught-exception handler is set (OnUncaughtException): Run still
// joins the threads, closes the servers and connections still open, and
// returns an
// *UncaughtError holding the panic and its stack. Exit ends the run at
// once. Run returns an *ExitError if the exit code is not 0 and there
// was no uncaught error. Run may be called once.
// For the loop thread to be one OS thread, as the trace's "main" says,
// lock the calling goroutine with runtime.LockOSThread first (the book's
// example does it in init).
func (rt *Runtime) Run(program func()) (err error) {
	if rt.started {
		return ErrRunTwice
	}
	rt.started = true
	if err := rt.start(); err != nil {
		return err
	}
	defer func() {
		switch r := recover().(type) {
		case nil:
		case exitNow: // Exit: its code is set
		case *UncaughtError: // every uncaught panic or rejection: invoke reports it so
			err = r
		default: // a panic in the uncaught handler, or a bug in the loop
			err = &UncaughtError{Value: r, Stack: panicStack()}
		}
		if err != nil {
			rt.exitCode = 1
		}
		err = errors.Join(rt.runExitHooks(err), rt.shutdown())
		if err == nil && rt.exitCode != 0 {
			err = &ExitError{Code: rt.exitCode}
		}
		if err == nil {
			console.Print("main", "FINISHED")
		}
	}()
	// ANCHOR: programspan
	start := timeline.Now() // the timeline's hooks cost a nil check when off
	rt.updateTime()
	rt.invoke(program)
	timeline.Span("main", timeline.Program, "program", start)
	// ANCHOR_END: programspan
	for {
		for rt.alive() {
			if err := rt.tick(); err != nil {
				return err
			}
		}
		rt.runBeforeExit()
		if !rt.alive() {
			return nil
		}
	}
}

// Ticks returns how many turns the loop has made. Loop thread only, or
// after Run has returned.
func (rt *Runtime) Ticks() int { return rt.ticks }

// ANCHOR_END: run

// ANCHOR: tick

// tick is one turn of the loop, phase by phase.
func (rt *Runtime) tick() error {
	// ANCHOR: tickmark
	rt.ticks++
	timeline.Mark("main", timeline.Tick, rt.ticks)
	console.Printd("main", "===== TICK %d =====", rt.ticks)
	// ANCHOR_END: tickmark
	if rt.timers.entries > 0 {
		rt.updateTime() // only the timers read it: with none armed, no clock is read
	}
	rt.runTimers()  // 1. timers
	rt.runPending() // 2. pending callbacks
	// 3. idle, prepare: nothing to do.
	if err := rt.pollPhase(); err != nil { // 4. poll
		return err
	}
	// ANCHOR: checkphase
	rt.runImmediates() // 5. check
	// ANCHOR_END: checkphase
	rt.runClosing() // 6. close
	return nil
}

// updateTime sets the loop's time, libuv's uv_update_time: at the start
// of each tick that has a timer armed, and after a wait that may have
// blocked. The timers phase and the poll timeout count from it, and
// nothing else does: a tick with no timer needs no clock, and a new
// timer reads the clock itself (timeNow).
func (rt *Runtime) updateTime() { rt.now = rt.clock() }

// timeNow updates the loop's time and returns it. A new deadline counts
// from it, as Node's getLibuvNow does, so a timer never fires early.
func (rt *Runtime) timeNow() time.Time {
	rt.updateTime()
	return rt.now
}

// ANCHOR_END: tick

// ANCHOR: start

// start creates the event queue and its waker and starts the pool
// threads. No thread is started for the queue: the loop thread waits in
// it itself, in the poll phase.
func (rt *Runtime) start() error {
	p, err := minimio.New()
	if err != nil {
		return err
	}
	rt.poll, rt.waker = p, p.Waker()
	rt.reg = p.Registrator()
	rt.events = minimio.NewEvents(1024)
	// ANCHOR: startring
	rt.pool = pool.New(rt.poolSize, rt.post)
	rt.startRing()
	// ANCHOR_END: startring
	return nil
}

// shutdown joins the pool threads one by one, so that none can wake the
// queue any more, then releases the event queue and every server and
// connection still open.
func (rt *Runtime) shutdown() error {
	// ANCHOR: closering
	rt.pool.Close()
	err := errors.Join(rt.closeRing(), rt.poll.Close())
	// ANCHOR_END: closering
	for token, w := range rt.watchers {
		err = errors.Join(err, w.src.Close())
		delete(rt.watchers, token)
	}
	if rt.addedP {
		dropProc()
	}
	return err
}

// ANCHOR_END: start

// ANCHOR: pending

// newID returns the next callback id; ids count up from 1.
func (rt *Runtime) newID() int {
	rt.lastID++
	return rt.lastID
}

// AddPending runs f in the pending phase of the next tick. A module uses
// it to report a failure it finds before its work could start, so that,
// as Node promises, a callback never runs before the call that took it
// has returned. Loop thread only.
func (rt *Runtime) AddPending(f func()) {
	rt.pending = append(rt.pending, f)
}

// runPending is the pending phase: it runs the callbacks added before it
// started.
func (rt *Runtime) runPending() {
	batch := rt.pending
	rt.pending = nil
	for _, f := range batch {
		rt.invoke(f)
	}
}

// ANCHOR_END: pending

// ANCHOR: closing

// runClosing is the close phase, libuv's uv__run_closing_handles: it runs
// the close callbacks of the servers and connections closed before it
// started, after the check phase of the same tick.
func (rt *Runtime) runClosing() {
	batch := rt.closing
	rt.closing = nil
	for _, cb := range batch {
		rt.invoke(cb)
	}
}

// ANCHOR_END: closing
