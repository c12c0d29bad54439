// Package site builds a static HTML site from a book in mdBook's format:
// it loads the configuration and SUMMARY.md, expands includes, renders
// every chapter, the print page, the 404 page and the search index, copies
// the theme's assets, and checks that every internal link resolves.
package site

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/config"
	"github.com/nodeexperiment/gonode/tools/internal/linkcheck"
)

// Options says which book to build and where.
type Options struct {
	// Dir is the book root, where the configuration file is looked for.
	// Empty means the current directory.
	Dir string
	// ConfigFile names the configuration file, relative to Dir unless
	// absolute. Empty means mdbook.toml, or else book.toml, in Dir.
	ConfigFile string
	// DestDir, when set, replaces [build] build-dir. A relative DestDir is
	// relative to the current directory, as with mdBook's --dest-dir.
	DestDir string
}

// load finds the configuration file and loads the book it describes.
func (opt Options) load() (*Book, error) {
	cfgPath, err := opt.ConfigPath()
	if err != nil {
		return nil, err
	}
	return Load(cfgPath)
}

// Result describes a finished build.
type Result struct {
	// Book is the book that was built.
	Book *Book
	// OutDir is the absolute directory the site was written to.
	OutDir string
	// Pages counts the HTML files written.
	Pages int
}

// ConfigPath returns the configuration file that opt names.
func (opt Options) ConfigPath() (string, error) {
	dir := opt.Dir
	if dir == "" {
		dir = "."
	}
	return config.Find(dir, opt.ConfigFile)
}

// Build loads the book, writes the site and checks its links. The output
// directory is emptied first; directories that hold the book's sources
// are refused.
func Build(opt Options) (*Result, error) {
	book, err := opt.load()
	if err != nil {
		return nil, err
	}
	out := book.Config.BuildDir()
	if opt.DestDir != "" {
		if out, err = filepath.Abs(opt.DestDir); err != nil {
			return nil, err
		}
	}
	pages, err := book.Write(out)
	if err != nil {
		return nil, err
	}
	return &Result{Book: book, OutDir: out, Pages: pages}, nil
}

// Write renders the book into out (emptying it first, after checking that
// this cannot destroy sources), then checks every internal link. It
// returns the number of HTML pages written.
func (b *Book) Write(out string) (int, error) {
	if err := checkOutDir(out, b.Config.Root, b.Config.SrcDir()); err != nil {
		return 0, err
	}
	if err := emptyDir(out); err != nil {
		return 0, err
	}
	r := &renderer{book: b, out: out}
	if err := r.render(); err != nil {
		return 0, err
	}
	if err := b.checkLinks(out, r.searchURLs); err != nil {
		return 0, err
	}
	return r.pages, nil
}

// checkLinks runs the link checker over the written site, and also checks
// the addresses in the search index.
func (b *Book) checkLinks(out string, searchURLs []string) error {
	site, err := linkcheck.Load(out, b.Config.Output.HTML.SiteURL)
	if err != nil {
		return err
	}
	sources := map[string]string{}
	for _, ch := range b.Chapters {
		sources[ch.Out] = b.rel(ch.Source)
	}
	var msgs []string
	for _, p := range site.Check() {
		msg := p.String()
		if src, ok := sources[p.Page]; ok {
			msg += " (in " + src + ")"
		}
		msgs = append(msgs, msg)
	}
	for _, u := range searchURLs {
		if err := site.Resolve("index.html", u); err != nil {
			msgs = append(msgs, fmt.Sprintf("searchindex.js: broken link %q: %v", u, err))
		}
	}
	if len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "\n"))
	}
	return nil
}
