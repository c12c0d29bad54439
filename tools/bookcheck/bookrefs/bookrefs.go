// Package bookrefs checks a rendered book's two reference pages: that each
// entry of the index of names (index-of-names.html) links to a section
// (or, without a #fragment, a page) that really mentions the name, and that
// each term of the glossary (glossary.html) is linked from at least one
// other page, first where the book first uses it, to its own entry.
//
// It reads the HTML the renderer wrote, so heading ids are the renderer's
// own; the link checker already fails on a link to an id that does not
// exist, and this package says what the section behind an id must hold.
package bookrefs

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// The pages this package reads, relative to the site root.
const (
	IndexPage    = "index-of-names.html"
	GlossaryPage = "glossary.html"
)

var (
	mainBody  = regexp.MustCompile(`(?s)<main>(.*)</main>`)
	entry     = regexp.MustCompile(`<a href="([^"#]+)(?:#([^"]+))?"><code>([^<]+)</code></a>`)
	heading   = regexp.MustCompile(`<h([1-6]) id="([^"]+)"`)
	anyHead   = regexp.MustCompile(`<h[1-6][\s>]`)
	tags      = regexp.MustCompile(`<[^>]*>`)
	termHead  = regexp.MustCompile(`(?s)<h3 id="([^"]+)"[^>]*>(.*?)</h3>`)
	hrefGloss = regexp.MustCompile(`href="(?:\./)?` + regexp.QuoteMeta(GlossaryPage) + `#([^"]+)"`)
)

// Check returns one message for each problem in the site at dir: an index
// entry whose page or section is missing or does not mention its name, a
// glossary term no page links to or whose first use in reading order is
// not a link to its own entry, or a reference page with no entries. An
// entry with a #fragment is looked for only in that section (up to the
// next heading of any level), one without in its whole page.
func Check(dir string) []string {
	p := append(checkIndex(dir), checkGlossary(dir)...)
	return append(p, checkFirstUses(dir)...)
}

// readPage returns a page of the site.
func readPage(dir, page string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	return string(b), err
}

// mainOf returns the <main> part of a page, which leaves out the sidebar.
func mainOf(dir, page string) (string, error) {
	b, err := readPage(dir, page)
	if err != nil {
		return "", err
	}
	m := mainBody.FindStringSubmatch(b)
	if m == nil {
		return "", fmt.Errorf("%s has no <main>", page)
	}
	return m[1], nil
}

// section returns the text of the section under the heading with the
// given id: from that heading to the next heading of any level.
func section(doc, id string) (string, bool) {
	for _, h := range heading.FindAllStringSubmatchIndex(doc, -1) {
		if doc[h[4]:h[5]] != id {
			continue
		}
		rest := doc[h[1]:]
		// Skip the heading itself, then stop at the next one.
		if end := strings.Index(rest, "</h"+doc[h[2]:h[3]]+">"); end >= 0 {
			rest = rest[end:]
		}
		if next := anyHead.FindStringIndex(rest); next != nil {
			rest = rest[:next[0]]
		}
		return html.UnescapeString(tags.ReplaceAllString(rest, "")), true
	}
	return "", false
}

func checkIndex(dir string) []string {
	doc, err := mainOf(dir, IndexPage)
	if err != nil {
		return []string{err.Error()}
	}
	entries := entry.FindAllStringSubmatch(doc, -1)
	if len(entries) == 0 {
		return []string{IndexPage + ": no entries"}
	}
	var problems []string
	for _, e := range entries {
		page, id, name := e[1], e[2], html.UnescapeString(e[3])
		target, err := mainOf(dir, page)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %s links to %s#%s: %v", IndexPage, name, page, id, err))
			continue
		}
		if id == "" {
			// An entry for a whole page: the page must mention it.
			if !strings.Contains(html.UnescapeString(tags.ReplaceAllString(target, "")), name) {
				problems = append(problems, fmt.Sprintf("%s: %s links to %s, which does not mention it", IndexPage, name, page))
			}
			continue
		}
		text, ok := section(target, id)
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: %s links to %s#%s, which is not a heading", IndexPage, name, page, id))
		case !strings.Contains(text, name):
			problems = append(problems, fmt.Sprintf("%s: %s links to %s#%s, whose section does not mention it", IndexPage, name, page, id))
		}
	}
	return problems
}

func checkGlossary(dir string) []string {
	doc, err := mainOf(dir, GlossaryPage)
	if err != nil {
		return []string{err.Error()}
	}
	terms := termHead.FindAllStringSubmatch(doc, -1)
	if len(terms) == 0 {
		return []string{GlossaryPage + ": no terms (each is an <h3>)"}
	}
	linked := map[string]bool{}
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		// The glossary's own links and the print page (every page again)
		// do not count.
		if rel == GlossaryPage || rel == "print.html" {
			return nil
		}
		body, err := mainOf(dir, filepath.ToSlash(rel))
		if err != nil {
			return nil // not a book page (a 404 page without <main>, say)
		}
		for _, m := range hrefGloss.FindAllStringSubmatch(body, -1) {
			linked[m[1]] = true
		}
		return nil
	})
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for _, t := range terms {
		if !linked[t[1]] {
			problems = append(problems, fmt.Sprintf("%s: no page links to the term #%s", GlossaryPage, t[1]))
		}
	}
	sort.Strings(problems)
	return problems
}
