package looptest

import (
	"bytes"
	"os/exec"
	"testing"
)

// Output runs cmd, a program under test, and returns its standard
// output. It reports an error, and goes on, if the program's exit status
// is not status or it writes anything to standard error: the programs
// the tests run end as they mean to, and report nothing there. It uses
// t.Errorf only, so it may be called from a goroutine the test started;
// the caller checks t.Failed.
func Output(t testing.TB, cmd *exec.Cmd, status int) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := -1
	if cmd.ProcessState != nil {
		code = cmd.ProcessState.ExitCode()
	}
	switch {
	case code != status:
		t.Errorf("%s in %q: %v (exit status %d, want %d)\nstdout:\n%s\nstderr:\n%s", cmd, cmd.Dir, err, code, status, &stdout, &stderr)
	case stderr.Len() > 0:
		t.Errorf("%s in %q wrote to standard error:\n%s", cmd, cmd.Dir, &stderr)
	}
	return stdout.String()
}
