//go:build exercises && linux && solution

package minimio

// The reference answer to the exercise of exercise_writable.go. Try that file first.

import "golang.org/x/sys/unix"

// ANCHOR: start

// epollFlags returns the epoll event bits that ask for interests: EPOLLIN
// for Readable, EPOLLOUT for Writable, both for both.
func epollFlags(interests Interests) (uint32, error) {
	var flags uint32
	if interests.IsReadable() {
		flags |= unix.EPOLLIN
	}
	if interests.IsWritable() {
		flags |= unix.EPOLLOUT
	}
	return flags, nil
}

// readiness maps the bits epoll_wait reports to interests. EPOLLHUP and
// EPOLLERR come whether they were asked for or not, and count as both: a
// read would return the end of the stream or the error at once, and so
// would a write. (mio reports them the same way, as readable and writable
// plus a flag of their own.)
func readiness(events uint32) Interests {
	var ready Interests
	if events&(unix.EPOLLIN|unix.EPOLLHUP|unix.EPOLLERR) != 0 {
		ready |= Readable
	}
	if events&(unix.EPOLLOUT|unix.EPOLLHUP|unix.EPOLLERR) != 0 {
		ready |= Writable
	}
	return ready
}

// ANCHOR_END: start
