package summary

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Error is a problem in SUMMARY.md, with the line it was found on.
type Error struct {
	// File is the name of the summary file as given to Parse.
	File string
	// Line is the 1-based line of the problem.
	Line int
	// Msg describes the problem.
	Msg string
}

// Error formats the problem as "file:line: message".
func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// parser walks the top-level blocks of SUMMARY.md in order, mirroring the
// grammar summary ::= title prefix_chapters numbered_chapters
// suffix_chapters.
type parser struct {
	name   string
	src    []byte
	blocks []ast.Node
	pos    int
	roots  int // top-level numbered chapters so far, for continuous numbering
}

// Parse parses the contents of a SUMMARY.md file. name is used in error
// messages.
func Parse(src []byte, name string) (*Summary, error) {
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	p := &parser{name: name, src: src}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p.blocks = append(p.blocks, n)
	}
	s := &Summary{}
	var err error
	s.Title = p.title()
	if s.Prefix, err = p.affix(true); err != nil {
		return nil, err
	}
	if s.Numbered, err = p.parts(); err != nil {
		return nil, err
	}
	if s.Suffix, err = p.affix(false); err != nil {
		return nil, err
	}
	if err := p.checkDuplicates(s); err != nil {
		return nil, err
	}
	return s, nil
}

func (p *parser) peek() ast.Node {
	if p.pos < len(p.blocks) {
		return p.blocks[p.pos]
	}
	return nil
}

func (p *parser) errorf(n ast.Node, format string, args ...any) error {
	return &Error{File: p.name, Line: p.line(n), Msg: fmt.Sprintf(format, args...)}
}

func isH1(n ast.Node) bool {
	h, ok := n.(*ast.Heading)
	return ok && h.Level == 1
}

// title consumes an optional leading level-1 heading, skipping HTML blocks
// such as comments before it.
func (p *parser) title() string {
	for n := p.peek(); n != nil; n = p.peek() {
		switch {
		case n.Kind() == ast.KindHTMLBlock:
			p.pos++
		case isH1(n):
			p.pos++
			return plainText(n, p.src)
		default:
			return ""
		}
	}
	return ""
}

// affix parses prefix chapters (stopping at the first list or part title)
// or suffix chapters (where a list or part title is an error).
func (p *parser) affix(prefix bool) ([]*Item, error) {
	var items []*Item
	for n := p.peek(); n != nil; n = p.peek() {
		switch {
		case n.Kind() == ast.KindList || isH1(n):
			if prefix {
				return items, nil
			}
			return nil, p.errorf(n, "suffix chapters cannot be followed by a list or part title")
		case n.Kind() == ast.KindParagraph:
			links, err := p.paragraphLinks(n)
			if err != nil {
				return nil, err
			}
			items = append(items, links...)
		case n.Kind() == ast.KindThematicBreak:
			items = append(items, &Item{Kind: Separator, Line: p.line(n)})
		}
		p.pos++
	}
	return items, nil
}

