package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/lint"
)

// Check loads and renders the book into a temporary directory (so the
// build directory is left alone), checks every link, and then checks every
// Markdown file under the source directory for pasted Go code: a ```go
// block longer than lint.MaxPastedGoLines lines that is not filled by an
// {{#include}}. Every problem found is in the returned error.
func Check(opt Options) (*Book, error) {
	book, err := opt.load()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "mdbook-check-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var msgs []string
	if _, err := book.Write(tmp); err != nil {
		msgs = append(msgs, err.Error())
	}
	problems, err := book.PastedGo()
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		msgs = append(msgs, p.String())
	}
	if len(msgs) > 0 {
		return book, errors.New(strings.Join(msgs, "\n"))
	}
	return book, nil
}

// PastedGo runs lint.PastedGo over every Markdown file under the source
// directory. File names in the problems are relative to the book root.
func (b *Book) PastedGo() ([]lint.Problem, error) {
	var problems []lint.Problem
	src := b.Config.SrcDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != src && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		problems = append(problems, lint.PastedGo(b.rel(p), data, lint.MaxPastedGoLines)...)
		return nil
	})
	return problems, err
}
