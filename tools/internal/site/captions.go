package site

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/include"
	"github.com/nodeexperiment/gonode/tools/internal/markdown"
)

// This file: a listing's caption, which names its file and lines and
// links to them, and its new-line marks.

// repoRoot is the directory above the book root (or the root itself)
// that holds .git, or the book root when there is none.
func repoRoot(root string) string {
	for dir := root; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			return root
		}
	}
}

// listingPath returns the path a caption shows for file, relative to the
// repository when the book links to one, else to the book root; a file
// outside it is an error, since the caption could not link to it.
func (b *Book) listingPath(file string) (string, error) {
	base, what := b.Config.Root, "the book root"
	if b.Config.Output.HTML.GitRepositoryURL != "" {
		base, what = b.repo, "the repository "+b.repo
	}
	rel, err := filepath.Rel(base, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside %s, so a listing's caption cannot link to it", file, what)
	}
	return filepath.ToSlash(rel), nil
}

// checkListings checks that every listing's caption can link to its file
// and records the ranges the source pages must offer.
func (b *Book) checkListings() error {
	b.sources = map[string]map[lineRange]bool{}
	for _, ch := range b.Chapters {
		for _, l := range ch.Listings {
			if l.Lines == nil {
				continue
			}
			rel, err := b.listingPath(l.File)
			if err != nil {
				return fmt.Errorf("%s: {{#include}}: %w", b.rel(ch.Source), err)
			}
			if _, err := b.whatIsNew(l.File); err != nil {
				return err
			}
			if b.sources[rel] == nil {
				b.sources[rel] = map[lineRange]bool{}
			}
			b.sources[rel][lineRange{l.Lines[0], l.Lines[len(l.Lines)-1]}] = true
		}
	}
	return nil
}

// listingFunc returns the markdown.Options.Listing function for ch's
// Markdown rendered on page.
func (b *Book) listingFunc(ch *Chapter, page string) func(start int) *markdown.Listing {
	byStart := map[int]include.Listing{}
	for _, l := range ch.Listings {
		if l.Lines != nil {
			if _, dup := byStart[l.Start]; !dup {
				byStart[l.Start] = l
			}
		}
	}
	return func(start int) *markdown.Listing {
		l, ok := byStart[start]
		if !ok {
			return nil
		}
		return b.listing(l, page)
	}
}

// listing builds the caption and the marks of l shown on page.
func (b *Book) listing(l include.Listing, page string) *markdown.Listing {
	rel, err := b.listingPath(l.File)
	if err != nil {
		return nil // checkListings has reported it
	}
	r := lineRange{l.Lines[0], l.Lines[len(l.Lines)-1]}
	var href string
	if git := b.Config.Output.HTML.GitRepositoryURL; git != "" {
		href = fmt.Sprintf("%s/blob/HEAD/%s#L%d-L%d", strings.TrimSuffix(git, "/"), rel, r.first, r.last)
	} else {
		href = relURL(page, sourcePage(rel)) + "#" + r.id()
	}
	lines := fmt.Sprintf("lines %d–%d", r.first, r.last)
	if r.first == r.last {
		lines = fmt.Sprintf("line %d", r.first)
	}
	where := lines
	if l.Anchor != "" {
		where = "<code>" + html.EscapeString(l.Anchor) + "</code>, " + lines
	}
	var c strings.Builder
	fmt.Fprintf(&c, `<a class="listing-file" href="%s">%s</a> <span class="listing-where">%s</span>`,
		html.EscapeString(href), html.EscapeString(rel), where)
	out := &markdown.Listing{}
	info := b.newCache[l.File]
	switch {
	case info == nil:
	case info.newFile:
		fmt.Fprintf(&c, ` <span class="listing-new">new file in %s</span>`, html.EscapeString(b.Config.Snapshots[info.snapshot].Name()))
	case info.old != nil:
		out.New = make([]bool, len(l.Lines))
		n := 0
		for i, num := range l.Lines {
			if !info.old[num] {
				out.New[i] = true
				n++
			}
		}
		if n > 0 {
			word := "lines"
			if n == 1 {
				word = "line"
			}
			fmt.Fprintf(&c, ` <span class="listing-new">%d new %s since %s</span>`, n, word,
				html.EscapeString(b.Config.Snapshots[info.snapshot-1].Name()))
		}
	}
	out.CaptionHTML = c.String()
	return out
}
