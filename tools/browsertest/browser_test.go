package browsertest

// The test renders the fixture book (tools/testdata/fixture) into a
// temporary directory and opens it from file://, as a reader would open a
// downloaded book. Environment:
//
//	CHROMIUM        the browser binary (default /usr/bin/chromium; the test
//	                skips, saying why, when it is missing)
//	BOOK_DIR        also check this book: either a book root holding
//	                mdbook.toml or book.toml (it is rendered first), or an
//	                already rendered site holding index.html
//	BOOK_SEARCH     the word searched for in the BOOK_DIR book (default epoll)
//	SCREENSHOT_DIR  where screenshots of a chapter in the light and dark
//	                themes are saved (default: a new temporary directory,
//	                logged and kept)
//
// Copying is checked by replacing navigator.clipboard with an object whose
// writeText records the text, then clicking a copy button and comparing the
// recorded text with the code block. Reading the real system clipboard
// would need a clipboard permission, which headless Chromium grants
// unreliably for file:// pages.

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/nodeexperiment/gonode/tools/internal/site"
)

const (
	defaultChromium = "/usr/bin/chromium"
	fixtureDir      = "../testdata/fixture"
	browserTimeout  = 4 * time.Minute  // the whole browser session
	stepTimeout     = 30 * time.Second // one action or wait
)

// book is a rendered book to check.
type book struct {
	name string
	// dir is the rendered site.
	dir string
	// chapters lists the titles the sidebar must show, drafts included,
	// or is nil when the SUMMARY.md is not known.
	chapters []string
	// word is searched for; resultPage is the page (relative to dir) that
	// the chosen result must open, or "" for the first result.
	word, resultPage string
	// chapterPage is the page used for the theme, copy and screenshot
	// checks, or "" for the page the search opened.
	chapterPage string
	// unchanged is a name the first diff page must list among the
	// unchanged files, or "".
	unchanged string
}

// render builds the book whose configuration is in root (cfg, or the
// default file when cfg is "") into a temporary directory.
func render(t *testing.T, name, root, cfg, word, resultPage, chapterPage string) book {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	res, err := site.Build(site.Options{Dir: root, ConfigFile: cfg, DestDir: out})
	if err != nil {
		t.Fatalf("rendering %s: %v", root, err)
	}
	b := book{name: name, dir: out, word: word, resultPage: resultPage, chapterPage: chapterPage}
	for _, ch := range res.Book.Summary.Chapters() {
		b.chapters = append(b.chapters, ch.Title)
	}
	return b
}

