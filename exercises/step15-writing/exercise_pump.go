//go:build exercises && !solution

package writing

// Exercise step 15, Pump: send a lot, and hold at most one chunk in the
// write queue.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run Pump ./exercises/step15-writing
//
// The reference answer is in solution_pump.go; the same test runs it
// with -tags exercises,solution.

// ANCHOR: start

// Writer is what Pump writes to: a *loop.Conn of step 15 is one. Write's
// callback runs once every byte of data has been handed to the OS, or
// with the error that stopped it.
type Writer interface {
	Write(data []byte, cb func(err error))
}

// Pump writes total bytes to w, chunk bytes at a time (the last chunk
// may be shorter), each chunk filled by fill, and then calls done: with
// nil once every byte has been handed to the OS, or with the first
// write's error. A peer that reads slowly must not make the program
// hold more than one chunk that the OS has not taken yet.
//
// This starting point writes every chunk at once, and the queue holds
// all of them.
func Pump(w Writer, total, chunk int, fill func(p []byte), done func(err error)) {
	for sent := 0; sent < total; sent += chunk {
		p := make([]byte, min(chunk, total-sent))
		fill(p)
		w.Write(p, nil)
	}
	w.Write(nil, done)
}

// ANCHOR_END: start
