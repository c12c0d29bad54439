// Package linkcheck checks that every internal link of a rendered site
// resolves: the file it names exists and, when the link has a #fragment,
// the target page has an element with that id.
//
// Pages are scanned with regular expressions rather than a full HTML
// parser. That is enough for pages this renderer writes: text is escaped,
// and comments and script and style bodies are skipped before scanning.
package linkcheck

import (
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var (
	comment   = regexp.MustCompile(`(?s)<!--.*?-->`)
	rawBody   = regexp.MustCompile(`(?is)(<(?:script|style)\b[^>]*>).*?(</(?:script|style)\s*>)`)
	tag       = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>`)
	attribute = regexp.MustCompile(`([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)`)
	scheme    = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
)

// Problem is a link that does not resolve.
type Problem struct {
	// Page is the page holding the link, relative to the site root.
	Page string
	// Href is the link as written.
	Href string
	// Reason says why it does not resolve.
	Reason string
}

// String formats the problem for people.
func (p Problem) String() string {
	return fmt.Sprintf("%s: broken link %q: %s", p.Page, p.Href, p.Reason)
}

type page struct {
	ids   map[string]bool
	links []string
	base  string
}

// Site is a scanned output directory.
type Site struct {
	dir     string
	siteURL string
	pages   map[string]*page // by slash path relative to dir
}

// Load scans every .html file under dir. siteURL is the path the site is
// served under (such as "/" or "/book/"); links and <base> elements that
// start with it are resolved from dir.
func Load(dir, siteURL string) (*Site, error) {
	if siteURL == "" {
		siteURL = "/"
	}
	if !strings.HasSuffix(siteURL, "/") {
		siteURL += "/"
	}
	s := &Site{dir: dir, siteURL: siteURL, pages: map[string]*page{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		s.pages[filepath.ToSlash(rel)] = scan(string(data))
		return nil
	})
	return s, err
}

// scan collects the ids and link targets of an HTML page.
func scan(doc string) *page {
	doc = comment.ReplaceAllString(doc, "")
	doc = rawBody.ReplaceAllString(doc, "$1$2")
	pg := &page{ids: map[string]bool{}}
	for _, t := range tag.FindAllStringSubmatch(doc, -1) {
		name := strings.ToLower(t[1])
		for _, a := range attribute.FindAllStringSubmatch(t[2], -1) {
			key := strings.ToLower(a[1])
			val := html.UnescapeString(strings.Trim(a[2], `"'`))
			switch {
			case key == "id" || (key == "name" && name == "a"):
				pg.ids[val] = true
			case key == "href" && name == "base":
				pg.base = val
			case key == "href" || key == "src":
				pg.links = append(pg.links, val)
			}
		}
	}
	return pg
}

// Pages returns the scanned pages' paths, sorted.
func (s *Site) Pages() []string {
	var out []string
	for p := range s.pages {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Check resolves every link of every page and returns the ones that fail,
// sorted by page.
func (s *Site) Check() []Problem {
	var problems []Problem
	for _, p := range s.Pages() {
		for _, href := range s.pages[p].links {
			if err := s.Resolve(p, href); err != nil {
				problems = append(problems, Problem{Page: p, Href: href, Reason: err.Error()})
			}
		}
	}
	return problems
}

// Resolve checks one link found on page from (a path relative to the site
// root). External links (with a scheme, or starting with "//") are not
// checked and resolve to nil.
func (s *Site) Resolve(from, href string) error {
	if href == "" || scheme.MatchString(href) || strings.HasPrefix(href, "//") {
		return nil
	}
	p, frag, _ := strings.Cut(href, "#")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	base := path.Dir(from)
	if pg := s.pages[from]; pg != nil && pg.base != "" {
		if !strings.HasPrefix(pg.base, s.siteURL) {
			return nil // based elsewhere: cannot be checked here
		}
		base = strings.TrimSuffix(strings.TrimPrefix(pg.base, s.siteURL), "/")
	}
	var target string
	switch {
	case p == "":
		target = from
	case strings.HasPrefix(p, "/"):
		if !strings.HasPrefix(p, s.siteURL) {
			return fmt.Errorf("absolute path outside the site URL %s", s.siteURL)
		}
		target = path.Clean(strings.TrimPrefix(p, s.siteURL))
	default:
		target = path.Clean(path.Join(base, p))
	}
	if target == ".." || strings.HasPrefix(target, "../") {
		return fmt.Errorf("points outside the site")
	}
	if target == "." || strings.HasSuffix(p, "/") {
		return fmt.Errorf("points to a directory, which does not open from file://; link to the .html page")
	}
	fi, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(target)))
	switch {
	case err != nil:
		return fmt.Errorf("%s does not exist", target)
	case fi.IsDir():
		return fmt.Errorf("%s is a directory, which does not open from file://; link to the .html page", target)
	}
	if frag == "" || frag == "top" {
		return nil
	}
	pg, ok := s.pages[target]
	if !ok {
		return nil // a fragment into a non-HTML file is not checked
	}
	if !pg.ids[frag] {
		return fmt.Errorf("%s has no element with id %q", target, frag)
	}
	return nil
}
