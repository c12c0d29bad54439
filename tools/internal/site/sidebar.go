package site

import (
	"html"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/summary"
)

// sidebar renders the table of contents for the page at page (a path in
// the build directory), marking the chapter current as active. current
// may be nil.
func (b *Book) sidebar(page string, current *Chapter) string {
	var w strings.Builder
	w.WriteString(`<ol class="chapter">`)
	b.sidebarItems(&w, b.Summary.Prefix, page, current)
	b.sidebarItems(&w, b.Summary.Numbered, page, current)
	b.sidebarItems(&w, b.Summary.Suffix, page, current)
	w.WriteString("</ol>")
	return w.String()
}

func (b *Book) sidebarItems(w *strings.Builder, items []*summary.Item, page string, current *Chapter) {
	for _, it := range items {
		switch it.Kind {
		case summary.Separator:
			w.WriteString(`<li class="spacer" role="separator"></li>`)
		case summary.PartTitle:
			w.WriteString(`<li class="part-title">` + html.EscapeString(it.Title) + `</li>`)
		case summary.Chapter:
			label := html.EscapeString(it.Title)
			if it.Number != nil && !b.Config.Output.HTML.NoSectionLabel {
				label = `<strong class="section-number" aria-hidden="true">` + it.Number.String() + `</strong> ` + label
			}
			if it.Draft() {
				w.WriteString(`<li class="chapter-item draft"><span title="This chapter is not written yet">` + label + `</span>`)
			} else {
				ch := b.byPath[it.Path]
				attrs := ""
				if ch == current {
					attrs = ` class="active" aria-current="page"`
				}
				w.WriteString(`<li class="chapter-item"><a href="` + html.EscapeString(relURL(page, ch.Out)) + `"` + attrs + `>` + label + `</a>`)
			}
			w.WriteString("</li>")
			if len(it.Children) > 0 {
				w.WriteString(`<li><ol class="section">`)
				b.sidebarItems(w, it.Children, page, current)
				w.WriteString("</ol></li>")
			}
		}
	}
}
