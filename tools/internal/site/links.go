package site

import (
	"net/url"
	"path"
	"regexp"
	"strings"
)

// scheme matches URLs with a scheme (https:, mailto:, data:), which are
// left alone.
var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// rootOf returns the relative path from page (a slash path in the build
// directory) back to the build directory: "" or "../" and so on.
func rootOf(page string) string {
	return strings.Repeat("../", strings.Count(page, "/"))
}

// relURL returns a relative URL from the page at from to the file at to,
// both slash paths relative to the build directory.
func relURL(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	if fromDir[0] == "." {
		fromDir = nil
	}
	toParts := strings.Split(to, "/")
	i := 0
	for i < len(fromDir) && i < len(toParts)-1 && fromDir[i] == toParts[i] {
		i++
	}
	return strings.Repeat("../", len(fromDir)-i) + strings.Join(toParts[i:], "/")
}

// slug turns a page path into an id for the print page: "guide/a.html"
// becomes "guide-a".
func slug(page string) string {
	page = strings.TrimSuffix(page, ".html")
	var b strings.Builder
	for _, r := range page {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// printPrefix is the prefix of every id of ch on the print page.
func printPrefix(ch *Chapter) string { return slug(ch.Out) + "--" }

// splitURL cuts a relative URL into path, query (with "?") and fragment
// (without "#").
func splitURL(u string) (p, query, frag string) {
	p, frag, _ = strings.Cut(u, "#")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p, query = p[:i], p[i:]
	}
	return p, query, frag
}

// linkRewriter returns the function that fixes the links of ch: links to
// other chapters' .md files point to their pages, and on the print page
// (print true) every link into the book points into the print page.
func (b *Book) linkRewriter(ch *Chapter, print bool) func(dest string, image bool) string {
	srcDir := path.Dir(ch.Item.Path)
	return func(dest string, image bool) string {
		if dest == "" || scheme.MatchString(dest) || strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, "/") {
			return dest
		}
		if strings.HasPrefix(dest, "#") {
			if print {
				return "#" + printPrefix(ch) + dest[1:]
			}
			return dest
		}
		p, query, frag := splitURL(dest)
		target := path.Join(srcDir, p)
		if !image && strings.HasSuffix(p, ".md") {
			key := target
			if u, err := url.PathUnescape(target); err == nil {
				key = u
			}
			if other, ok := b.byPath[key]; ok {
				if print {
					if frag != "" {
						return "#" + printPrefix(other) + frag
					}
					return "#" + slug(other.Out)
				}
				u := relURL(ch.Out, other.Out) + query
				if frag != "" {
					u += "#" + frag
				}
				return u
			}
			// Not a chapter: rewrite the extension as mdBook does and let
			// the link checker report it if nothing is there.
			p = strings.TrimSuffix(p, ".md") + ".html"
			target = path.Join(srcDir, p)
		}
		if !print {
			return p + query + fragment(frag)
		}
		// The print page sits at the root, so paths relative to the
		// chapter's directory must be made relative to the root.
		return target + query + fragment(frag)
	}
}

func fragment(f string) string {
	if f == "" {
		return ""
	}
	return "#" + f
}
