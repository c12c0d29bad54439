// Package crypto is the runtime's (pretend) cryptography module: a
// CPU-heavy computation run on the thread pool.
package crypto

import (
	"fmt"

	"github.com/nodeexperiment/gonode/steps/11-errors/js"
	"github.com/nodeexperiment/gonode/steps/11-errors/loop"
)

// MaxInput is the largest n Encrypt accepts: the naive computation
// doubles in cost with each step, and 50 would already take minutes.
const MaxInput = 45

// Encrypt computes a "magic" number from n on a pool thread and calls cb
// on the loop thread with it, or with an error when n is negative or
// above MaxInput. Loop thread only.
func Encrypt(rt *loop.Runtime, n int, cb func(err error, magic js.Value)) {
	rt.QueueWork("Encrypt", func() (js.Value, error) {
		if n < 0 || n > MaxInput {
			return js.Undefined, fmt.Errorf("crypto.Encrypt: %d is out of range 0..%d", n, MaxInput)
		}
		return js.Int(fibonacci(n)), nil
	}, cb)
}

// fibonacci is deliberately slow: the naive recursion stands in for real
// work such as hashing a password.
func fibonacci(n int) int {
	if n < 2 {
		return n
	}
	return fibonacci(n-1) + fibonacci(n-2)
}
