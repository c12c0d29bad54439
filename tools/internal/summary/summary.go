// Package summary parses mdBook's SUMMARY.md: the optional title, prefix
// chapters, part titles, numbered (nested) chapters, separators, draft
// chapters and suffix chapters.
package summary

import (
	"strconv"
	"strings"
)

// Kind tells what an Item is.
type Kind int

const (
	// Chapter is a link to a chapter file, or a draft chapter with no file.
	Chapter Kind = iota
	// Separator is a horizontal rule in the table of contents.
	Separator
	// PartTitle is an unclickable heading that starts a part of the book.
	PartTitle
)

// Item is one entry of the table of contents.
type Item struct {
	// Kind is what the entry is.
	Kind Kind
	// Title is the link text of a chapter or the text of a part title.
	Title string
	// Path is the chapter's file, slash-separated and relative to the
	// source directory. It is empty for draft chapters and other kinds.
	Path string
	// Number is the section number of a numbered chapter; it is nil for
	// prefix and suffix chapters.
	Number Number
	// Children are the nested sub-chapters of a numbered chapter.
	Children []*Item
	// Line is the line of SUMMARY.md the entry comes from.
	Line int
}

// Draft reports whether the item is a draft chapter: listed, but with no
// file yet.
func (it *Item) Draft() bool { return it.Kind == Chapter && it.Path == "" }

// Number is a section number such as 1.2.
type Number []int

// String formats the number the way the table of contents shows it, with a
// trailing dot: "1.2.".
func (n Number) String() string {
	var b strings.Builder
	for _, v := range n {
		b.WriteString(strconv.Itoa(v))
		b.WriteByte('.')
	}
	return b.String()
}

// Summary is a parsed SUMMARY.md.
type Summary struct {
	// Title is the text of the leading "# Summary" heading, if any.
	Title string
	// Prefix holds the unnumbered chapters and separators before the
	// numbered list.
	Prefix []*Item
	// Numbered holds part titles, separators and numbered chapters.
	Numbered []*Item
	// Suffix holds the unnumbered chapters and separators after the
	// numbered list.
	Suffix []*Item
}

// Items returns every item in table-of-contents order, descending into
// nested chapters.
func (s *Summary) Items() []*Item {
	var out []*Item
	var walk func([]*Item)
	walk = func(items []*Item) {
		for _, it := range items {
			out = append(out, it)
			walk(it.Children)
		}
	}
	walk(s.Prefix)
	walk(s.Numbered)
	walk(s.Suffix)
	return out
}

// Chapters returns every chapter, drafts included, in reading order.
func (s *Summary) Chapters() []*Item {
	var out []*Item
	for _, it := range s.Items() {
		if it.Kind == Chapter {
			out = append(out, it)
		}
	}
	return out
}
