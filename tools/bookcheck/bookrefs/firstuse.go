package bookrefs

import (
	"fmt"
	"html"
	"regexp"
	"strings"
)

var (
	sidebar = regexp.MustCompile(`(?s)<nav id="sidebar".*?</nav>`)
	navLink = regexp.MustCompile(`<a href="([^"#]+\.html)"`)
	// Text that cannot carry a link, or is not prose: code, headings,
	// pictures drawn inline (an SVG's titles and labels), and the
	// renderer's captions of listings.
	unlinkable = regexp.MustCompile(`(?s)<pre\b.*?</pre>|<code\b.*?</code>|<h[1-6]\b.*?</h[1-6]>|<svg\b.*?</svg>|<figcaption\b.*?</figcaption>`)
	anchor     = regexp.MustCompile(`(?s)<a\b([^>]*)>(.*?)</a>`)
	hrefAttr   = regexp.MustCompile(`href="([^"]*)"`)
)

// readingOrder returns the book's pages in the sidebar's order.
func readingOrder(dir string) ([]string, error) {
	doc, err := readPage(dir, GlossaryPage)
	if err != nil {
		return nil, err
	}
	nav := sidebar.FindString(doc)
	if nav == "" {
		return nil, fmt.Errorf("%s has no sidebar", GlossaryPage)
	}
	var pages []string
	seen := map[string]bool{}
	for _, m := range navLink.FindAllStringSubmatch(nav, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			pages = append(pages, m[1])
		}
	}
	return pages, nil
}

// termPattern matches a term's words with any white space between them,
// in any case, plural or not; "blocking, non-blocking" names two forms.
func termPattern(term string) *regexp.Regexp {
	var alts []string
	for _, form := range strings.Split(term, ", ") {
		words := strings.Fields(form)
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		alts = append(alts, strings.Join(words, `\s+`))
	}
	return regexp.MustCompile(`(?i)(?:^|[^\pL\pN_-])((?:` + strings.Join(alts, "|") + `)(?:e?s)?)(?:$|[^\pL\pN_-])`)
}

// checkFirstUses finds each glossary term's first use in reading order,
// outside code, headings and the text of links to other pages than the
// glossary, and wants it to be a link to the term's own entry: the text
// of a link to another glossary entry is a use, and a wrong one.
func checkFirstUses(dir string) []string {
	gloss, err := mainOf(dir, GlossaryPage)
	if err != nil {
		return []string{err.Error()}
	}
	order, err := readingOrder(dir)
	if err != nil {
		return []string{err.Error()}
	}
	var texts []string
	var pages []string
	for _, p := range order {
		if p == GlossaryPage || p == IndexPage {
			continue
		}
		body, err := mainOf(dir, p)
		if err != nil {
			return []string{err.Error()}
		}
		pages = append(pages, p)
		texts = append(texts, unlinkable.ReplaceAllString(body, " "))
	}
	var problems []string
	for _, t := range termHead.FindAllStringSubmatch(gloss, -1) {
		id, term := t[1], strings.TrimSpace(text(t[2]))
		if msg := firstUse(termPattern(term), id, pages, texts); msg != "" {
			problems = append(problems, fmt.Sprintf("%s: the first use of %q %s", GlossaryPage, term, msg))
		}
	}
	return problems
}

// firstUse returns "" when the first use is a link to the term's own
// entry (glossary.html#id), and else says where the first use is and, if
// it links to another entry, which.
func firstUse(rx *regexp.Regexp, id string, pages, texts []string) string {
	want := GlossaryPage + "#" + id
	for i, doc := range texts {
		// Walk the page as runs of plain text and links, in order.
		rest := doc
		for rest != "" {
			a := anchor.FindStringSubmatchIndex(rest)
			plain := rest
			if a != nil {
				plain = rest[:a[0]]
			}
			if m := rx.FindStringSubmatch(text(plain)); m != nil {
				return fmt.Sprintf("is not a link to it: %q on %s", m[1], pages[i])
			}
			if a == nil {
				break
			}
			// A link to the glossary whose text uses the term is its first
			// use: right when it links to the term's own entry, wrong when
			// to another's. Links elsewhere are not prose the term could
			// link from.
			href := hrefAttr.FindStringSubmatch(rest[a[2]:a[3]])
			if href != nil && strings.HasPrefix(strings.TrimPrefix(href[1], "./"), GlossaryPage+"#") {
				if m := rx.FindStringSubmatch(text(rest[a[4]:a[5]])); m != nil {
					if got := strings.TrimPrefix(href[1], "./"); got != want {
						return fmt.Sprintf("links to %s, not to the term: %q on %s", got, m[1], pages[i])
					}
					return ""
				}
			}
			rest = rest[a[1]:]
		}
	}
	return "was not found on any page"
}

// text is the plain text of an HTML fragment.
func text(h string) string {
	return html.UnescapeString(tags.ReplaceAllString(h, ""))
}
