package site

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/theme"
)

// navLink is a previous or next chapter link.
type navLink struct {
	URL   string
	Title string
}

// pageData is what the page template is executed with; see the field list
// at the top of templates/page.html.
type pageData struct {
	Lang, Dir          string
	Title, BookTitle   string
	Description        string
	Authors            string
	Root               string
	Base               string
	Content            template.HTML
	Sidebar            template.HTML
	Prev, Next         *navLink
	DefaultTheme       string
	Search             bool
	PrintURL           string
	GitURL, EditURL    string
	ExtraCSS, ExtraJS  []string
	Copyable           bool
	IsPrint, PageBreak bool
	NoIndex            bool
}

// newPage fills the parts of pageData shared by every page at page.
func (b *Book) newPage(page, title string, content string, current *Chapter) *pageData {
	h := &b.Config.Output.HTML
	root := rootOf(page)
	d := &pageData{
		Lang:        b.Config.Book.Language,
		Dir:         b.Config.Direction(),
		Title:       title,
		BookTitle:   b.Config.Book.Title,
		Description: b.Config.Book.Description,
		Authors:     strings.Join(b.Config.Book.Authors, ", "),
		Root:        root,
		Content:     template.HTML(content),
		Sidebar:     template.HTML(b.sidebar(page, current)),
		Search:      h.Search.Enable,
		GitURL:      h.GitRepositoryURL,
		ExtraCSS:    h.AdditionalCSS,
		ExtraJS:     h.AdditionalJS,
		Copyable:    h.Playground.Copyable,
		PageBreak:   h.Print.PageBreak,
	}
	if h.DefaultDark() {
		d.DefaultTheme = "dark"
	} else {
		d.DefaultTheme = "light"
	}
	if h.Print.Enable {
		d.PrintURL = root + "print.html"
	}
	if d.BookTitle == "" {
		d.BookTitle = "Book"
	}
	if current != nil {
		if h.EditURLTemplate != "" {
			d.EditURL = strings.ReplaceAll(h.EditURLTemplate, "{path}", current.Item.Path)
		}
		if prev := b.neighbour(current, -1); prev != nil {
			d.Prev = &navLink{URL: relURL(page, prev.Out), Title: prev.Item.Title}
		}
		if next := b.neighbour(current, +1); next != nil {
			d.Next = &navLink{URL: relURL(page, next.Out), Title: next.Item.Title}
		}
	}
	return d
}

// pageTitle is "Chapter - Book", or just one of them.
func (b *Book) pageTitle(chapter string) string {
	switch {
	case b.Config.Book.Title == "":
		return chapter
	case chapter == "" || chapter == b.Config.Book.Title:
		return b.Config.Book.Title
	}
	return chapter + " - " + b.Config.Book.Title
}

// neighbour returns the chapter step places from ch in reading order
// (drafts have no page and are skipped), or nil.
func (b *Book) neighbour(ch *Chapter, step int) *Chapter {
	for i, c := range b.Chapters {
		if c == ch {
			j := i + step
			if j >= 0 && j < len(b.Chapters) {
				return b.Chapters[j]
			}
		}
	}
	return nil
}

func executePage(d *pageData) ([]byte, error) {
	var buf bytes.Buffer
	if err := theme.Page.Execute(&buf, d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writePage writes a page that is not a chapter of SUMMARY.md: no
// previous or next chapter, and left out of search engines' indexes.
func (r *renderer) writePage(page, title, content string) error {
	d := r.book.newPage(page, title, content, nil)
	d.NoIndex = true
	out, err := executePage(d)
	if err != nil {
		return err
	}
	return r.write(page, out)
}
