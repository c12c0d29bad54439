// Package search writes the full-text search index of a book as a
// JavaScript file that assigns window.bookSearchIndex, so the search
// script can use it from file:// pages, where fetching JSON is blocked.
package search

import (
	"bytes"
	"encoding/json"

	"github.com/nodeexperiment/gonode/tools/internal/config"
)

// Doc is one searchable section of a chapter.
type Doc struct {
	// URL is the section's address relative to the book root, such as
	// "guide/poll.html#the-loop".
	URL string `json:"u"`
	// Title is the section heading, or the chapter title for the text
	// before the first heading.
	Title string `json:"t"`
	// Breadcrumb is "Chapter » Section", shown as the result's link text.
	Breadcrumb string `json:"b"`
	// Text is the section's plain text.
	Text string `json:"x"`
}

// options are the settings the search script reads from the index.
type options struct {
	LimitResults    int  `json:"limitResults"`
	TeaserWordCount int  `json:"teaserWordCount"`
	UseBooleanAnd   bool `json:"useBooleanAnd"`
	BoostTitle      int  `json:"boostTitle"`
	BoostHierarchy  int  `json:"boostHierarchy"`
	BoostParagraph  int  `json:"boostParagraph"`
	Expand          bool `json:"expand"`
}

// Index is the content of searchindex.js.
type Index struct {
	// Opts are the [output.html.search] settings the script applies.
	Opts options `json:"opts"`
	// Docs are the searchable sections in book order.
	Docs []Doc `json:"docs"`
}

// New makes an index of docs with the settings of cfg.
func New(cfg config.Search, docs []Doc) *Index {
	if docs == nil {
		docs = []Doc{}
	}
	return &Index{
		Opts: options{
			LimitResults:    cfg.LimitResults,
			TeaserWordCount: cfg.TeaserWordCount,
			UseBooleanAnd:   cfg.UseBooleanAnd,
			BoostTitle:      cfg.BoostTitle,
			BoostHierarchy:  cfg.BoostHierarchy,
			BoostParagraph:  cfg.BoostParagraph,
			Expand:          cfg.Expand,
		},
		Docs: docs,
	}
}

// Script returns the index as JavaScript source.
func (ix *Index) Script() ([]byte, error) {
	data, err := json.Marshal(ix)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("window.bookSearchIndex = ")
	b.Write(data)
	b.WriteString(";\n")
	return b.Bytes(), nil
}
