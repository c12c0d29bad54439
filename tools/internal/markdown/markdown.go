// Package markdown turns chapter Markdown (after include expansion) into
// HTML with goldmark: GFM tables, strikethrough, task lists and autolinks,
// footnotes, definition lists, smart punctuation, mdBook-style heading ids
// and anchors, admonitions, and Go (and other) code highlighted by chroma
// with CSS classes.
package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options controls one rendering.
type Options struct {
	// SmartPunctuation turns straight quotes, "--", "---" and "..." into
	// typographic punctuation.
	SmartPunctuation bool
	// DefinitionLists enables "term\n: definition" lists.
	DefinitionLists bool
	// Admonitions turns "> [!NOTE]" block quotes into styled notes.
	Admonitions bool
	// IDPrefix is put before every heading and footnote id, so that
	// several chapters can share one page (the print page).
	IDPrefix string
	// RewriteLink, when not nil, maps the destination of every link
	// (image false) and image (image true).
	RewriteLink func(dest string, image bool) string
	// SplitLevel is the deepest heading level that starts a new Section.
	SplitLevel int
	// Listing, when not nil, is asked about every code block by the byte
	// offset in the source where the block's first line starts; a block
	// it returns a Listing for is drawn with that listing's caption and
	// new-line marks.
	Listing func(start int) *Listing
}

// Listing says how to draw one code block that shows part of a file.
type Listing struct {
	// CaptionHTML is put, as it is, in a <figcaption> above the block.
	CaptionHTML string
	// New marks, for each line of the block, a line that the previous
	// snapshot of the file does not have. It may be nil.
	New []bool
}

// Heading is a heading of the rendered document.
type Heading struct {
	// Level is 1 to 6.
	Level int
	// ID is the heading's id attribute, IDPrefix included.
	ID string
	// Text is the heading's plain text.
	Text string
}

// Section is the text between two headings whose level is at most
// Options.SplitLevel; the search index has one entry per section.
type Section struct {
	// Heading is the heading that starts the section; it is the zero
	// value for the text before the first such heading.
	Heading Heading
	// Text is the section's plain text, whitespace collapsed.
	Text string
}

// Doc is a rendered Markdown document.
type Doc struct {
	// HTML is the rendered body.
	HTML string
	// Headings lists every heading in order.
	Headings []Heading
	// Sections splits the document's text for searching.
	Sections []Section
}

// Render converts Markdown source to HTML.
func Render(src []byte, opt Options) (*Doc, error) {
	exts := []goldmark.Extender{
		extension.GFM,
		extension.NewFootnote(extension.WithFootnoteIDPrefix(opt.IDPrefix)),
	}
	if opt.DefinitionLists {
		exts = append(exts, extension.DefinitionList)
	}
	if opt.SmartPunctuation {
		exts = append(exts, extension.Typographer)
	}
	transformers := []util.PrioritizedValue{
		util.Prioritized(&idTransformer{prefix: opt.IDPrefix}, 100),
	}
	if opt.RewriteLink != nil {
		transformers = append(transformers, util.Prioritized(&linkTransformer{rewrite: opt.RewriteLink}, 110))
	}
	if opt.Admonitions {
		transformers = append(transformers, util.Prioritized(admonitionTransformer{}, 120))
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			parser.WithASTTransformers(transformers...),
		),
		goldmark.WithRendererOptions(
			html.WithUnsafe(),
			renderer.WithNodeRenderers(
				util.Prioritized(headingRenderer{}, 100),
				util.Prioritized(codeRenderer{listing: opt.Listing}, 100),
				util.Prioritized(admonitionRenderer{}, 100),
			),
		),
	)
	doc := md.Parser().Parse(text.NewReader(src))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		return nil, err
	}
	headings, sections := outline(doc, src, opt.SplitLevel)
	return &Doc{HTML: buf.String(), Headings: headings, Sections: sections}, nil
}

// collapse joins the words of s with single spaces.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
