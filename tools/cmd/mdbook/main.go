// Command mdbook renders a book written in mdBook's format (SUMMARY.md,
// chapter .md files, {{#include}} directives, a book.toml-style
// configuration) into a static HTML site, without needing the Rust mdBook.
//
// Usage:
//
//	mdbook build [-C dir] [--config file] [-d dest-dir] [dir]
//	mdbook serve [-C dir] [--config file] [-d dest-dir] [-n host] [-p port] [dir]
//	mdbook check [-C dir] [--config file] [dir]
//
// build writes the site to [build] build-dir (or dest-dir) and fails on any
// configuration, SUMMARY.md, include or broken-link error. serve builds,
// then serves the site on 127.0.0.1:3000, rebuilding when a page is
// requested after a source changed. check builds into a temporary
// directory and also fails on ```go blocks of more than five lines that
// were pasted into the Markdown instead of included from a Go file.
//
// The configuration file is mdbook.toml, or else book.toml, in the book
// directory, which is -C dir, the dir argument, or the current directory.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/nodeexperiment/gonode/tools/internal/site"
)

const usage = `usage: mdbook <command> [flags] [dir]

commands:
  build   render the book into the build directory and check its links
  serve   build, then serve the site and rebuild when sources change
  check   render into a temporary directory, check links and pasted Go code

Run "mdbook <command> -h" for the flags of a command.
`

// errUsage marks errors that come from bad command-line arguments.
var errUsage = errors.New("usage error")

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "mdbook: %v\n", err)
		os.Exit(1)
	}
}

// commonFlags are the flags shared by every command.
type commonFlags struct {
	dir, config, dest string
	host              string
	port              int
}

func (c *commonFlags) options() site.Options {
	return site.Options{Dir: c.dir, ConfigFile: c.config, DestDir: c.dest}
}

// parse parses args for the command name, allowing the book directory as a
// positional argument before or after the flags.
func parse(name string, args []string, stderr io.Writer) (*commonFlags, error) {
	c := &commonFlags{}
	fs := flag.NewFlagSet("mdbook "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.dir, "C", "", "book directory (holding mdbook.toml or book.toml)")
	fs.StringVar(&c.config, "config", "", "configuration file, relative to the book directory (default mdbook.toml, else book.toml)")
	if name != "check" {
		fs.StringVar(&c.dest, "d", "", "output directory, replacing [build] build-dir (relative to the current directory)")
		fs.StringVar(&c.dest, "dest-dir", "", "same as -d")
	}
	if name == "serve" {
		fs.StringVar(&c.host, "n", "127.0.0.1", "host name or address to listen on")
		fs.StringVar(&c.host, "hostname", "127.0.0.1", "same as -n")
		fs.IntVar(&c.port, "p", 3000, "port to listen on")
		fs.IntVar(&c.port, "port", 3000, "same as -p")
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case len(positional) > 1:
		fmt.Fprintf(stderr, "mdbook %s: at most one book directory may be given, got %q\n", name, positional)
		return nil, errUsage
	case len(positional) == 1 && c.dir != "":
		fmt.Fprintf(stderr, "mdbook %s: give the book directory either with -C or as an argument, not both\n", name)
		return nil, errUsage
	case len(positional) == 1:
		c.dir = positional[0]
	}
	return c, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "build", "serve", "check":
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "mdbook: unknown command %q\n\n%s", name, usage)
		return errUsage
	}
	flags, err := parse(name, rest, stderr)
	if err != nil {
		return err
	}
	switch name {
	case "build":
		res, err := site.Build(flags.options())
		if res != nil {
			warn(stderr, res.Book)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "mdbook: wrote %d pages to %s\n", res.Pages, res.OutDir)
		return nil
	case "check":
		book, err := site.Check(flags.options())
		if book != nil {
			warn(stderr, book)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "mdbook: %d chapters checked: includes, links and Go code blocks are fine\n", len(book.Chapters))
		return nil
	default:
		return serve(flags, stdout, stderr)
	}
}

func warn(w io.Writer, b *site.Book) {
	for _, msg := range b.Warnings {
		fmt.Fprintf(w, "mdbook: warning: %s\n", msg)
	}
}
