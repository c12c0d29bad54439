//go:build exercises

package writing

import (
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/15-writing/console"
	"github.com/nodeexperiment/gonode/steps/15-writing/loop"
)

// TestMain silences the runtime's own trace lines.
func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// counting is a Writer on a connection that counts the bytes handed to
// Write whose callback has not run yet, and keeps the most there were.
type counting struct {
	c       *loop.Conn
	pending int
	most    int
}

func (w *counting) Write(data []byte, cb func(err error)) {
	w.pending += len(data)
	w.most = max(w.most, w.pending)
	n := len(data)
	w.c.Write(data, func(err error) {
		w.pending -= n
		if cb != nil {
			cb(err)
		}
	})
}

// TestPumpHoldsOneChunk pumps 16 MiB in 64 KiB chunks to a client that
// reads slowly at first: more than the sockets' buffers hold, so the
// queue would grow to megabytes if nothing waited. The client must get
// every byte, in order, and the program must never hold more than one
// chunk that the OS has not taken.
func TestPumpHoldsOneChunk(t *testing.T) {
	const total, chunk = 16 << 20, 64 << 10
	rt, err := loop.New(loop.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var w *counting
	var doneErr error
	doneCalls := 0
	addrs := make(chan string, 1)
	finished := make(chan error, 1)
	go func() {
		finished <- rt.Run(func() {
			var srv *loop.Server
			srv, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
				if err != nil {
					t.Error(err)
					return
				}
				srv.Close(nil)
				w = &counting{c: c}
				next := byte(0)
				fill := func(p []byte) {
					for i := range p {
						p[i] = next
						next++
					}
				}
				Pump(w, total, chunk, fill, func(err error) {
					doneCalls++
					doneErr = err
					c.Close(nil)
				})
			})
			if err != nil {
				t.Error(err)
				close(addrs)
				return
			}
			addrs <- srv.Addr()
		})
	}()
	addr, ok := <-addrs
	if !ok {
		t.FailNow()
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	time.Sleep(200 * time.Millisecond) // read nothing for a while: the buffers fill
	got, want := 0, byte(0)
	buf := make([]byte, 32<<10)
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	for {
		n, err := c.Read(buf)
		for _, b := range buf[:n] {
			if b != want {
				t.Fatalf("byte %d is %d, want %d: the chunks came out of order", got, b, want)
			}
			want++
			got++
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("after %d bytes: %v", got, err)
		}
	}
	select {
	case err := <-finished:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the runtime did not finish within 20 s")
	}
	if got != total || doneCalls != 1 || doneErr != nil {
		t.Fatalf("the client got %d of %d bytes; done ran %d times, last with %v; want all, once, with nil", got, total, doneCalls, doneErr)
	}
	if w.most > chunk {
		t.Fatalf("exercise: not done yet: Pump (exercises/step15-writing/exercise_pump.go) "+
			"must wait for each chunk's callback before the next: it held %d bytes the OS had not taken, more than one chunk of %d", w.most, chunk)
	}
}
