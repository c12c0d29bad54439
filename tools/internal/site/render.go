package site

import (
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/include"
	"github.com/nodeexperiment/gonode/tools/internal/markdown"
	"github.com/nodeexperiment/gonode/tools/internal/search"
	"github.com/nodeexperiment/gonode/tools/internal/theme"
)

// Chroma styles used for code in the light and dark themes.
const (
	lightCodeStyle = "github"
	darkCodeStyle  = "github-dark"
)

// renderer writes one build.
type renderer struct {
	book       *Book
	out        string
	pages      int
	docs       []search.Doc
	searchURLs []string
	indexDone  bool   // a chapter was written as index.html
	first      []byte // the first chapter's page
	diffLinks  map[*Chapter][]int
}

func (r *renderer) render() error {
	r.diffLinks = r.book.diffLinkChapters()
	steps := []func() error{
		r.copySourceFiles,
		r.writeAssets,
		r.writeChapters,
		r.writeSourcePages,
		func() error { return r.writeDiffPages(r.diffLinks) },
		r.writeIndexFallback,
		r.writePrint,
		r.write404,
		r.writeSearchIndex,
		r.writeExtras,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) write(rel string, data []byte) error {
	if strings.HasSuffix(rel, ".html") {
		r.pages++
	}
	return writeFile(r.out, rel, data)
}

// copySourceFiles copies everything in the source directory that is not
// Markdown (images and the like), as mdBook does.
func (r *renderer) copySourceFiles() error {
	src := r.book.Config.SrcDir()
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != src && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || strings.HasSuffix(p, ".md") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		return writeFile(r.out, filepath.ToSlash(rel), data)
	})
}

// writeAssets writes the embedded theme files and the highlighting styles.
func (r *renderer) writeAssets() error {
	static := theme.Static()
	err := fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		if p == "search.js" && !r.book.Config.Output.HTML.Search.Enable {
			return nil
		}
		return writeFile(r.out, p, data)
	})
	if err != nil {
		return err
	}
	css, err := markdown.HighlightCSS(lightCodeStyle, darkCodeStyle)
	if err != nil {
		return err
	}
	return writeFile(r.out, "theme/highlight.css", []byte(css))
}

// mdOptions returns the Markdown settings for ch on its own page or, with
// print, on the print page.
func (b *Book) mdOptions(ch *Chapter, print bool) markdown.Options {
	page := "print.html"
	if ch != nil && !print {
		page = ch.Out
	}
	h := &b.Config.Output.HTML
	opt := markdown.Options{
		SmartPunctuation: h.SmartPunctuation,
		DefinitionLists:  h.DefinitionLists,
		Admonitions:      h.Admonitions,
		SplitLevel:       h.Search.HeadingSplitLevel,
	}
	if ch != nil {
		opt.RewriteLink = b.linkRewriter(ch, print)
		opt.Listing = b.listingFunc(ch, page)
		if print {
			opt.IDPrefix = printPrefix(ch)
		}
	}
	return opt
}

func (r *renderer) writeChapters() error {
	b := r.book
	for _, ch := range b.Chapters {
		doc, err := markdown.Render(ch.Markdown, b.mdOptions(ch, false))
		if err != nil {
			return fmt.Errorf("%s: %w", b.rel(ch.Source), err)
		}
		content, err := b.inlinePictures(b.withDiffLinks(doc.HTML, ch.Out, r.diffLinks[ch]), ch.Out, new(int))
		if err != nil {
			return err
		}
		page, err := executePage(b.newPage(ch.Out, b.pageTitle(ch.PageTitle), content, ch))
		if err != nil {
			return err
		}
		if err := r.write(ch.Out, page); err != nil {
			return err
		}
		if ch.Out == "index.html" {
			r.indexDone = true
		}
		if b.searchable(ch) {
			r.addSearchDocs(ch, doc)
		}
		if ch == b.Chapters[0] {
			r.first = page
		}
	}
	return nil
}

// searchable reports whether ch goes into the search index, following
// [output.html.search.chapter]: the longest matching path or directory
// prefix decides.
func (b *Book) searchable(ch *Chapter) bool {
	s := b.Config.Output.HTML.Search
	if !s.Enable {
		return false
	}
	enable, best := true, -1
	for prefix, c := range s.Chapter {
		p := strings.TrimSuffix(prefix, "/")
		if (ch.Item.Path == p || strings.HasPrefix(ch.Item.Path, p+"/")) && len(p) > best {
			enable, best = c.Enable, len(p)
		}
	}
	return enable
}

func (r *renderer) addSearchDocs(ch *Chapter, doc *markdown.Doc) {
	title := ch.Item.Title
	for _, s := range doc.Sections {
		d := search.Doc{URL: ch.Out, Title: title, Breadcrumb: title, Text: s.Text}
		if s.Heading.ID != "" {
			d.URL += "#" + s.Heading.ID
			d.Title = s.Heading.Text
			if s.Heading.Text != title {
				d.Breadcrumb = title + " » " + s.Heading.Text
			}
		}
		r.docs = append(r.docs, d)
		r.searchURLs = append(r.searchURLs, d.URL)
	}
}

