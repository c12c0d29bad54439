//go:build netbsd

//step:file streams

package minimio

import "golang.org/x/sys/unix"

// udataIndex puts a registration into a kevent's udata and gets it back.
// NetBSD's udata is an integer (int64, or int32 on 32-bit ARM), which Go's
// garbage collector does not follow, so it holds a number that names the
// registration in a map. Numbers are not reused; an int32 would run out
// after 2^31 registrations with new tokens, far beyond any test or book
// program.
type udataIndex struct {
	last int64
	byID map[int64]*registration
}

func (x *udataIndex) set(ev *unix.Kevent_t, r *registration) {
	if r.id == 0 {
		if x.byID == nil {
			x.byID = make(map[int64]*registration)
		}
		x.last++
		r.id = x.last
		x.byID[r.id] = r
	}
	setInt(&ev.Udata, r.id)
}

// setInt sets an integer field of either width.
func setInt[T ~int32 | ~int64](field *T, n int64) { *field = T(n) }

func (x *udataIndex) get(ev *unix.Kevent_t) *registration { return x.byID[int64(ev.Udata)] }

func (x *udataIndex) drop(r *registration) { delete(x.byID, r.id) }

// evReceipt is 0: x/sys/unix has no EV_RECEIPT for NetBSD, so apply
// makes its changes one kevent call each.
const evReceipt = 0
