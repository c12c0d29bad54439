package config

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// HTML is the [output.html] table. Every key mdBook documents is accepted;
// the comments say which ones this renderer ignores.
type HTML struct {
	// Theme names a folder of handlebars theme overrides. It is accepted
	// but ignored: this renderer has its own templates.
	Theme string `toml:"theme"`
	// DefaultTheme is the theme used when the reader has not chosen one and
	// does not prefer a dark scheme. The light themes are "light" and
	// "rust"; the dark ones are "coal", "navy" and "ayu".
	DefaultTheme string `toml:"default-theme"`
	// PreferredDarkTheme is the theme used when the reader's system prefers
	// a dark scheme.
	PreferredDarkTheme string `toml:"preferred-dark-theme"`
	// SmartPunctuation turns quotes, dashes and ellipses into typographic
	// ones.
	SmartPunctuation bool `toml:"smart-punctuation"`
	// DefinitionLists enables definition list syntax.
	DefinitionLists bool `toml:"definition-lists"`
	// Admonitions enables GitHub-style "> [!NOTE]" blocks.
	Admonitions bool `toml:"admonitions"`
	// MathjaxSupport would load MathJax from a CDN, so true is rejected.
	MathjaxSupport bool `toml:"mathjax-support"`
	// AdditionalCSS lists style sheets, relative to the root, that are
	// copied to the output and linked from every page.
	AdditionalCSS []string `toml:"additional-css"`
	// AdditionalJS lists scripts, relative to the root, that are copied to
	// the output and loaded by every page.
	AdditionalJS []string `toml:"additional-js"`
	// NoSectionLabel hides the "1.2." numbers in the table of contents.
	NoSectionLabel bool `toml:"no-section-label"`
	// GitRepositoryURL adds a link to the repository in the menu bar.
	GitRepositoryURL string `toml:"git-repository-url"`
	// GitRepositoryIcon names a Font Awesome icon; it is accepted and
	// ignored (a generic repository icon is drawn).
	GitRepositoryIcon string `toml:"git-repository-icon"`
	// EditURLTemplate adds a "suggest an edit" link; {path} is replaced
	// by the chapter's path inside the source directory.
	EditURLTemplate string `toml:"edit-url-template"`
	// SiteURL is the URL path the book is served under; the 404 page uses
	// it to find the assets.
	SiteURL string `toml:"site-url"`
	// CNAME, when set, is written to a CNAME file for GitHub Pages.
	CNAME string `toml:"cname"`
	// Input404 is the source file of the 404 page, relative to src.
	Input404 string `toml:"input-404"`
	// HashFiles fingerprints asset names in mdBook; accepted and ignored.
	HashFiles bool `toml:"hash-files"`
	// SidebarHeaderNav lists the page's headings in the sidebar in mdBook;
	// accepted and ignored.
	SidebarHeaderNav bool `toml:"sidebar-header-nav"`
	// Print is the [output.html.print] table.
	Print Print `toml:"print"`
	// Fold is the [output.html.fold] table.
	Fold Fold `toml:"fold"`
	// Playground is the [output.html.playground] table.
	Playground Playground `toml:"playground"`
	// Code is the [output.html.code] table.
	Code Code `toml:"code"`
	// Search is the [output.html.search] table.
	Search Search `toml:"search"`
	// Redirect maps old paths (like "/old.html") to their new location; a
	// small redirecting page is written for each.
	Redirect map[string]string `toml:"redirect"`
}

// Print is the [output.html.print] table.
type Print struct {
	// Enable writes print.html, the whole book on one page.
	Enable bool `toml:"enable"`
	// PageBreak starts every chapter on a new printed page.
	PageBreak bool `toml:"page-break"`
}

// Fold is the [output.html.fold] table. It is accepted and ignored: the
// table of contents is always fully expanded.
type Fold struct {
	// Enable makes sub-chapters foldable in mdBook.
	Enable bool `toml:"enable"`
	// Level is the depth mdBook unfolds by default.
	Level int `toml:"level"`
}

// Playground is the [output.html.playground] table. Only Copyable has an
// effect here; the rest concern the Rust Playground.
type Playground struct {
	// Editable makes Rust code blocks editable in mdBook.
	Editable bool `toml:"editable"`
	// Copyable adds a copy button to every code block.
	Copyable bool `toml:"copyable"`
	// CopyJS copies the editor scripts in mdBook.
	CopyJS bool `toml:"copy-js"`
	// LineNumbers shows line numbers in editable blocks in mdBook.
	LineNumbers bool `toml:"line-numbers"`
	// Runnable adds a Run button to Rust blocks in mdBook.
	Runnable bool `toml:"runnable"`
}

// Code is the [output.html.code] table.
type Code struct {
	// Hidelines maps a language to the prefix that marks hidden lines. It
	// is accepted and ignored: such lines are shown as they are.
	Hidelines map[string]string `toml:"hidelines"`
}