// envBook returns the book named by BOOK_DIR.
func envBook(t *testing.T, dir string) book {
	t.Helper()
	word := os.Getenv("BOOK_SEARCH")
	if word == "" {
		word = "epoll"
	}
	for _, cfg := range []string{"mdbook.toml", "book.toml"} {
		if _, err := os.Stat(filepath.Join(dir, cfg)); err == nil {
			return render(t, "BOOK_DIR", dir, "", word, "", "")
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Fatalf("BOOK_DIR=%s holds neither mdbook.toml, book.toml nor index.html", dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return book{name: "BOOK_DIR", dir: abs, word: word}
}

func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SCREENSHOT_DIR")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "book-screenshots-"); err != nil {
			t.Fatal(err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots go to %s", dir)
	return dir
}

// startBrowser starts headless Chromium and returns a context for it. The
// browser stops when the test ends or after browserTimeout.
func startBrowser(t *testing.T, exe string) context.Context {
	t.Helper()
	limit, cancelLimit := context.WithTimeout(context.Background(), browserTimeout)
	alloc, cancelAlloc := chromedp.NewExecAllocator(limit,
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
		cancelLimit()
	})
	// The first Run starts the browser; it must not have a shorter timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

func TestBook(t *testing.T) {
	exe := os.Getenv("CHROMIUM")
	if exe == "" {
		exe = defaultChromium
	}
	if _, err := os.Stat(exe); err != nil {
		t.Skipf("skipping the browser test: %s is not installed (apt-get install chromium, or set CHROMIUM): %v", exe, err)
	}
	books := []book{
		render(t, "fixture", fixtureDir, "", "epoll", "poll.html", "poll.html"),
		render(t, "fixture-local", fixtureDir, "local.toml", "epoll", "poll.html", "poll.html"),
	}
	for i := range books {
		books[i].unchanged = "lib/"
	}
	if dir := os.Getenv("BOOK_DIR"); dir != "" {
		books = append(books, envBook(t, dir))
	}
	shots := screenshotDir(t)
	browser := startBrowser(t, exe)
	for _, b := range books {
		t.Run(b.name, func(t *testing.T) {
			tab, cancel := chromedp.NewContext(browser)
			defer cancel()
			if err := chromedp.Do(tab); err != nil {
				t.Fatalf("opening a tab: %v", err)
			}
			c := &checker{t: t, ctx: tab, book: b}
			c.watchConsole()
			c.sidebar()
			c.search()
			c.keyboard()
			c.themes(shots)
			c.copyButton()
			c.readerFeatures(shots)
			c.printPage()
			c.noConsoleErrors()
		})
	}
}

// checker runs the checks of one book in one tab.
type checker struct {
	t    *testing.T
	ctx  context.Context
	book book

	mu      sync.Mutex
	console []string // errors and exceptions seen, with the page
}

func (c *checker) url(page string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(c.book.dir, page))}).String()
}

// watchConsole records console errors, uncaught exceptions and browser log
// errors (such as a file that failed to load) for noConsoleErrors.
func (c *checker) watchConsole() {
	messages := chromedp.Console(c.ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				c.mu.Lock()
				c.console = append(c.console, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
				c.mu.Unlock()
			}
		}
	}()
}

