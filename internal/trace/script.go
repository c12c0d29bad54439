package trace

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// Cmds returns the custom testscript commands of this package, which is
// just "tracecheck":
//
//	tracecheck [-only THREAD,...] [-golden FILE] stdout|stderr|FILE SPECFILE
//
// It checks the last command's stdout or stderr, or a file, against the
// spec in SPECFILE, and fails with the checker's error. Written as
// "! tracecheck ...", it fails if the output satisfies the spec instead;
// a spec that cannot be read fails either way. With -only, only the named
// threads are checked (see OnlyThreads). With -golden, and the environment
// variable UPDATE_GOLDEN set in the test process, output that satisfies
// the spec is also written to FILE; with GOLDEN_DIR set as well, it is
// written under GOLDEN_DIR instead, at FILE's path from the root of its Go
// module (the nearest directory above it with a go.mod), so that a run
// can be recorded without touching the tracked file.
func Cmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"tracecheck": tracecheck,
	}
}

func tracecheck(ts *testscript.TestScript, neg bool, args []string) {
	fs := flag.NewFlagSet("tracecheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	only := fs.String("only", "", "comma-separated `threads` to check")
	golden := fs.String("golden", "", "`file` to write the output to when UPDATE_GOLDEN is set")
	if err := fs.Parse(args); err != nil || fs.NArg() != 2 {
		ts.Fatalf("usage: tracecheck [-only THREAD,...] [-golden FILE] stdout|stderr|FILE SPECFILE")
	}
	if neg && *golden != "" {
		ts.Fatalf("tracecheck: -golden makes no sense with '!'")
	}
	out := ts.ReadFile(fs.Arg(0))
	specFile, err := os.Open(ts.MkAbs(fs.Arg(1)))
	ts.Check(err)
	defer specFile.Close()
	spec, err := ParseSpec(specFile)
	if err != nil {
		ts.Fatalf("%s: %v", fs.Arg(1), err)
	}

	var opts []Option
	if *only != "" {
		opts = append(opts, OnlyThreads(strings.Split(*only, ",")...))
	}
	recs, err := ParseTrace(strings.NewReader(out))
	if err == nil {
		err = spec.Check(recs, opts...)
	}
	switch {
	case neg && err == nil:
		ts.Fatalf("%s satisfies %s, but should not", fs.Arg(0), fs.Arg(1))
	case neg:
		ts.Logf("%s does not satisfy %s, as expected: %v", fs.Arg(0), fs.Arg(1), err)
	case err != nil:
		ts.Fatalf("%s does not satisfy %s: %v", fs.Arg(0), fs.Arg(1), err)
	case *golden != "" && os.Getenv("UPDATE_GOLDEN") != "":
		path := ts.MkAbs(*golden)
		if dir := goldenDir(ts); dir != "" {
			path, err = underModule(dir, path)
			ts.Check(err)
			ts.Check(os.MkdirAll(filepath.Dir(path), 0o777))
		}
		ts.Check(os.WriteFile(path, []byte(out), 0o666))
		ts.Logf("wrote %s", path)
	}
}

// goldenDir returns GOLDEN_DIR from the script's environment (where a
// test of this package sets it) or else from the test process's.
func goldenDir(ts *testscript.TestScript) string {
	if dir := ts.Getenv("GOLDEN_DIR"); dir != "" {
		return dir
	}
	return os.Getenv("GOLDEN_DIR")
}

// underModule returns where GOLDEN_DIR dir keeps the file at path: at
// path's place relative to the root of the Go module that holds it.
func underModule(dir, path string) (string, error) {
	for root := filepath.Dir(path); ; {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return "", err
			}
			return filepath.Join(dir, rel), nil
		}
		up := filepath.Dir(root)
		if up == root {
			return "", fmt.Errorf("tracecheck: %s is in no Go module (no go.mod above it), so GOLDEN_DIR has no place for it", path)
		}
		root = up
	}
}

// Params returns testscript parameters for the scripts in dir, with the
// tracecheck command installed. Scripts see $CHAPTER, the directory the
// test runs in (a chapter's directory, so that "$CHAPTER/trace.spec"
// names its spec), and HOME set to $WORK. Commands given to
// testscript.Main must be run with exec.
func Params(dir string) testscript.Params {
	chapter, err := os.Getwd()
	return testscript.Params{
		Dir:                 dir,
		Cmds:                Cmds(),
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			if err != nil {
				return err
			}
			env.Setenv("CHAPTER", chapter)
			env.Setenv("HOME", env.WorkDir)
			return nil
		},
	}
}
