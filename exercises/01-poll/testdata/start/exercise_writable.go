//go:build exercises && linux && !solution

package minimio

// Exercise 01.1, Writable: give the epoll backend the Writable interest.
//
// This is the file you edit. The selector calls the two functions below:
// epollFlags when a stream is registered, and readiness for every event
// epoll_wait returns. Check your answer with
//
//	go test -tags exercises -run Writable ./exercises/01-poll
//
// (leave -run out for all of this chapter's exercises; make exercises runs
// every exercise). The reference answer is in solution_writable.go; the
// same test runs it with -tags exercises,solution.

import (
	"errors"

	"golang.org/x/sys/unix"
)

// ANCHOR: start

// epollFlags returns the epoll event bits that ask for interests; the
// selector adds EPOLLONESHOT. This starting point knows only Readable,
// like chapter 01.
func epollFlags(interests Interests) (uint32, error) {
	if interests.IsWritable() {
		return 0, errors.New("exercise: not done yet: epollFlags (exercises/01-poll/exercise_writable.go) " +
			"must ask epoll for EPOLLOUT when a stream is registered Writable")
	}
	return unix.EPOLLIN, nil
}

// readiness says what the bits of a returned epoll_event mean for the
// caller. This starting point calls every event readable, as chapter 01
// did: it only ever asked for EPOLLIN.
func readiness(_ uint32) Interests {
	return Readable
}

// ANCHOR_END: start