// do runs actions with a step timeout, failing the test on error.
func (c *checker) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		c.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression, failing the test on error.
func eval[T any](c *checker, expr string) T {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		c.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds. Errors while a new
// page loads are expected and retried.
func (c *checker) waitFor(what, cond string) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, stepTimeout)
	defer cancel()
	var lastErr error
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		lastErr = err
		select {
		case <-ctx.Done():
			href, _ := chromedp.Run(c.ctx, chromedp.Evaluate[string]("location.href"))
			c.t.Fatalf("timed out waiting for %s (%s) on %s; last error: %v", what, cond, href, lastErr)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (c *checker) open(page string) {
	c.t.Helper()
	c.do("opening "+page, chromedp.Navigate(c.url(page)))
	c.waitFor(page+" to load", `document.readyState === "complete"`)
}

// sidebar checks that the table of contents lists every chapter of
// SUMMARY.md, drafts included, and marks the current page.
func (c *checker) sidebar() {
	c.open("index.html")
	got := eval[[]string](c, `Array.from(document.querySelectorAll("#sidebar li.chapter-item")).map(function (li) {
		var e = li.firstElementChild.cloneNode(true);
		e.querySelectorAll(".section-number").forEach(function (n) { n.remove(); });
		return e.textContent.trim();
	})`)
	if len(got) == 0 {
		c.t.Fatal("the sidebar lists no chapter")
	}
	if c.book.chapters != nil && strings.Join(got, "\n") != strings.Join(c.book.chapters, "\n") {
		c.t.Errorf("sidebar lists:\n  %s\nSUMMARY.md lists:\n  %s", strings.Join(got, "\n  "), strings.Join(c.book.chapters, "\n  "))
	}
	if n := eval[int](c, `document.querySelectorAll("#sidebar a.active[aria-current=page]").length`); n != 1 {
		c.t.Errorf("index.html marks %d sidebar entries as current, want 1", n)
	}
}

// search opens the search box with the "s" key, types the word, and
// follows a result.
func (c *checker) search() {
	c.open("index.html")
	c.do("pressing s", chromedp.KeyEvent("s"))
	c.waitFor("the search box to open and take the focus",
		`!document.getElementById("search-wrapper").classList.contains("hidden") && document.activeElement.id === "searchbar"`)
	c.do("typing into the search box", chromedp.SendKeys(chromedp.CSS("#searchbar"), c.book.word))
	if v := eval[string](c, `document.getElementById("searchbar").value`); v != c.book.word {
		c.t.Errorf("search box holds %q, want %q", v, c.book.word)
	}
	c.waitFor("search results", `document.querySelectorAll("#searchresults li a").length > 0`)
	hrefs := eval[[]string](c, `Array.from(document.querySelectorAll("#searchresults li a")).map(function (a) { return a.href; })`)
	pick := -1
	for i, h := range hrefs {
		if c.book.resultPage == "" || strings.HasPrefix(h, c.url(c.book.resultPage)+"?") {
			pick = i
			break
		}
	}
	if pick < 0 {
		c.t.Fatalf("no result for %q opens %s; results: %v", c.book.word, c.book.resultPage, hrefs)
	}
	want, _ := url.Parse(hrefs[pick])
	c.do("clicking a search result", chromedp.Click(chromedp.CSS(fmt.Sprintf("#searchresults li:nth-child(%d) a", pick+1))))
	c.waitFor("the result's page", fmt.Sprintf(`location.pathname === %q && location.hash === %q && document.readyState === "complete"`,
		want.Path, fragment(want)))
	if n := eval[int](c, `document.querySelectorAll("main mark.search-hit").length`); n == 0 {
		c.t.Errorf("the page opened from the search (%s) highlights no hit", hrefs[pick])
	}
	text := eval[string](c, `document.querySelector("main").textContent.toLowerCase()`)
	if !strings.Contains(text, strings.ToLower(c.book.word)) {
		c.t.Errorf("the page opened from the search does not contain %q", c.book.word)
	}
	if c.book.chapterPage == "" {
		rel, err := filepath.Rel(c.book.dir, filepath.FromSlash(want.Path))
		if err != nil {
			c.t.Fatal(err)
		}
		c.book.chapterPage = filepath.ToSlash(rel)
	}
}

func fragment(u *url.URL) string {
	if u.Fragment == "" {
		return ""
	}
	return "#" + u.EscapedFragment()
}

// keyboard checks that the right and left arrow keys go to the next and
// the previous chapter.
func (c *checker) keyboard() {
	page := c.book.chapterPage
	c.open(page)
	next := eval[string](c, `(document.querySelector('a[rel="next"]') || {}).href || ""`)
	if next == "" {
		c.t.Logf("%s has no next chapter; arrow keys not checked", page)
		return
	}
	c.do("pressing ArrowRight", chromedp.KeyEvent(kb.ArrowRight))
	c.waitFor("the next chapter", fmt.Sprintf(`location.href === %q && document.readyState === "complete"`, next))
	c.do("pressing ArrowLeft", chromedp.KeyEvent(kb.ArrowLeft))
	c.waitFor("the chapter again", fmt.Sprintf(`location.href === %q && document.readyState === "complete"`, c.url(page)))
}

// themes checks that the toggle changes the page and code colours and is
// remembered, and saves a screenshot in each theme.
func (c *checker) themes(dir string) {
	page := c.book.chapterPage
	c.open(page)
	eval[chromedp.Void](c, `localStorage.setItem("book-theme", "light")`)
	c.do("reloading", chromedp.Reload())
	c.waitFor("the light theme", `document.readyState === "complete" && document.documentElement.classList.contains("light")`)
	style := `(function () {
		var code = document.querySelector("main pre.chroma span.kd, main pre.chroma span.k");
		return getComputedStyle(document.body).backgroundColor + " / " + (code ? getComputedStyle(code).color : "");
	})()`
	light := eval[string](c, style)
	c.screenshot(dir, "light")

	c.do("clicking the theme toggle", chromedp.Click(chromedp.CSS("#theme-toggle")))
	c.waitFor("the dark theme", `document.documentElement.classList.contains("dark")`)
	dark := eval[string](c, style)
	lb, lc, _ := strings.Cut(light, " / ")
	db, dc, _ := strings.Cut(dark, " / ")
	if lb == db {
		c.t.Errorf("the theme toggle left the background at %s", lb)
	}
	if lc != "" && lc == dc {
		c.t.Errorf("the theme toggle left the Go keyword colour at %s", lc)
	}
	c.t.Logf("background and keyword colour: light %s, dark %s", light, dark)
	c.screenshot(dir, "dark")

	c.do("reloading", chromedp.Reload())
	c.waitFor("the dark theme to be remembered", `document.readyState === "complete" && document.documentElement.classList.contains("dark")`)
	c.do("clicking the theme toggle", chromedp.Click(chromedp.CSS("#theme-toggle")))
	c.waitFor("the light theme", `document.documentElement.classList.contains("light") && localStorage.getItem("book-theme") === "light"`)
}

func (c *checker) screenshot(dir, themeName string) {
	c.t.Helper()
	c.save(dir, "chapter-"+themeName)
}

// save saves a screenshot of the viewport as BOOK-what.png in dir.
func (c *checker) save(dir, what string) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		c.t.Fatalf("screenshot: %v", err)
	}
	name := filepath.Join(dir, fmt.Sprintf("%s-%s.png", strings.ToLower(c.book.name), what))
	if err := os.WriteFile(name, png, 0o644); err != nil {
		c.t.Fatal(err)
	}
	c.t.Logf("saved %s", name)
}

