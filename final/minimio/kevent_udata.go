//go:build darwin || dragonfly || freebsd || openbsd

//step:file streams

package minimio

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// udataIndex puts a registration into a kevent's udata and gets it back.
// udata is a pointer here (*byte), so it holds the registration's own
// address, as mio's token and Go runtime's pollDesc do; the selector
// keeps the registration reachable while the kernel may return it. That
// is enough because Go's collector never moves a heap object; if one
// ever did, each registration would have to be pinned (runtime.Pinner)
// from the kevent that hands it to the kernel until it is retired, as
// selector_iocp.go pins what IOCP holds. (Go's runtime keeps its own
// pollDesc out of the collected heap.)
type udataIndex struct{}

func (udataIndex) set(ev *unix.Kevent_t, r *registration) {
	ev.Udata = (*byte)(unsafe.Pointer(r))
}

func (udataIndex) get(ev *unix.Kevent_t) *registration {
	return (*registration)(unsafe.Pointer(ev.Udata))
}

func (udataIndex) drop(*registration) {}

// evReceipt is EV_RECEIPT, which makes kevent report each change's
// result; every kqueue here has it but NetBSD's x/sys.
const evReceipt = unix.EV_RECEIPT
