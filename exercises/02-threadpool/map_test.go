//go:build exercises

package main

import (
	"testing"
	"time"
)

// TestMapUsesEveryThreadInOrder maps fibonacci over 24 inputs on four
// threads: the outputs must come back in order, every thread must have
// worked, and Map must not deadlock (a Send to a busy thread does, as
// soon as that thread waits to hand over its result).
func TestMapUsesEveryThreadInOrder(t *testing.T) {
	results := make(chan Result)
	ran := map[int]int{} // tasks per thread, seen on the way to Map
	seen := make(chan Result)
	pool := NewPool(4, func(r Result) { seen <- r })
	go func() {
		for r := range seen {
			ran[r.Thread]++
			results <- r
		}
	}()
	var inputs []int
	for i := range 24 {
		inputs = append(inputs, 18+i%6)
	}
	type answer struct {
		out []int
		err error
	}
	done := make(chan answer, 1)
	go func() {
		out, err := Map(pool, results, inputs, fibonacci)
		done <- answer{out, err}
	}()
	var a answer
	select {
	case a = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Map had not returned after 20 s: did it Send to a thread that was busy?")
	}
	if a.err != nil {
		t.Fatal(a.err)
	}
	pool.Close()
	close(seen)
	if len(a.out) != len(inputs) {
		t.Fatalf("Map returned %d outputs for %d inputs", len(a.out), len(inputs))
	}
	for i, in := range inputs {
		if a.out[i] != fibonacci(in) {
			t.Fatalf("output %d is %d, want fibonacci(%d) = %d: outputs must be in the order of inputs", i, a.out[i], in, fibonacci(in))
		}
	}
	for th := range 4 {
		if ran[th] == 0 {
			t.Fatalf("thread %d ran no task (tasks per thread: %v): Map must use every thread", th, ran)
		}
	}
}
