package site

import (
	"fmt"
	"github.com/nodeexperiment/gonode/tools/internal/include"
	"html"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/markdown"
)

// This file: the source pages, one per file a listing shows, when the
// captions link into the book rather than to a repository.

// sourceDir is the folder of the build directory that holds a page for
// each file a listing shows, when the book has no git-repository-url.
const sourceDir = "source"

// sourcePage is the page in the build directory that shows file.
func sourcePage(rel string) string { return sourceDir + "/" + rel + ".html" }

// writeSourcePages writes a page for every file a listing shows, when
// captions link into the book: the whole file, with line numbers, each
// listing's range a target that highlights its lines.
func (r *renderer) writeSourcePages() error {
	b := r.book
	if b.Config.Output.HTML.GitRepositoryURL != "" {
		return nil
	}
	rels := make([]string, 0, len(b.sources))
	for rel := range b.sources {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		page := sourcePage(rel)
		data, err := include.ReadSource(filepath.Join(b.Config.Root, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		ranges := make([]lineRange, 0, len(b.sources[rel]))
		for rg := range b.sources[rel] {
			ranges = append(ranges, rg)
		}
		sort.Slice(ranges, func(i, j int) bool {
			if ranges[i].first != ranges[j].first {
				return ranges[i].first < ranges[j].first
			}
			return ranges[i].last < ranges[j].last
		})
		starts := map[int][]lineRange{}
		var style strings.Builder
		style.WriteString("<style>\n")
		for _, rg := range ranges {
			starts[rg.first] = append(starts[rg.first], rg)
			fmt.Fprintf(&style, "html:has(#%s:target) .source-code > pre > code > .line:nth-of-type(n+%d):nth-of-type(-n+%d) { background-color: var(--target-bg); box-shadow: inset 3px 0 0 var(--target-bar); }\n",
				rg.id(), rg.first, rg.last)
		}
		style.WriteString("</style>\n")
		var c strings.Builder
		fmt.Fprintf(&c, "<h1 class=\"source-title\"><code>%s</code></h1>\n", html.EscapeString(rel))
		c.WriteString("<p class=\"source-shown\">Shown in: ")
		for i, ch := range b.pagesShowing(rel) {
			if i > 0 {
				c.WriteString(", ")
			}
			fmt.Fprintf(&c, `<a href="%s">%s</a>`, html.EscapeString(relURL(page, ch.Out)), html.EscapeString(ch.Item.Title))
		}
		c.WriteString(".</p>\n")
		c.WriteString(style.String())
		c.WriteString(`<div class="source-code">`)
		lang := langOf(rel)
		text := string(data)
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		err = markdown.WriteLines(&c, lang, text, func(i int) (string, string) {
			n := i + 1
			prefix := fmt.Sprintf(`<a class="ln" href="#L%d" aria-hidden="true" tabindex="-1">%d</a>`, n, n)
			for _, rg := range starts[n] {
				prefix = fmt.Sprintf(`<a class="range-target" id="%s"></a>`, rg.id()) + prefix
			}
			return fmt.Sprintf(` class="line" id="L%d"`, n), prefix
		})
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		c.WriteString("</div>\n")
		if err := r.writePage(page, b.pageTitle(rel), c.String()); err != nil {
			return err
		}
	}
	return nil
}

// pagesShowing lists the chapters with a listing of the file rel.
func (b *Book) pagesShowing(rel string) []*Chapter {
	var out []*Chapter
	for _, ch := range b.Chapters {
		for _, l := range ch.Listings {
			if p, err := b.listingPath(l.File); err == nil && p == rel && l.Lines != nil {
				out = append(out, ch)
				break
			}
		}
	}
	return out
}

// langOf guesses a code block language from a file name.
func langOf(name string) string {
	switch ext := strings.TrimPrefix(path.Ext(name), "."); ext {
	case "go", "js", "c", "h", "rs", "py", "toml", "yaml", "yml", "json", "sh", "md":
		return ext
	case "mod":
		return "go"
	}
	return ""
}
