package loop

import (
	"errors"
	"testing"
)

func TestRunTwice(t *testing.T) {
	rt := runProgram(t, Config{}, func(*Runtime) {})
	if err := rt.Run(func() {}); !errors.Is(err, ErrRunTwice) {
		t.Fatalf("a second Run returned %v, want ErrRunTwice", err)
	}
}
