//go:build exercises && !solution

package main

// Exercise 04.2, ReadMany: read many files on the pool, a few at a time.
//
// This is the file you edit; you may use anything in the chapter's files
// (registerEventThreadpool, SetTimeout, Js). Check your answer with
//
//	go test -tags exercises -run ReadMany ./exercises/04-modules
//
// The reference answer is in solution_readmany.go; the same test runs it
// with -tags exercises,solution.

import "errors"

// ANCHOR: start

// ReadMany reads the files at paths on pool threads, never more than
// limit at a time (a limit below 1 is 1), and calls cb once, on the main
// thread and never before ReadMany has returned: with the contents in the
// order of paths, or with the first error, after which it starts no more
// reads. The pool of chapter 04 has no queue: a task sent while every
// thread is busy stops the program with "out of threads", so the limit
// must hold.
func (fsModule) ReadMany(paths []string, limit int, cb func(contents []string, err error)) {
	SetTimeout(0, func(Js) {
		cb(nil, errors.New("exercise: not done yet: Fs.ReadMany (exercises/04-modules/exercise_readmany.go) "+
			"must read the files on the pool, limit at a time, and call back once"))
	})
}

// ANCHOR_END: start