// writeIndexFallback makes index.html when no chapter is a README: a copy
// of the first chapter if it sits at the top, or else a redirect to it.
func (r *renderer) writeIndexFallback() error {
	if r.indexDone {
		return nil
	}
	first := r.book.Chapters[0]
	if !strings.Contains(first.Out, "/") {
		return r.write("index.html", r.first)
	}
	return r.write("index.html", redirectPage(first.Out))
}

// writePrint writes print.html, every chapter on one page.
func (r *renderer) writePrint() error {
	b := r.book
	if !b.Config.Output.HTML.Print.Enable {
		return nil
	}
	var body strings.Builder
	pictures := 0
	for _, ch := range b.Chapters {
		doc, err := markdown.Render(ch.Markdown, b.mdOptions(ch, true))
		if err != nil {
			return fmt.Errorf("%s: %w", b.rel(ch.Source), err)
		}
		content, err := b.inlinePictures(b.withDiffLinks(doc.HTML, "print.html", r.diffLinks[ch]), "print.html", &pictures)
		if err != nil {
			return err
		}
		fmt.Fprintf(&body, "<div class=\"print-chapter\" id=\"%s\">\n%s</div>\n", slug(ch.Out), content)
	}
	d := b.newPage("print.html", b.pageTitle(""), body.String(), nil)
	d.IsPrint = true
	d.NoIndex = true
	page, err := executePage(d)
	if err != nil {
		return err
	}
	return r.write("print.html", page)
}

const default404 = "# Document not found (404)\n\nThis URL is invalid, sorry. Please use the navigation bar or search to continue.\n"

// write404 writes 404.html from input-404 (404.md) if it exists, or a
// default text. Its links are resolved against site-url through a <base>
// element, since a server shows it at any address.
func (r *renderer) write404() error {
	b := r.book
	h := &b.Config.Output.HTML
	src := []byte(default404)
	p := filepath.Join(b.Config.SrcDir(), filepath.FromSlash(h.Input404))
	if data, err := os.ReadFile(p); err == nil {
		src = data
		if b.Config.Build.UseDefaultPreprocessors {
			res, err := (&include.Expander{Root: b.Config.Root}).Expand(data, p)
			if err != nil {
				return err
			}
			src = []byte(res.Text)
		}
	}
	doc, err := markdown.Render(src, b.mdOptions(nil, false))
	if err != nil {
		return err
	}
	d := b.newPage("404.html", b.pageTitle("Page not found"), doc.HTML, nil)
	d.Base = h.SiteURL
	if d.Base == "" {
		d.Base = "/"
	}
	if !strings.HasSuffix(d.Base, "/") {
		d.Base += "/"
	}
	d.NoIndex = true
	page, err := executePage(d)
	if err != nil {
		return err
	}
	return r.write("404.html", page)
}

func (r *renderer) writeSearchIndex() error {
	s := r.book.Config.Output.HTML.Search
	if !s.Enable {
		return nil
	}
	js, err := search.New(s, r.docs).Script()
	if err != nil {
		return err
	}
	return writeFile(r.out, "searchindex.js", js)
}

// writeExtras copies additional-css and additional-js, and writes CNAME
// and the redirect pages.
func (r *renderer) writeExtras() error {
	cfg := r.book.Config
	h := &cfg.Output.HTML
	for _, list := range [][]string{h.AdditionalCSS, h.AdditionalJS} {
		for _, p := range list {
			data, err := os.ReadFile(filepath.Join(cfg.Root, filepath.FromSlash(p)))
			if err != nil {
				return fmt.Errorf("output.html: %w", err)
			}
			if err := writeFile(r.out, path.Clean(p), data); err != nil {
				return err
			}
		}
	}
	if h.CNAME != "" {
		if err := writeFile(r.out, "CNAME", []byte(h.CNAME+"\n")); err != nil {
			return err
		}
	}
	for from, to := range h.Redirect {
		rel := strings.TrimPrefix(path.Clean(from), "/")
		if _, err := os.Stat(filepath.Join(r.out, filepath.FromSlash(rel))); err == nil {
			return fmt.Errorf("output.html.redirect: %s would overwrite a page of the book", from)
		}
		if err := r.write(rel, redirectPage(to)); err != nil {
			return err
		}
	}
	return nil
}

// redirectPage is a page that sends the reader on to target, keeping the
// #fragment if target has none.
func redirectPage(target string) []byte {
	js, _ := json.Marshal(target)
	t := html.EscapeString(target)
	return []byte(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting…</title>
<meta http-equiv="refresh" content="0; url=` + t + `">
<meta name="robots" content="noindex">
</head>
<body>
<p>Redirecting to <a href="` + t + `">` + t + `</a>…</p>
<script>
(function () { var t = ` + string(js) + `; if (location.hash && t.indexOf("#") < 0) { t += location.hash; } location.replace(t); })();
</script>
</body>
</html>
`)
}
