package crypto

import (
	"testing"

	"github.com/nodeexperiment/gonode/steps/05-runtime/internal/looptest"
	"github.com/nodeexperiment/gonode/steps/05-runtime/js"
	"github.com/nodeexperiment/gonode/steps/05-runtime/loop"
)

func TestEncrypt(t *testing.T) {
	var gotErr error
	var got js.Value
	looptest.Run(t, func(rt *loop.Runtime) {
		Encrypt(rt, 39, func(err error, v js.Value) { gotErr, got = err, v })
	})
	if n, ok := got.AsInt(); gotErr != nil || !ok || n != 63245986 {
		t.Fatalf("Encrypt(39) called back with %v, %v; want 63245986", gotErr, got)
	}
}

func TestEncryptOutOfRangeIsAnError(t *testing.T) {
	for _, n := range []int{-1, MaxInput + 1} {
		var gotErr error
		looptest.Run(t, func(rt *loop.Runtime) {
			Encrypt(rt, n, func(err error, v js.Value) { gotErr = err })
		})
		if gotErr == nil {
			t.Errorf("Encrypt(%d) gave no error", n)
		}
	}
}
