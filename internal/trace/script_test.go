package trace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// emit is a script command that prints a file to stdout, standing in for
// a chapter's program.
func emit(ts *testscript.TestScript, neg bool, args []string) {
	fmt.Fprint(ts.Stdout(), ts.ReadFile(args[0]))
}

func TestScripts(t *testing.T) {
	p := Params("testdata/scripts")
	p.Cmds["emit"] = emit
	testscript.Run(t, p)
}

func TestScriptsUpdateGolden(t *testing.T) {
	t.Setenv("UPDATE_GOLDEN", "1")
	testscript.Run(t, Params("testdata/golden"))
}

// TestScriptFailures runs scripts that must fail, and checks why.
func TestScriptFailures(t *testing.T) {
	files := `
-- spec --
start    main     First call
in       pool{a}  received a task
out      pool{a}  finished a task
order    start < in < out
-- good.trace --
Thread: main	 First call
Thread: pool1	 received a task
Thread: pool1	 finished a task
-- bad.trace --
Thread: main	 First call
Thread: pool1	 received a task
Thread: pool2	 finished a task
-- broken.spec --
a main
`
	tests := []struct {
		script, wantLog string
		update          bool // set UPDATE_GOLDEN
	}{
		{"tracecheck bad.trace spec", `bad.trace does not satisfy spec: line 3 "Thread: pool2\t finished a task": entry "out" would need {a} = "2", but line 2 set {a} = "1"`, false},
		{"! tracecheck good.trace spec", `good.trace satisfies spec, but should not`, false},
		{"! tracecheck bad.trace broken.spec", `broken.spec: spec line 1: an entry needs three fields`, false},
		{"! tracecheck bad.trace missing.spec", `no such file`, false},
		{"tracecheck -golden x good.trace", `usage: tracecheck`, false},
		{"! tracecheck -golden x bad.trace spec", `-golden makes no sense with '!'`, false},
		{"tracecheck -golden x.txt bad.trace spec", `bad.trace does not satisfy spec`, true},
	}
	for _, tt := range tests {
		t.Run(tt.script, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "script.txtar")
			if err := os.WriteFile(file, []byte(tt.script+"\n"+files), 0o666); err != nil {
				t.Fatal(err)
			}
			if tt.update {
				t.Setenv("UPDATE_GOLDEN", "1")
			}
			work := filepath.Join(dir, "work")
			if err := os.Mkdir(work, 0o777); err != nil {
				t.Fatal(err)
			}
			var st scriptT
			testscript.RunT(&st, testscript.Params{Files: []string{file}, Cmds: Cmds(), WorkdirRoot: work})
			if !st.failed {
				t.Fatalf("script passed, want it to fail; log:\n%s", st.log.String())
			}
			if !strings.Contains(st.log.String(), tt.wantLog) {
				t.Fatalf("script log does not contain %q:\n%s", tt.wantLog, st.log.String())
			}
			// A failed check never writes a golden file.
			if written, _ := filepath.Glob(filepath.Join(work, "*", "x*")); len(written) > 0 {
				t.Fatalf("script wrote %s", written)
			}
		})
	}
}

// scriptT is a testscript.T that runs a script in place and records
// whether it failed, so that a test can expect a failure.
type scriptT struct {
	log    strings.Builder
	failed bool
}

var errFailNow = errors.New("script failed")

func (t *scriptT) Skip(args ...any)  { t.Fatal(args...) }
func (t *scriptT) Fatal(args ...any) { t.Log(args...); t.FailNow() }
func (t *scriptT) Parallel()         {}
func (t *scriptT) Log(args ...any)   { fmt.Fprintln(&t.log, args...) }
func (t *scriptT) FailNow()          { t.failed = true; panic(errFailNow) }
func (t *scriptT) Verbose() bool     { return false }
func (t *scriptT) Run(name string, f func(testscript.T)) {
	defer func() {
		if r := recover(); r != nil && r != errFailNow {
			panic(r)
		}
	}()
	f(t)
}