// paragraphLinks turns every link in a paragraph into an unnumbered
// chapter.
func (p *parser) paragraphLinks(para ast.Node) ([]*Item, error) {
	var items []*Item
	var err error
	_ = ast.Walk(para, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if link, ok := n.(*ast.Link); ok && entering {
			var it *Item
			it, err = p.chapter(link)
			if err != nil {
				return ast.WalkStop, nil
			}
			items = append(items, it)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return items, err
}

// parts parses the numbered section: lists, separators and part titles,
// until a paragraph (the start of the suffix chapters) or the end.
func (p *parser) parts() ([]*Item, error) {
	var items []*Item
	for n := p.peek(); n != nil; n = p.peek() {
		switch {
		case n.Kind() == ast.KindParagraph:
			return items, nil
		case isH1(n):
			p.pos++
			items = append(items, &Item{Kind: PartTitle, Title: plainText(n, p.src), Line: p.line(n)})
			if next := p.peek(); next != nil && next.Kind() == ast.KindParagraph {
				// mdBook silently drops a paragraph right after a part
				// title; refuse it instead so no chapter goes missing.
				return nil, p.errorf(next, "a plain link right after part title %q is ignored by mdBook; make it a list item", items[len(items)-1].Title)
			}
		case n.Kind() == ast.KindList:
			p.pos++
			list, err := p.list(n.(*ast.List), nil, p.roots)
			if err != nil {
				return nil, err
			}
			p.roots += len(list)
			items = append(items, list...)
		case n.Kind() == ast.KindThematicBreak:
			p.pos++
			items = append(items, &Item{Kind: Separator, Line: p.line(n)})
		default:
			// Other headings, HTML comments and the like are ignored,
			// as mdBook ignores them.
			p.pos++
		}
	}
	return items, nil
}

// list parses one list of numbered chapters. Its items are numbered
// parent.(offset+1), parent.(offset+2), and so on.
func (p *parser) list(l *ast.List, parent Number, offset int) ([]*Item, error) {
	var items []*Item
	for li := l.FirstChild(); li != nil; li = li.NextSibling() {
		first := li.FirstChild()
		var link *ast.Link
		if first != nil && (first.Kind() == ast.KindTextBlock || first.Kind() == ast.KindParagraph) {
			link, _ = first.FirstChild().(*ast.Link)
		}
		if link == nil {
			return nil, p.errorf(li, "a numbered chapter's list item must start with a link like [Title](file.md)")
		}
		it, err := p.chapter(link)
		if err != nil {
			return nil, err
		}
		it.Number = append(append(Number{}, parent...), offset+len(items)+1)
		nested := 0
		for c := first.NextSibling(); c != nil; c = c.NextSibling() {
			sub, ok := c.(*ast.List)
			if !ok {
				continue
			}
			if nested++; nested > 1 {
				return nil, p.errorf(c, "a second nested list under %q: do not mix list markers (- and *) at one level", it.Title)
			}
			if it.Children, err = p.list(sub, it.Number, 0); err != nil {
				return nil, err
			}
		}
		items = append(items, it)
	}
	return items, nil
}

// chapter turns a link into a chapter item, checking its path.
func (p *parser) chapter(link *ast.Link) (*Item, error) {
	it := &Item{Kind: Chapter, Title: plainText(link, p.src), Line: p.line(link)}
	dest := string(link.Destination)
	if dest == "" {
		return it, nil // a draft chapter
	}
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	switch {
	case strings.Contains(dest, "#") || strings.Contains(dest, "?"):
		return nil, p.errorf(link, "chapter %q: a chapter link must name a file, without #fragment or ?query", dest)
	case strings.Contains(dest, "://") || strings.HasPrefix(dest, "/"):
		return nil, p.errorf(link, "chapter %q: a chapter link must be a path relative to the source directory", dest)
	}
	clean := path.Clean(dest)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return nil, p.errorf(link, "chapter %q is outside the source directory", dest)
	}
	it.Path = clean
	return it, nil
}

func (p *parser) checkDuplicates(s *Summary) error {
	seen := map[string]int{}
	for _, it := range s.Chapters() {
		if it.Path == "" {
			continue
		}
		if first, ok := seen[it.Path]; ok {
			return &Error{File: p.name, Line: it.Line, Msg: fmt.Sprintf("duplicate file in SUMMARY.md: %s (first listed on line %d)", it.Path, first)}
		}
		seen[it.Path] = it.Line
	}
	return nil
}

// line returns the 1-based line where node n starts.
func (p *parser) line(n ast.Node) int {
	off := startOffset(n)
	if off < 0 {
		return 1
	}
	return bytes.Count(p.src[:off], []byte("\n")) + 1
}

// startOffset finds the first source byte of n or of its first descendant
// that records one, or -1.
func startOffset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := startOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

// plainText returns the text of an inline tree without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
