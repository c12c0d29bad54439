//go:build exercises && !solution

package main

// Exercise 04.1, one redirect: make chapter 04's Http module follow one
// redirect.
//
// This is the file you edit. js.go, main.go, modules.go, pool.go,
// runtime.go and timers.go are chapter 04's, unchanged, and you may use
// anything in them: GetSlow, minimio's Connect and Register, the Runtime's
// registerEventEpoll and callBackWithError, readResponse. Check your
// answer with
//
//	go test -tags exercises -run Redirect ./exercises/04-modules
//
// (leave -run out for all of this chapter's exercises; make exercises runs
// every exercise). The reference answer is in solution_redirect.go; the
// same test runs it with -tags exercises,solution.

import "errors"

// ANCHOR: start

// GetFollow is GetSlow that follows one redirect. It asks the delay server
// for url after delayMs milliseconds, as GetSlow does; when the answer is a
// redirect (301, 302, 303, 307 or 308 with a Location), it asks for that
// location, whose host must be an "ip:port", and calls cb on the main
// thread with the second answer, whatever it is (another redirect is not
// followed). Any other answer goes to cb as it is, and any error as an
// error. Like GetSlow, the wait for each answer is the event queue's job:
// the main thread never blocks on it.
func (h httpModule) GetFollow(url string, delayMs int, cb func(Js)) {
	current.callBackWithError(cb, errors.New("exercise: not done yet: Http.GetFollow (exercises/04-modules/exercise_redirect.go) "+
		"must make the request GetSlow makes and, if the answer is a redirect, one more to its Location"))
}

// ANCHOR_END: start
