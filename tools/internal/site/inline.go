package site

import (
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// pictureParagraph matches a paragraph that holds only a picture, maybe
// wrapped in a link: groups 1 (the link, or ""), 2 (the src) and 3 (the
// alt text, escaped).
var pictureParagraph = regexp.MustCompile(`<p>(?:<a href="([^"]*)">)?<img src="([^"]*\.svg)" alt="([^"]*)"\s*/?>(?:</a>)?</p>`)

var (
	svgRoot   = regexp.MustCompile(`(?s)<svg\b[^>]*>`)
	svgProlog = regexp.MustCompile(`(?s)^\s*(<\?xml.*?\?>\s*)?(<!DOCTYPE[^>]*>\s*)?`)
	svgID     = regexp.MustCompile(`\bid="([^"]+)"`)
)

// inlinePictures replaces each paragraph of content (the HTML of page)
// that holds only an SVG picture whose root element has a data-inline
// attribute by the picture itself, in a <figure>, so that the page's
// script can make it interactive; the alt text describes it and a link
// opens the picture on its own. The picture's ids are prefixed so that
// a page may hold it more than once. n counts the pictures inlined on
// the page so far.
func (b *Book) inlinePictures(content, page string, n *int) (string, error) {
	var firstErr error
	out := pictureParagraph.ReplaceAllStringFunc(content, func(p string) string {
		m := pictureParagraph.FindStringSubmatch(p)
		link, src, alt := m[1], m[2], m[3]
		if scheme.MatchString(src) || strings.HasPrefix(src, "/") {
			return p
		}
		rel := path.Clean(path.Join(path.Dir(page), html.UnescapeString(src)))
		if strings.HasPrefix(rel, "../") {
			return p
		}
		data, err := os.ReadFile(filepath.Join(b.Config.SrcDir(), filepath.FromSlash(rel)))
		if err != nil {
			return p // the link checker reports a missing picture
		}
		svg := svgProlog.ReplaceAllString(string(data), "")
		root := svgRoot.FindString(svg)
		if root == "" || !strings.Contains(root, "data-inline=") {
			return p
		}
		if !strings.HasPrefix(svg, "<svg") {
			if firstErr == nil {
				firstErr = fmt.Errorf("%s: the picture %s asks to be inlined but does not start with <svg", page, rel)
			}
			return p
		}
		*n++
		prefix := fmt.Sprintf("pic%d-", *n)
		for _, id := range svgID.FindAllStringSubmatch(svg, -1) {
			svg = strings.ReplaceAll(svg, `id="`+id[1]+`"`, `id="`+prefix+id[1]+`"`)
			svg = strings.ReplaceAll(svg, `url(#`+id[1]+`)`, `url(#`+prefix+id[1]+`)`)
			svg = strings.ReplaceAll(svg, `href="#`+id[1]+`"`, `href="#`+prefix+id[1]+`"`)
		}
		desc := prefix + "alt"
		svg = strings.Replace(svg, "<svg", fmt.Sprintf(`<svg aria-describedby="%s"`, desc), 1)
		if link == "" {
			link = src
		}
		return fmt.Sprintf("<figure class=\"svg-inline\">\n<div class=\"svg-box\">%s</div>\n<figcaption class=\"figure-link\"><span class=\"visually-hidden\" id=\"%s\">%s</span> <a href=\"%s\">Open the picture on its own</a></figcaption>\n</figure>\n",
			strings.TrimSpace(svg), desc, alt, link)
	})
	return out, firstErr
}
