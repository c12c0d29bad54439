//go:build exercises && solution

package writing

// The reference answer to the exercise of exercise_pump.go. Try that file first.

// ANCHOR: start

// Writer is what Pump writes to: a *loop.Conn of step 15 is one.
type Writer interface {
	Write(data []byte, cb func(err error))
}

// Pump writes the next chunk from the callback of the one before: the
// callback runs only once the OS has taken every byte of that chunk, so
// the queue never holds more than one. This is Node's back-pressure
// written by hand: wait for 'drain' (here, the callback) before writing
// more.
func Pump(w Writer, total, chunk int, fill func(p []byte), done func(err error)) {
	sent := 0
	var next func(err error)
	next = func(err error) {
		if err != nil || sent == total {
			done(err)
			return
		}
		p := make([]byte, min(chunk, total-sent))
		fill(p)
		sent += len(p)
		w.Write(p, next)
	}
	next(nil)
}

// ANCHOR_END: start
