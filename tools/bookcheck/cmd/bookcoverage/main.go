// Command bookcoverage reports which lines of final/'s runtime the book
// shows: a row per file (shown, named as not shown, missing, lines,
// accounted), a row per package and the total, then the lines pages name
// as not shown with their reasons. It fails (exit status 1) when the
// total is below -min percent.
//
// Usage:
//
//	bookcoverage [-C dir] [-min percent] [-file path]...
//
// The book root (-C, default the current directory) holds mdbook.toml.
// -file, which may be repeated, lists the lines of one file (relative to
// the book root, such as final/loop/net.go) that no page shows, so that a
// chapter's writer can see what is missing. The scope, what counts as a
// line and the not-shown declaration are described in package
// tools/bookcheck/coverage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/nodeexperiment/gonode/tools/bookcheck/coverage"
	"github.com/nodeexperiment/gonode/tools/internal/site"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp), errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "bookcoverage: %v\n", err)
		os.Exit(1)
	}
}

// errUsage marks errors that come from bad command-line arguments.
var errUsage = errors.New("usage error")

// files collects repeated -file flags.
type files []string

func (f *files) String() string     { return fmt.Sprint(*f) }
func (f *files) Set(v string) error { *f = append(*f, v); return nil }

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bookcoverage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("C", ".", "the book root, where mdbook.toml is")
	min := fs.Float64("min", coverage.MinPercent, "fail when the book accounts for less than this percentage of the lines")
	var only files
	fs.Var(&only, "file", "list the lines of this `file` (relative to the book root) that the book does not show; may be repeated")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bookcoverage: unexpected arguments %q\n", fs.Args())
		return errUsage
	}
	r, err := coverage.Measure(site.Options{Dir: *dir}, coverage.Runtime)
	if err != nil {
		return err
	}
	if len(only) > 0 {
		for i, p := range only {
			f := r.File(p)
			if f == nil {
				return fmt.Errorf("-file %s: not a file of the runtime's scope (see the table for their names)", p)
			}
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			if err := r.WriteFile(stdout, f); err != nil {
				return err
			}
		}
	} else if err := r.WriteTable(stdout); err != nil {
		return err
	}
	return r.Check(*min)
}
