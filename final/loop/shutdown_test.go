package loop_test

//step:file errors

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/crypto"
	"github.com/nodeexperiment/gonode/final/fs"
	"github.com/nodeexperiment/gonode/final/http" //step:streams
	"github.com/nodeexperiment/gonode/final/internal/looptest"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/internal/delayserver/delaytest" //step:streams
)

// TestShutdownLeavesNothingBehind runs a program that uses every part of
// the runtime (pool, timers, an interval, an immediate, a file, an HTTP
// request, a server and a connection), once to the end and twice to an
// uncaught panic with work still in flight (from a timer, and from a
// connection's read callback, with the server and both connections
// open), and checks that the goroutines (and so the locked OS threads)
// and, on Linux, the open file descriptors are back to what they were
// before.
func TestShutdownLeavesNothingBehind(t *testing.T) {
	server := delaytest.Start(t) //step:streams
	file := filepath.Join(t.TempDir(), "f.txt")
	if err := os.WriteFile(file, []byte("some text"), 0o666); err != nil {
		t.Fatal(err)
	}
	saved := fs.Delay
	fs.Delay = 10 * time.Millisecond
	defer func() { fs.Delay = saved }()

	program := func(rt *loop.Runtime, panics string) {
		fs.Read(rt, file, func(error, js.Value) {})
		crypto.Encrypt(rt, 20, func(error, js.Value) {})
		http.GetSlow(rt, server, "example.com", 200, func(error, js.Value) {}) //step:streams
		rt.SetImmediate(func() {})
		var iv *loop.Timer
		iv = rt.SetInterval(5, func() { rt.ClearInterval(iv) })
		//step:begin listening
		srv, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
			if err != nil {
				t.Error(err)
				return
			}
			c.ReadStart(func(err error, data []byte) {
				if panics == "read" {
					panic("stop in a read callback")
				}
				c.Close(nil)
			})
		})
		if err != nil {
			t.Error(err)
			return
		}
		rt.Connect(srv.Addr(), func(err error, c *loop.Conn) {
			if err != nil {
				t.Error(err)
				return
			}
			c.Write([]byte("x"), nil)
			c.ReadStart(func(error, []byte) { c.Close(nil); srv.Close(nil) })
		})
		//step:end listening
		if panics == "timer" {
			rt.SetTimeout(1, func() { panic("stop") })
		}
	}
	//step:before listening
	// for _, panics := range []string{"", "timer"} {
	//step:end listening
	for _, panics := range []string{"", "timer", "read"} { //step:listening
		done := looptest.LeakCheck(t)
		rt, err := loop.New(loop.Config{})
		if err != nil {
			t.Fatal(err)
		}
		err = rt.Run(func() { program(rt, panics) })
		if (err != nil) != (panics != "") {
			t.Fatalf("panic in %q: Run returned %v", panics, err)
		}
		done()
	}
}
