package trace

import (
	"flag"
	"io"
	"os"
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
// the spec is also written to FILE.
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
		ts.Check(os.WriteFile(ts.MkAbs(*golden), []byte(out), 0o666))
		ts.Logf("wrote %s", *golden)
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
