package main

import "testing"

// TestAFreedThreadIsGivenBack runs twelve pool tasks, four at a time (as
// many as there are threads), each callback sending the next: this
// runtime has no task queue, so the fifth task finds a thread only if
// the first one's thread was given back when its result came.
func TestAFreedThreadIsGivenBack(t *testing.T) {
	const total = 12
	sent, done := 0, 0
	var send func()
	send = func() {
		sent++
		current.registerEventThreadpool(func() Js { return Js{} }, Encrypt, func(Js) {
			done++
			if sent < total {
				send()
			}
		})
	}
	rt := runProgram(t, func() {
		for range 4 {
			send()
		}
	})
	if done != total {
		t.Fatalf("%d of %d tasks completed", done, total)
	}
	if n := len(rt.availableThreads); n != 4 {
		t.Fatalf("%d threads free at the end, want all 4", n)
	}
}
