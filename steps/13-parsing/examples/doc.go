// Package examples holds the runnable programs of the book's "Going
// further" chapters, one directory each, and the idiomatic Go version of
// the book's example that the page "Go's own event loop" shows
// (idiomatic, with no Node twin):
//
//	go run ./steps/13-parsing/examples/NAME
//
// Each directory has the program (main.go), the trace.spec that says
// what its output must satisfy, a recorded run (output.txt) that the
// book shows, and, where Node can express the same program, its
// JavaScript twin (example.js) with Node's recorded run
// (node-output.txt). An example that sets an exit code on purpose says
// which in a file named exit-status. TestExamples runs every one of them, and the twins
// on real node, against their specs; with UPDATE_GOLDEN=1 it records the
// runs again.
package examples