// copyButton checks that every code block has a copy button and that the
// first one copies the block's code (see the comment at the top).
func (c *checker) copyButton() {
	c.open(c.book.chapterPage)
	blocks := eval[int](c, `document.querySelectorAll("main pre").length`)
	buttons := eval[int](c, `document.querySelectorAll("main pre > button.copy-button").length`)
	if blocks == 0 {
		c.t.Logf("%s has no code block; copying not checked", c.book.chapterPage)
		return
	}
	if buttons != blocks {
		c.t.Errorf("%d code blocks but %d copy buttons", blocks, buttons)
	}
	eval[chromedp.Void](c, `window.copiedText = null;
		Object.defineProperty(navigator, "clipboard", { configurable: true, value: {
			writeText: function (text) { window.copiedText = text; return Promise.resolve(); }
		} });`)
	c.do("clicking the copy button", chromedp.Click(chromedp.CSS("main pre > button.copy-button")))
	c.waitFor("the copied text", `window.copiedText !== null`)
	copied := eval[string](c, `window.copiedText`)
	code := eval[string](c, `document.querySelector("main pre > code").textContent`)
	code = strings.ReplaceAll(code, "new: ", "")
	if copied != code || strings.TrimSpace(code) == "" {
		c.t.Errorf("copied %q, want the code block %q", copied, code)
	}
	c.waitFor("the button to say it copied", `document.querySelector("main pre > button.copy-button").classList.contains("copied")`)
}

// printPage checks that print.html holds every chapter.
func (c *checker) printPage() {
	if _, err := os.Stat(filepath.Join(c.book.dir, "print.html")); err != nil {
		c.t.Log("no print.html; print page not checked")
		return
	}
	c.open("print.html")
	got := eval[int](c, `document.querySelectorAll("main > .print-chapter").length`)
	want := eval[int](c, `document.querySelectorAll("#sidebar li.chapter-item > a").length`)
	if got == 0 || got != want {
		c.t.Errorf("print.html holds %d chapters, the sidebar links %d", got, want)
	}
}

func (c *checker) noConsoleErrors() {
	// Give late events (a failed load, a delayed script) a moment.
	time.Sleep(300 * time.Millisecond)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.console {
		c.t.Errorf("console: %s", m)
	}
}
