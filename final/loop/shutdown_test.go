package loop_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/crypto"
	"github.com/nodeexperiment/gonode/final/fs"
	"github.com/nodeexperiment/gonode/final/http"
	"github.com/nodeexperiment/gonode/final/internal/looptest"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/internal/delayserver/delaytest"
)

// TestShutdownLeavesNothingBehind runs a program that uses every part of
// the runtime (pool, timers, an interval, an immediate, a file, a
// socket), once to the end and once to an uncaught panic with work
// still in flight, and checks that the goroutines (and so the locked OS
// threads) and, on Linux, the open file descriptors are back to what
// they were before.
func TestShutdownLeavesNothingBehind(t *testing.T) {
	server := delaytest.Start(t)
	file := filepath.Join(t.TempDir(), "f.txt")
	if err := os.WriteFile(file, []byte("some text"), 0o666); err != nil {
		t.Fatal(err)
	}
	saved := fs.Delay
	fs.Delay = 10 * time.Millisecond
	defer func() { fs.Delay = saved }()

	program := func(rt *loop.Runtime, panicking bool) {
		fs.Read(rt, file, func(error, js.Value) {})
		crypto.Encrypt(rt, 20, func(error, js.Value) {})
		http.GetSlow(rt, server, "example.com", 200, func(error, js.Value) {})
		rt.SetImmediate(func() {})
		var iv *loop.Timer
		iv = rt.SetInterval(5, func() { rt.ClearInterval(iv) })
		if panicking {
			rt.SetTimeout(1, func() { panic("stop") })
		}
	}
	for _, panicking := range []bool{false, true} {
		done := looptest.LeakCheck(t)
		rt, err := loop.New(loop.Config{})
		if err != nil {
			t.Fatal(err)
		}
		err = rt.Run(func() { program(rt, panicking) })
		if (err != nil) != panicking {
			t.Fatalf("panicking=%v: Run returned %v", panicking, err)
		}
		done()
	}
}
