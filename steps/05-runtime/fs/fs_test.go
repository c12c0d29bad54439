package fs

import (
	"errors"
	iofs "io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/05-runtime/internal/looptest"
	"github.com/nodeexperiment/gonode/steps/05-runtime/js"
	"github.com/nodeexperiment/gonode/steps/05-runtime/loop"
)

func TestReadGivesTheContents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(path, []byte("hello"), 0o666); err != nil {
		t.Fatal(err)
	}
	Delay = 0
	var gotErr error
	var got js.Value
	looptest.Run(t, func(rt *loop.Runtime) {
		Read(rt, path, func(err error, v js.Value) { gotErr, got = err, v })
	})
	if s, ok := got.AsString(); gotErr != nil || !ok || s != "hello" {
		t.Fatalf("callback got %v, %v; want no error and %q", gotErr, got, "hello")
	}
}

func TestReadMissingFileIsAnError(t *testing.T) {
	Delay = 0
	var gotErr error
	var got js.Value
	looptest.Run(t, func(rt *loop.Runtime) {
		Read(rt, "no/such/file.txt", func(err error, v js.Value) { gotErr, got = err, v })
	})
	if !errors.Is(gotErr, iofs.ErrNotExist) || !got.IsUndefined() {
		t.Fatalf("callback got %v, %v; want an error that is fs.ErrNotExist and undefined", gotErr, got)
	}
}

// TestReadWaitsForDelay checks the stand-in for a slow disk: no earlier
// than Delay.
func TestReadWaitsForDelay(t *testing.T) {
	Delay = 50 * time.Millisecond
	defer func() { Delay = time.Second }()
	var took time.Duration
	looptest.Run(t, func(rt *loop.Runtime) {
		start := time.Now()
		Read(rt, "fs_test.go", func(error, js.Value) { took = time.Since(start) })
	})
	if took < 50*time.Millisecond {
		t.Fatalf("the read called back after %v, before the 50 ms delay", took)
	}
}
