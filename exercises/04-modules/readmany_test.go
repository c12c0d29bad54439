//go:build exercises

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// files writes n files whose contents say their number, and returns
// their paths.
func files(t *testing.T, n int) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("f%d.txt", i))
		if err := os.WriteFile(p, []byte(fmt.Sprintf("file %d", i)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// outcome is what ReadMany's callback got.
type outcome struct {
	calls        int
	beforeReturn bool
	contents     []string
	err          error
}

// readMany calls Fs.ReadMany and records how its callback was called.
func readMany(paths []string, limit int) *outcome {
	o := &outcome{}
	returned := false
	Fs.ReadMany(paths, limit, func(c []string, err error) {
		o.calls++
		o.beforeReturn = !returned
		o.contents, o.err = c, err
	})
	returned = true
	return o
}

// TestReadManyKeepsToTheLimit reads ten files three at a time while a
// task of the test's own holds the fourth pool thread: a ReadMany that ran
// a fourth read at once would stop the run with "out of threads".
func TestReadManyKeepsToTheLimit(t *testing.T) {
	paths := files(t, 10)
	var o *outcome
	runJS(t, func() {
		current.registerEventThreadpool(func() Js { time.Sleep(300 * time.Millisecond); return Undefined }, FileRead, func(Js) {})
		o = readMany(paths, 3)
	})
	if o.err != nil {
		t.Fatal(o.err)
	}
	if o.calls != 1 || o.beforeReturn {
		t.Fatalf("the callback ran %d times (before ReadMany returned: %v), want once, later", o.calls, o.beforeReturn)
	}
	if len(o.contents) != len(paths) {
		t.Fatalf("got %d contents for %d files", len(o.contents), len(paths))
	}
	for i, c := range o.contents {
		if want := fmt.Sprintf("file %d", i); c != want {
			t.Fatalf("contents[%d] = %q, want %q: the contents must be in the order of paths", i, c, want)
		}
	}
}

// TestReadManyStopsAtTheFirstError puts a missing file among six.
func TestReadManyStopsAtTheFirstError(t *testing.T) {
	paths := files(t, 6)
	paths[2] = filepath.Join(t.TempDir(), "missing.txt")
	var o *outcome
	runJS(t, func() { o = readMany(paths, 2) })
	if o.calls != 1 || !errors.Is(o.err, fs.ErrNotExist) {
		t.Fatalf("the callback ran %d times, last with error %v; want once, with an error that is fs.ErrNotExist", o.calls, o.err)
	}
}

// TestReadManyOfNothing: no files, one callback, still not at once.
func TestReadManyOfNothing(t *testing.T) {
	var o *outcome
	runJS(t, func() { o = readMany(nil, 4) })
	if o.calls != 1 || o.beforeReturn || o.err != nil || len(o.contents) != 0 {
		t.Fatalf("no files gave %d callbacks (before ReadMany returned: %v) with %q, %v; want one, later, with nothing and no error",
			o.calls, o.beforeReturn, o.contents, o.err)
	}
}
