//go:build exercises && linux

package uring

import (
	"bytes"
	"errors"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// newRing sets up a ring, or skips the test where the system refuses
// io_uring, saying why.
func newRing(t *testing.T, entries, slots int) *Ring {
	t.Helper()
	r, err := New(entries, slots)
	if errors.Is(err, ErrUnavailable) {
		t.Skipf("io_uring is not available here: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Error(err)
		}
	})
	return r
}

// writeFiles writes a file of each size and returns their paths.
func writeFiles(t *testing.T, sizes ...int) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i, size := range sizes {
		p := filepath.Join(dir, strconv.Itoa(i))
		b := make([]byte, size)
		for j := range b {
			b[j] = byte(i + j*7)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// readAll reads every path through r with ReadFile, all queued at once,
// and returns what Reap reported for each, by index.
func readAll(t *testing.T, r *Ring, paths []string) []Done {
	t.Helper()
	got := make([]Done, len(paths))
	for i, p := range paths {
		r.ReadFile(p, i)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := r.Submit(false, 0); err != nil {
			t.Fatal(err)
		}
		r.Reap(func(d Done) {
			d.Data = bytes.Clone(d.Data) // valid only during the call
			got[d.ID] = d
		})
		if r.InFlight() == 0 {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d reads still in flight after 10 s", r.InFlight())
		}
		if err := r.Submit(true, time.Second); err != nil {
			t.Fatal(err)
		}
	}
}

// chains submits, in one io_uring_enter, a chain written by fillChain
// for each path, chain i into slot i, and returns what each entry's
// completion says (res), by chain and step, bypassing Reap.
func chains(t *testing.T, r *Ring, paths []string) [][3]int32 {
	t.Helper()
	names := make([][]byte, len(paths))
	got := make([][3]int32, len(paths))
	for i, p := range paths {
		names[i] = append([]byte(p), 0)
		var chain [3]sqe
		if err := fillChain(&chain, names[i], uint32(i), r.bufs[i], 0); err != nil {
			t.Fatalf("fillChain: %v", err)
		}
		for step := range chain {
			e := r.getSQE()
			*e = chain[step]
			e.userData = uint64(i*3 + step)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for n := 0; n < 3*len(paths); {
		if time.Now().After(deadline) {
			t.Fatalf("%d completions of %d after 10 s", n, 3*len(paths))
		}
		if err := r.Submit(true, time.Second); err != nil {
			t.Fatal(err)
		}
		for c, ok := r.nextCQE(); ok; c, ok = r.nextCQE() {
			got[c.userData/3][c.userData%3] = c.res
			n++
		}
	}
	return got
}

// assertSlotsEmpty reads from every slot of r's file table: each read
// must fail with EBADF, for a slot with a file left in it would read.
func assertSlotsEmpty(t *testing.T, r *Ring) {
	t.Helper()
	var b [8]byte
	for slot := range len(r.bufs) {
		e := r.getSQE()
		e.opcode, e.flags, e.fd = opRead, sqeFixedFile, int32(slot)
		e.addr, e.len = uint64(uintptr(unsafe.Pointer(&b[0]))), uint32(len(b))
		if err := r.Submit(true, time.Second); err != nil {
			t.Fatal(err)
		}
		c, ok := r.nextCQE()
		if !ok || c.res != -int32(unix.EBADF) {
			t.Errorf("slot %d: a read of it returned %d (%v); want -EBADF, an empty slot", slot, c.res, ok)
		}
	}
}

// openFds counts the process's open descriptors.
func openFds(t *testing.T) int {
	t.Helper()
	es, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(es) - 1 // ReadDir's own
}

// TestChainReadsFiles reads files of many sizes through ReadFile, some
// larger than a slot's buffer (read on from the offset reached), a
// missing file and a directory.
func TestChainReadsFiles(t *testing.T) {
	r := newRing(t, 64, 4)
	paths := writeFiles(t, 0, 5, 4096, BufSize-1, BufSize, BufSize+1, 3*BufSize+7)
	dir := t.TempDir()
	got := readAll(t, r, append(paths, filepath.Join(dir, "missing"), dir))
	for i, p := range paths {
		want, _ := os.ReadFile(p)
		if d := got[i]; d.Err != nil {
			t.Fatalf("file of %d bytes: %v", len(want), d.Err)
		} else if !bytes.Equal(d.Data, want) {
			t.Errorf("file of %d bytes: got %d bytes, not the file's", len(want), len(d.Data))
		}
	}
	var pe *os.PathError
	if d := got[len(paths)]; !errors.As(d.Err, &pe) || pe.Op != "open" || !errors.Is(d.Err, iofs.ErrNotExist) {
		t.Errorf("missing file: %v; want an open *os.PathError that is fs.ErrNotExist", d.Err)
	}
	if d := got[len(paths)+1]; !errors.As(d.Err, &pe) || pe.Op != "read" || !errors.Is(d.Err, syscall.EISDIR) {
		t.Errorf("directory: %v; want a read *os.PathError with EISDIR", d.Err)
	}
	assertSlotsEmpty(t, r)
}

// TestChainLeavesNoFile reads many more files than there are slots:
// afterwards every slot is empty in the kernel's table and the process
// has no descriptor more than before, but the ring's own.
func TestChainLeavesNoFile(t *testing.T) {
	before := openFds(t)
	r := newRing(t, 64, 3)
	sizes := make([]int, 60)
	for i := range sizes {
		sizes[i] = i * 100
	}
	for i, d := range readAll(t, r, writeFiles(t, sizes...)) {
		if d.Err != nil {
			t.Fatalf("file of %d bytes: %v", sizes[i], d.Err)
		} else if len(d.Data) != sizes[i] {
			t.Fatalf("file of %d bytes: got %d", sizes[i], len(d.Data))
		}
	}
	assertSlotsEmpty(t, r)
	if after := openFds(t); after != before+1 {
		t.Errorf("%d descriptors open, %d before the ring; want one more (the ring)", after, before)
	}
}

// TestChainSteps looks at each entry's completion, without Reap's
// repairs: a short read must not cancel the close, a failed open must
// cancel the read and the close, and a failed read must not.
func TestChainSteps(t *testing.T) {
	r := newRing(t, 16, 3)
	small := writeFiles(t, 100)[0]
	dir := t.TempDir()
	got := chains(t, r, []string{small, filepath.Join(dir, "missing"), dir})
	cancelled := -int32(unix.ECANCELED)
	want := [][3]int32{
		{0, 100, 0},
		{-int32(unix.ENOENT), cancelled, cancelled},
		{0, -int32(unix.EISDIR), 0},
	}
	for i, what := range []string{"a file of 100 bytes", "a missing file", "a directory"} {
		if got[i] != want[i] {
			t.Errorf("%s: open, read, close returned %v; want %v (%d is -ECANCELED)", what, got[i], want[i], cancelled)
		}
	}
	assertSlotsEmpty(t, r)
}

// TestChainFailureStaysInItsChain submits two chains at once, the first
// for a missing file: the second must read its file all the same.
func TestChainFailureStaysInItsChain(t *testing.T) {
	r := newRing(t, 16, 2)
	got := chains(t, r, []string{filepath.Join(t.TempDir(), "missing"), writeFiles(t, 10)[0]})
	if want := [3]int32{0, 10, 0}; got[1] != want {
		t.Errorf("after a chain for a missing file, a file of 10 bytes: open, read, close returned %v; want %v", got[1], want)
	}
	assertSlotsEmpty(t, r)
}
