//go:build linux

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

// readAll reads every path through r, all queued at once, and returns
// what Reap reported for each, by index.
func readAll(t *testing.T, r *Ring, paths []string) []Done {
	t.Helper()
	got := make([]Done, len(paths))
	seen := make([]bool, len(paths))
	for i, p := range paths {
		r.ReadFile(p, i)
	}
	deadline := time.Now().Add(10 * time.Second)
	for r.InFlight() > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d reads still in flight after 10 s", r.InFlight())
		}
		if err := r.Submit(true, time.Second); err != nil {
			t.Fatal(err)
		}
		r.Reap(func(d Done) {
			if seen[d.ID] {
				t.Errorf("read %d reported twice", d.ID)
			}
			seen[d.ID] = true
			d.Data = bytes.Clone(d.Data) // valid only during the call
			got[d.ID] = d
		})
	}
	return got
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

func TestReadFileGivesTheContents(t *testing.T) {
	r := newRing(t, 64, 8)
	paths := writeFiles(t, 0, 5, 4096, BufSize-1, BufSize, BufSize+1, 3*BufSize+7)
	for i, d := range readAll(t, r, paths) {
		want, _ := os.ReadFile(paths[i])
		if d.Err != nil || !bytes.Equal(d.Data, want) {
			t.Errorf("file of %d bytes: got %d bytes, %v", len(want), len(d.Data), d.Err)
		}
	}
}

// TestReadFileErrorsNameTheStep checks that a failing open reaches the
// caller as ENOENT from open (the linked read and close cancelled), and
// a failing read as EISDIR from read, and that both slots come back.
func TestReadFileErrorsNameTheStep(t *testing.T) {
	r := newRing(t, 64, 2)
	dir := t.TempDir()
	got := readAll(t, r, []string{filepath.Join(dir, "missing"), dir})
	var pe *os.PathError
	if d := got[0]; !errors.As(d.Err, &pe) || pe.Op != "open" || !errors.Is(d.Err, iofs.ErrNotExist) || d.Data != nil {
		t.Errorf("missing file: %v, %q; want an open *os.PathError that is fs.ErrNotExist, and no data", d.Err, d.Data)
	}
	if d := got[1]; !errors.As(d.Err, &pe) || pe.Op != "read" || !errors.Is(d.Err, syscall.EISDIR) {
		t.Errorf("directory: %v; want a read *os.PathError with EISDIR", d.Err)
	}
	assertSlotsEmpty(t, r)
}

// TestFullSubmissionQueueWaits queues far more reads than the
// submission queue has entries: the ring submits early to make room,
// and every read arrives.
func TestFullSubmissionQueueWaits(t *testing.T) {
	r := newRing(t, 4, 16) // room for one chain of three at a time
	paths := make([]string, 200)
	one := writeFiles(t, 100)[0]
	for i := range paths {
		paths[i] = one
	}
	for i, d := range readAll(t, r, paths) {
		if d.Err != nil || len(d.Data) != 100 {
			t.Fatalf("read %d: %d bytes, %v", i, len(d.Data), d.Err)
		}
	}
	if r.flushes == 0 {
		t.Error("the submission queue never filled; the test tests nothing")
	}
}

// TestMoreFilesThanSlots opens many more files than there are slots:
// the reads wait for a slot, every one arrives, and afterwards every
// slot is free in the ring and empty in the kernel's table, and the
// process has no descriptor more than before.
func TestMoreFilesThanSlots(t *testing.T) {
	before := openFds(t)
	r := newRing(t, 64, 3)
	sizes := make([]int, 100)
	for i := range sizes {
		sizes[i] = i * 50
	}
	paths := writeFiles(t, sizes...)
	for i, d := range readAll(t, r, paths) {
		if d.Err != nil || len(d.Data) != sizes[i] {
			t.Fatalf("read %d: %d bytes, %v; want %d", i, len(d.Data), d.Err, sizes[i])
		}
	}
	if len(r.slots) != 3 || len(r.waiting) != 0 {
		t.Errorf("%d slots free and %d reads waiting; want 3 and 0", len(r.slots), len(r.waiting))
	}
	assertSlotsEmpty(t, r)
	if after := openFds(t); after != before+1 { // the ring's own
		t.Errorf("%d descriptors open, %d before the ring; want one more (the ring)", after, before)
	}
}

func TestRingIsCloseOnExec(t *testing.T) {
	r := newRing(t, 4, 1)
	flags, err := unix.FcntlInt(uintptr(r.Fd()), unix.F_GETFD, 0)
	if err != nil || flags&unix.FD_CLOEXEC == 0 {
		t.Fatalf("ring descriptor flags %#x, %v; want FD_CLOEXEC", flags, err)
	}
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
			t.Errorf("slot %d: read returned %d (%v); want -EBADF, an empty slot", slot, c.res, ok)
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
