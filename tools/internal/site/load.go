package site

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/config"
	"github.com/nodeexperiment/gonode/tools/internal/include"
	"github.com/nodeexperiment/gonode/tools/internal/summary"
)

// Book is a loaded book: its configuration, table of contents and the
// chapters' expanded Markdown.
type Book struct {
	// Config is the book's configuration.
	Config *config.Config
	// Summary is the parsed SUMMARY.md.
	Summary *summary.Summary
	// Chapters lists the chapters that have a file, in reading order.
	Chapters []*Chapter
	// Warnings lists problems that do not stop the build.
	Warnings []string

	byPath   map[string]*Chapter           // by path relative to src
	repo     string                        // the repository's root, or the book root
	newCache map[string]*newInfo           // by file, what is new in it
	sources  map[string]map[lineRange]bool // by caption path, the ranges shown
}

// Chapter is one page of the book.
type Chapter struct {
	// Item is the chapter's entry in SUMMARY.md.
	Item *summary.Item
	// Source is the absolute path of the chapter's Markdown file.
	Source string
	// Out is the page's path in the build directory, slash-separated,
	// such as "guide/poll.html" or "index.html".
	Out string
	// PageTitle is the HTML title: the {{#title}} argument, or the title
	// from SUMMARY.md.
	PageTitle string
	// Markdown is the chapter source with include directives expanded.
	Markdown []byte
	// Listings lists what each include directive put into Markdown.
	Listings []include.Listing
}

// Load reads the configuration at cfgPath, SUMMARY.md and every chapter,
// expanding include directives.
func Load(cfgPath string) (*Book, error) {
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return nil, err
	}
	b := &Book{Config: cfg, byPath: map[string]*Chapter{}, repo: repoRoot(cfg.Root), newCache: map[string]*newInfo{}}
	for _, s := range cfg.Snapshots {
		if fi, err := os.Stat(filepath.Join(cfg.Root, filepath.FromSlash(s.Dir))); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("%s: snapshot directory %s does not exist", b.rel(cfg.File), s.Dir)
		}
		if s.Page != "" {
			if _, err := os.Stat(filepath.Join(cfg.SrcDir(), filepath.FromSlash(s.Page))); err != nil {
				return nil, fmt.Errorf("%s: snapshot %s: page %s is not in the book's source directory", b.rel(cfg.File), s.Dir, s.Page)
			}
		}
	}
	for _, k := range cfg.Output.HTML.Ignored() {
		b.Warnings = append(b.Warnings, fmt.Sprintf("%s is accepted but ignored by this renderer", k))
	}
	src := cfg.SrcDir()
	if fi, err := os.Stat(src); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("source directory %s (book.src) does not exist", src)
	}
	summaryFile := filepath.Join(src, "SUMMARY.md")
	data, err := os.ReadFile(summaryFile)
	if err != nil {
		return nil, fmt.Errorf("reading the table of contents: %w", err)
	}
	name := b.rel(summaryFile)
	if b.Summary, err = summary.Parse(data, name); err != nil {
		return nil, err
	}
	x := &include.Expander{Root: cfg.Root}
	outs := map[string]string{}
	for _, it := range b.Summary.Chapters() {
		if it.Draft() {
			continue
		}
		ch := &Chapter{Item: it, Source: filepath.Join(src, filepath.FromSlash(it.Path)), PageTitle: it.Title}
		ch.Out = b.outPath(it.Path)
		if other, ok := outs[ch.Out]; ok {
			return nil, fmt.Errorf("%s:%d: %s and %s would both be written to %s", name, it.Line, other, it.Path, ch.Out)
		}
		outs[ch.Out] = it.Path
		content, err := os.ReadFile(ch.Source)
		switch {
		case errors.Is(err, os.ErrNotExist) && cfg.Build.CreateMissing:
			content = []byte("# " + it.Title + "\n")
			if err := os.MkdirAll(filepath.Dir(ch.Source), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(ch.Source, content, 0o644); err != nil {
				return nil, err
			}
			b.Warnings = append(b.Warnings, fmt.Sprintf("created missing chapter file %s", b.rel(ch.Source)))
		case errors.Is(err, os.ErrNotExist):
			return nil, fmt.Errorf("%s:%d: chapter file %s does not exist (build.create-missing is false)", name, it.Line, b.rel(ch.Source))
		case err != nil:
			return nil, err
		}
		if cfg.Build.UseDefaultPreprocessors {
			res, err := x.Expand(content, ch.Source)
			if err != nil {
				return nil, err
			}
			content = []byte(res.Text)
			ch.Listings = res.Listings
			if res.Title != "" {
				ch.PageTitle = res.Title
			}
		}
		ch.Markdown = content
		b.Chapters = append(b.Chapters, ch)
		b.byPath[it.Path] = ch
	}
	if len(b.Chapters) == 0 {
		return nil, fmt.Errorf("%s lists no chapter with a file", name)
	}
	if err := b.checkListings(); err != nil {
		return nil, err
	}
	return b, nil
}

// outPath maps a chapter's source path to its page: x.md becomes x.html,
// and README.md becomes index.html when the default preprocessors run.
func (b *Book) outPath(p string) string {
	dir, file := path.Split(p)
	ext := path.Ext(file)
	stem := strings.TrimSuffix(file, ext)
	if b.Config.Build.UseDefaultPreprocessors && strings.EqualFold(stem, "readme") {
		stem = "index"
	}
	return dir + stem + ".html"
}

// rel shortens an absolute path for messages, relative to the book root.
func (b *Book) rel(p string) string {
	if r, err := filepath.Rel(b.Config.Root, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
