//go:build exercises && linux && !solution

package minimio

// Exercise 01.2, Deregister: take a stream out of the epoll instance.
//
// This is the file you edit. Registrator.Deregister (in poll.go) calls the
// method below. Check your answer with
//
//	go test -tags exercises -run Deregister ./exercises/01-poll
//
// The reference answer is in solution_deregister.go; the same test runs it
// with -tags exercises,solution.

import "errors"

// ANCHOR: start

// deregister removes stream from the epoll instance, so that no event
// comes for it until register adds it again.
func (s *selector) deregister(stream *TcpStream) error {
	return errors.New("exercise: not done yet: deregister (exercises/01-poll/exercise_deregister.go) " +
		"must take the stream out of the epoll instance")
}

// ANCHOR_END: start
