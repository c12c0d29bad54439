package loop

//step:file uring

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/timeline"
	"github.com/nodeexperiment/gonode/final/uring"
)

// EnvUseIoUring is the environment variable that turns on the io_uring
// backend for file reads (ReadFile), named as libuv's switch: "1" asks
// for it, anything else (or nothing) keeps the pool. It is read when Run
// starts.
const EnvUseIoUring = "UV_USE_IO_URING"

// The ring's sizes: 64 reads in flight, each three entries, in a
// submission queue of 256.
const (
	ringEntries = 256
	ringSlots   = 64
)

// ANCHOR: ringstate

// ringState is the loop's side of the io_uring backend: the ring, and
// the callback of each read in flight, by id. ring is nil when the
// backend is off or the system refused it.
type ringState struct {
	ring  *uring.Ring
	reads map[int]func(err error, data []byte)
}

// newRing and ringNotice are what startRing uses; tests replace them to
// play a system that refuses io_uring.
var (
	newRing              = func() (*uring.Ring, error) { return uring.New(ringEntries, ringSlots) }
	ringNotice io.Writer = os.Stderr
)

// startRing sets up the ring when UV_USE_IO_URING=1 asks for it and
// has it signal the event queue's eventfd. If the system refuses, it
// says so in one line on stderr and leaves reads to the pool.
func (rt *Runtime) startRing() {
	if os.Getenv(EnvUseIoUring) != "1" {
		return
	}
	r, err := newRing()
	if err == nil {
		if err = registerWake(r, rt.waker); err != nil {
			r.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(ringNotice, "loop: %s=1, but io_uring is not available (%v): file reads use the thread pool\n", EnvUseIoUring, err)
		return
	}
	rt.uring = ringState{ring: r, reads: map[int]func(error, []byte){}}
}

// ANCHOR_END: ringstate

// ANCHOR: readfile

// ReadFile reads the whole file at path through the io_uring ring and
// calls cb on the loop thread with its contents, or with an error (an
// *os.PathError naming the failed step). data is only valid until cb
// returns. It returns false, and does nothing, when the ring is off:
// the caller then uses the pool. Loop thread only.
func (rt *Runtime) ReadFile(path string, cb func(err error, data []byte)) bool {
	if rt.uring.ring == nil || rt.exiting { //step:errors
		//step:before errors
		// if rt.uring.ring == nil {
		//step:end errors
		return false
	}
	id := rt.newID()
	rt.uring.reads[id] = cb
	rt.reqs++ // a request, as pool work is
	timeline.Send("main", "io_uring", id)
	rt.uring.ring.ReadFile(path, id)
	return true
}

// ANCHOR_END: readfile

// ANCHOR: ringpoll

// ringSubmit is the poll phase's first step with the ring on: it hands
// the kernel every entry queued since the last tick, in one
// io_uring_enter. What the kernel finished within that call is ready to
// reap at once, so the wait that follows must not block. Other
// completions signal the eventfd, which ends the wait.
func (rt *Runtime) ringSubmit(timeout *time.Duration) error {
	r := rt.uring.ring
	if r == nil || r.InFlight() == 0 {
		return nil
	}
	if n := r.Queued(); n > 0 {
		console.Printf("main", "io_uring_enter: %d entries submitted", n)
	}
	if err := r.Submit(false, 0); err != nil {
		return err
	}
	if r.Ready() {
		*timeout = 0
	}
	return nil
}

// reapRing runs the callback of every read the ring has finished.
func (rt *Runtime) reapRing() {
	r := rt.uring.ring
	if r == nil || !r.Ready() {
		return
	}
	r.Reap(func(d uring.Done) {
		cb := rt.uring.reads[d.ID]
		delete(rt.uring.reads, d.ID)
		rt.reqs--
		timeline.Receive("main", "io_uring", d.ID)
		timeline.Mark("main", timeline.Callback, d.ID)
		console.Printf("main", "io_uring: read %d complete", d.ID)
		rt.invoke(func() { cb(d.Err, d.Data) })
	})
}

// ANCHOR_END: ringpoll

// closeRing closes the ring, if there is one.
func (rt *Runtime) closeRing() error {
	if rt.uring.ring == nil {
		return nil
	}
	err := rt.uring.ring.Close()
	rt.uring = ringState{}
	return err
}
