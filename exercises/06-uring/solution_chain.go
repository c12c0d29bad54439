//go:build exercises && linux && solution

package uring

// The reference answer to the exercise of exercise_chain.go. Try that file first.

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// ANCHOR: start

// fillChain writes the three entries of one read of the file at path
// into slot. The open is linked to the read (IOSQE_IO_LINK), so a failed
// open cancels the read and the close; the read is hard-linked to the
// close (IOSQE_IO_HARDLINK), so the close runs even after a short read,
// which IO_LINK counts as a failure; the close, last, links to nothing,
// or it would chain the next read's entries to this one. The read names
// the slot with IOSQE_FIXED_FILE; the open and the close name it in
// fileIndex, counted from 1. No O_CLOEXEC: the file never enters the
// process's table, and the kernel refuses the flag on such an open.
func fillChain(chain *[3]sqe, path []byte, slot uint32, buf []byte, off uint64) error {
	open, read, cl := &chain[0], &chain[1], &chain[2]

	open.opcode, open.flags = opOpenat, sqeIOLink
	open.fd = unix.AT_FDCWD
	open.addr = uint64(uintptr(unsafe.Pointer(&path[0])))
	open.opFlags = unix.O_RDONLY
	open.fileIndex = slot + 1

	read.opcode, read.flags = opRead, sqeFixedFile|sqeIOHardlink
	read.fd = int32(slot)
	read.addr = uint64(uintptr(unsafe.Pointer(&buf[0])))
	read.len = uint32(len(buf))
	read.off = off

	cl.opcode = opClose
	cl.fileIndex = slot + 1
	return nil
}

// ANCHOR_END: start
