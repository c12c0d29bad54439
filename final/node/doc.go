// Package node holds the book's example written for real Node.js,
// example.js, and the test that runs it next to final's Go program and
// checks both against the same spec, final/trace.spec: Node's output on
// the main thread's lines, the only ones it prints, and final's whole.
// The package has no Go code of its own.
//
//	go test ./final/node            # needs node on PATH; skips without it
//	UPDATE_GOLDEN=1 go test -count=1 ./final/node
//
// With UPDATE_GOLDEN set, the test also records what the two programs
// printed: node-output.txt (Node's whole output), go-main-output.txt (the
// main thread's lines of final's run) and comparison.txt (the two
// programs' main-thread lines after the synchronous part, side by side),
// which the book shows.
package node
