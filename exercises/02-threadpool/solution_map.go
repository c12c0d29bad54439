//go:build exercises && solution

package main

// The reference answer to the exercise of exercise_map.go. Try that file
// first.

// ANCHOR: start

// Map computes f of every input on the threads of pool, which hands its
// results to results (the pool was made with a deliver function that
// sends them there), and returns the outputs in the order of inputs. It
// runs on the main thread and uses every thread of the pool.
//
// It is the loop of chapter 02's main: a list of free threads, every free
// thread given a task, then one result taken, which frees its thread. The
// callback id carries the input's index, so the outputs go back in place
// whatever order the results come in. Sending to a thread that is busy
// would deadlock as soon as that thread, done, waits to hand over its
// result while the main thread waits in Send.
func Map(pool *Pool, results <-chan Result, inputs []int, f func(int) int) ([]int, error) {
	free := make([]int, pool.Size())
	for i := range free {
		free[i] = i
	}
	outputs := make([]int, len(inputs))
	next, pending := 0, 0
	for next < len(inputs) || pending > 0 {
		for next < len(inputs) && len(free) > 0 {
			thread := free[len(free)-1]
			free = free[:len(free)-1]
			in := inputs[next]
			pool.Send(thread, Task{Kind: Encrypt, CallbackID: next, Run: func() Js { return JsInt(f(in)) }})
			next++
			pending++
		}
		r := <-results
		pending--
		free = append(free, r.Thread)
		outputs[r.CallbackID], _ = r.Value.AsInt()
	}
	return outputs, nil
}

// ANCHOR_END: start
