//go:build exercises && !solution

package main

// Exercise 02.2, Map: drive chapter 02's pool from the main thread.
//
// This is the file you edit; you may use anything in the chapter's files.
// Check your answer with
//
//	go test -tags exercises -run Map ./exercises/02-threadpool
//
// The reference answer is in solution_map.go; the same test runs it with
// -tags exercises,solution.

import "errors"

// ANCHOR: start

// Map computes f of every input on the threads of pool, which hands its
// results to results (the pool was made with a deliver function that
// sends them there), and returns the outputs in the order of inputs. It
// runs on the main thread and uses every thread of the pool. Pool.Send
// blocks until the thread takes the task, and a thread that has finished
// one blocks until its result is taken: send only to a free thread.
func Map(pool *Pool, results <-chan Result, inputs []int, f func(int) int) ([]int, error) {
	return nil, errors.New("exercise: not done yet: Map (exercises/02-threadpool/exercise_map.go) " +
		"must send each input to a free pool thread and collect the results in order")
}

// ANCHOR_END: start