// Search is the [output.html.search] table.
type Search struct {
	// Enable writes the search index and shows the search button.
	Enable bool `toml:"enable"`
	// LimitResults is the maximum number of results shown.
	LimitResults int `toml:"limit-results"`
	// TeaserWordCount is the number of words shown around a hit.
	TeaserWordCount int `toml:"teaser-word-count"`
	// UseBooleanAnd makes every search word required.
	UseBooleanAnd bool `toml:"use-boolean-and"`
	// BoostTitle weighs hits in a section's heading.
	BoostTitle int `toml:"boost-title"`
	// BoostHierarchy weighs hits in the chapter title.
	BoostHierarchy int `toml:"boost-hierarchy"`
	// BoostParagraph weighs hits in the section's text.
	BoostParagraph int `toml:"boost-paragraph"`
	// Expand makes a search word match longer words starting with it.
	Expand bool `toml:"expand"`
	// HeadingSplitLevel is the deepest heading level that starts a new
	// search result section.
	HeadingSplitLevel int `toml:"heading-split-level"`
	// CopyJS copies the search scripts in mdBook; this renderer always
	// writes its own script.
	CopyJS bool `toml:"copy-js"`
	// Chapter maps a chapter path or directory prefix, relative to src, to
	// per-chapter search settings.
	Chapter map[string]SearchChapter `toml:"chapter"`
}

// SearchChapter is one entry of [output.html.search.chapter].
type SearchChapter struct {
	// Enable, when false, leaves the chapter out of the search index.
	Enable bool `toml:"enable"`
}

func defaultHTML() HTML {
	return HTML{
		DefaultTheme:       "light",
		PreferredDarkTheme: "navy",
		SmartPunctuation:   true,
		DefinitionLists:    true,
		Admonitions:        true,
		GitRepositoryIcon:  "fab-github",
		Input404:           "404.md",
		HashFiles:          true,
		SidebarHeaderNav:   true,
		Print:              Print{Enable: true, PageBreak: true},
		Playground:         Playground{Copyable: true, CopyJS: true, Runnable: true},
		Search: Search{
			Enable:            true,
			LimitResults:      30,
			TeaserWordCount:   30,
			BoostTitle:        2,
			BoostHierarchy:    1,
			BoostParagraph:    1,
			Expand:            true,
			HeadingSplitLevel: 3,
			CopyJS:            true,
		},
	}
}

// themeIsDark maps mdBook's theme names to light (false) or dark (true).
var themeIsDark = map[string]bool{
	"light": false, "rust": false, "coal": true, "navy": true, "ayu": true,
}

// DefaultDark reports whether the configured default theme is a dark one.
func (h *HTML) DefaultDark() bool { return themeIsDark[h.DefaultTheme] }

func (h *HTML) validate() error {
	if _, ok := themeIsDark[h.DefaultTheme]; !ok {
		return fmt.Errorf("output.html.default-theme is %q, want one of light, rust, coal, navy, ayu", h.DefaultTheme)
	}
	if _, ok := themeIsDark[h.PreferredDarkTheme]; !ok {
		return fmt.Errorf("output.html.preferred-dark-theme is %q, want one of light, rust, coal, navy, ayu", h.PreferredDarkTheme)
	}
	if h.MathjaxSupport {
		return errors.New("output.html.mathjax-support = true is not supported by this renderer (MathJax would come from a CDN)")
	}
	for _, list := range [][]string{h.AdditionalCSS, h.AdditionalJS} {
		for _, p := range list {
			if err := checkLocalPath(p); err != nil {
				return err
			}
		}
	}
	s := h.Search
	if s.LimitResults < 1 || s.TeaserWordCount < 1 {
		return errors.New("output.html.search.limit-results and teaser-word-count must be at least 1")
	}
	if s.HeadingSplitLevel < 0 || s.HeadingSplitLevel > 6 {
		return fmt.Errorf("output.html.search.heading-split-level is %d, want 0 to 6", s.HeadingSplitLevel)
	}
	for from := range h.Redirect {
		if !strings.HasPrefix(from, "/") || strings.Contains(from, "..") {
			return fmt.Errorf("output.html.redirect: %q must be an absolute path like \"/old.html\" without \"..\"", from)
		}
	}
	return nil
}

// checkLocalPath accepts a relative path that stays inside the book root.
func checkLocalPath(p string) error {
	if p == "" || filepath.IsAbs(p) || strings.HasPrefix(path.Clean(filepath.ToSlash(p)), "../") || path.Clean(p) == ".." {
		return fmt.Errorf("output.html: %q must be a path inside the book root", p)
	}
	return nil
}

// Ignored returns the keys that are set to something other than their
// default but have no effect in this renderer, so the caller can warn.
func (h *HTML) Ignored() []string {
	var keys []string
	if h.Theme != "" {
		keys = append(keys, "output.html.theme")
	}
	if h.Fold.Enable {
		keys = append(keys, "output.html.fold.enable")
	}
	if len(h.Code.Hidelines) > 0 {
		keys = append(keys, "output.html.code.hidelines")
	}
	if h.Playground.Editable {
		keys = append(keys, "output.html.playground.editable")
	}
	return keys
}
