package fs

//step:file uring

import (
	"errors"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nodeexperiment/gonode/final/internal/looptest"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
)

// TestReadWithIoUring reads through the io_uring backend where the
// system has it (and through the pool, after the one-line notice, where
// it does not): the contents, and a missing file's error, error-first,
// wrapped as from the pool.
func TestReadWithIoUring(t *testing.T) {
	t.Setenv(loop.EnvUseIoUring, "1")
	Delay = 0
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(path, []byte("hello, ring"), 0o666); err != nil {
		t.Fatal(err)
	}
	var got, missing js.Value
	var gotErr, missingErr error
	looptest.Run(t, func(rt *loop.Runtime) {
		Read(rt, path, func(err error, v js.Value) { gotErr, got = err, v })
		Read(rt, "no/such/file.txt", func(err error, v js.Value) { missingErr, missing = err, v })
	})
	if s, ok := got.AsString(); gotErr != nil || !ok || s != "hello, ring" {
		t.Errorf("callback got %v, %v; want no error and %q", gotErr, got, "hello, ring")
	}
	if !errors.Is(missingErr, iofs.ErrNotExist) || !strings.HasPrefix(missingErr.Error(), "fs.Read: open ") || !missing.IsUndefined() {
		t.Errorf("missing file: %v, %v; want fs.Read: open ..., fs.ErrNotExist, and undefined", missingErr, missing)
	}
}
