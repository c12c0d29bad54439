// Package conformance checks final/ against real Node, case by case.
//
// Each case is a JavaScript program in js/NAME.js, whose first comment
// says the fact it checks and where the fact comes from (Node's
// documentation, Node's or libuv's own tests, the ECMAScript
// specification), and a Go program on final's public API, the function
// registered under NAME in gocases. Both print one line per event they
// observe. TestConformance builds gocases once, runs every case in both
// (a few at a time), and compares the lines and the exit status: in
// order, except for the cases in setCases, where Node itself varies
// from run to run and the lines are compared as sets.
//
//	go test ./final/node/conformance               # needs node on PATH; skips without it
//	UPDATE_GOLDEN=1 go test -count=1 ./final/node/conformance
//
// With UPDATE_GOLDEN set, the test also records what Node printed, in
// testdata/NAME.txt, which the book includes; without it, it checks that
// Node still prints what was recorded.
package conformance
