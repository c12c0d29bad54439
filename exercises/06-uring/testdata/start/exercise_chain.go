//go:build exercises && linux && !solution

package uring

// Exercise 06, Chain: write the three linked entries that read one file
// through a fixed-file slot.
//
// This is the file you edit. ReadFile's start calls fillChain for each
// read (and again to read on, from where a full buffer stopped), then
// copies the three entries into the submission queue and sets each one's
// userData. Check your answer with
//
//	go test -tags exercises -run Chain ./exercises/06-uring
//
// The reference answer is in solution_chain.go; the same test runs it
// with -tags exercises,solution.

import (
	"errors"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ANCHOR: start

// fillChain writes into chain the three entries of one read of the file
// at path (NUL-terminated): chain[0] opens the file into the ring's
// fixed-file slot, chain[1] reads from that slot into buf at offset
// off, chain[2] closes the slot. They are submitted together, and the
// kernel must run them in that order; a failed open must cancel the
// read and the close, but the close must run whatever the read returns.
// The file must never get a descriptor in the process's own table.
//
// This starting point writes the open, without a link to what follows,
// and stops there.
func fillChain(chain *[3]sqe, path []byte, slot uint32, buf []byte, off uint64) error {
	open := &chain[0]
	open.opcode = opOpenat
	open.fd = unix.AT_FDCWD
	open.addr = uint64(uintptr(unsafe.Pointer(&path[0])))
	open.opFlags = unix.O_RDONLY
	open.fileIndex = slot + 1 // a slot, counted from 1 (0: a descriptor of the process)
	return errors.New("exercise: not done yet: fillChain (exercises/06-uring/exercise_chain.go) " +
		"must link the open to a read of the slot and a close of it")
}

// ANCHOR_END: start
