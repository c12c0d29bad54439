// Package runjs runs an exercise's JavaScript-like program for its test:
// the runtime of chapters 03 and 04 is package main, so each exercise
// passes a function that makes a runtime and runs the program on it.
package runjs

import (
	"fmt"
	"testing"
	"time"
)

// Run calls run on a new goroutine and fails t if run returns an error,
// panics (the starting points panic with what is missing), or has not
// returned after 20 s.
func Run(t testing.TB, run func() error) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("%v", r)
			}
		}()
		done <- run()
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the runtime had not finished after 20 s: is something still pending?")
	}
}

// Program makes a runtime with newRuntime and runs program on it, as Run
// runs a function: the runtime's Run must return, without an error or a
// panic, within 20 s.
func Program[R interface{ Run(func()) error }](t testing.TB, newRuntime func() (R, error), program func()) {
	t.Helper()
	Run(t, func() error {
		rt, err := newRuntime()
		if err != nil {
			return err
		}
		return rt.Run(program)
	})
}
