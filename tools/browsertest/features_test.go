package browsertest

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// pageInfo is what a chapter page shows of the reader's tools.
type pageInfo struct {
	Listings  int    `json:"listings"`
	NewLines  int    `json:"newLines"`
	DiffLink  string `json:"diffLink"`
	Timelines int    `json:"timelines"`
	Pictures  int    `json:"pictures"`
	// Problems lists pictures that are not shown or that overlap text.
	Problems []string `json:"problems"`
}

// pageInfoJS measures the current page. A picture is an <img> or an
// <svg> of the text (not an icon in a button); it must have a size and
// must not overlap a paragraph, list item, heading, code block or table
// that is neither inside it nor around it.
const pageInfoJS = `(function () {
	var main = document.querySelector("main");
	var info = {
		listings: main.querySelectorAll("figure.listing").length,
		newLines: main.querySelectorAll("pre > code > .line.new").length,
		diffLink: (main.querySelector("p.chapter-diff a") || {}).href || "",
		timelines: main.querySelectorAll("figure.svg-inline").length,
		pictures: 0,
		problems: []
	};
	var text = Array.from(main.querySelectorAll("p, li, h1, h2, h3, h4, pre, table, figcaption"));
	var pics = Array.from(main.querySelectorAll("img, svg")).filter(function (e) {
		return !e.closest("button") && !(e.parentElement && e.parentElement.closest("svg"));
	});
	pics.forEach(function (pic) {
		info.pictures++;
		var name = pic.tagName.toLowerCase() + " " + (pic.getAttribute("src") || pic.getAttribute("aria-describedby") || "");
		var r = pic.getBoundingClientRect();
		if (r.width < 2 || r.height < 2) { info.problems.push(name + " is shown at " + r.width + " x " + r.height); }
		if (pic.tagName === "IMG" && !(pic.complete && pic.naturalWidth > 0)) { info.problems.push(name + " did not load"); }
		// Shown at the width it is drawn at, or as wide as the text.
		var drawn = pic.tagName === "IMG" ? pic.naturalWidth : pic.width.baseVal.value;
		var room = pic.parentElement.clientWidth;
		if (drawn > 0 && room > 0 && r.width < 0.9 * Math.min(drawn, room)) {
			info.problems.push(name + " is shown " + Math.round(r.width) + " wide, drawn " + drawn + " wide with room for " + room);
		}
		text.forEach(function (t) {
			if (t.contains(pic) || pic.contains(t) || t.closest("figure") && t.closest("figure").contains(pic)) { return; }
			var q = t.getBoundingClientRect();
			var w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
			var h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
			if (w > 1 && h > 1) {
				info.problems.push(name + " overlaps the " + t.tagName.toLowerCase() + " \"" + t.textContent.trim().slice(0, 60) + "\" by " + Math.round(w) + " x " + Math.round(h));
			}
		});
	});
	return info;
})()`

// readerFeatures walks every chapter in both themes and checks the
// pictures, then checks the captions and their links, the new-line marks,
// a diff page and the interactive timeline on the first pages that have
// them, saving screenshots of each in both themes.
func (c *checker) readerFeatures(dir string) {
	c.open("index.html")
	pages := eval[[]string](c, `Array.from(document.querySelectorAll("#sidebar li.chapter-item > a")).map(function (a) { return a.getAttribute("href"); })`)
	infos := map[string]pageInfo{}
	var withListing, withNew, withDiff, withTimeline string
	for _, theme := range []string{"light", "dark"} {
		eval[chromedp.Void](c, fmt.Sprintf(`localStorage.setItem("book-theme", %q)`, theme))
		pictures := 0
		for _, p := range pages {
			c.open(p)
			c.waitFor("the pictures of "+p+" to load", `Array.from(document.images).every(function (i) { return i.complete; })`)
			info := eval[pageInfo](c, pageInfoJS)
			for _, pr := range info.Problems {
				c.t.Errorf("%s (%s theme): %s", p, theme, pr)
			}
			pictures += info.Pictures
			if theme == "light" {
				infos[p] = info
			}
			if info.Listings > infos[withListing].Listings {
				withListing = p
			}
			if withNew == "" && info.NewLines > 0 {
				withNew = p
			}
			if withDiff == "" && info.DiffLink != "" {
				withDiff = p
			}
			if withTimeline == "" && info.Timelines > 0 {
				withTimeline = p
			}
		}
		c.t.Logf("%s theme: %d pages, %d pictures, each shown and clear of the text", theme, len(pages), pictures)
	}
	for what, p := range map[string]string{"a captioned listing": withListing, "a marked new line": withNew,
		"a link to a diff page": withDiff, "an inline timeline": withTimeline} {
		if p == "" {
			c.t.Errorf("no page has %s", what)
		}
	}
	if c.t.Failed() {
		return
	}
	for _, theme := range []string{"light", "dark"} {
		eval[chromedp.Void](c, fmt.Sprintf(`localStorage.setItem("book-theme", %q)`, theme))
		c.captions(withListing, theme, dir)
		c.newLines(withNew, theme, dir)
		c.diffPage(withDiff, theme, dir)
		c.timeline(withTimeline, theme, dir)
	}
	eval[chromedp.Void](c, `localStorage.setItem("book-theme", "light")`)
}

func (c *checker) shot(dir, what, theme string) {
	c.t.Helper()
	c.save(dir, what+"-"+theme)
}

// caption is what the test reads of one listing.
type caption struct {
	Href, Path, Where, First, Last string
	Lines                          int
	Above                          bool
}

var whereLines = regexp.MustCompile(`lines? (\d+)(?:–(\d+))?$`)

// captions checks every listing of page: a caption above the code that
// names the file and the anchor or lines, linked to the file at those
// lines, and no blank first or last line. A link into the book opens a
// source page with exactly those lines highlighted.
func (c *checker) captions(page, theme, dir string) {
	c.open(page)
	caps := eval[[]caption](c, `Array.from(document.querySelectorAll("main figure.listing")).map(function (f) {
		var a = f.querySelector("figcaption a.listing-file"), lines = f.querySelectorAll("pre > code > .line");
		var text = function (l) { var e = l.cloneNode(true); e.querySelectorAll(".visually-hidden").forEach(function (n) { n.remove(); }); return e.textContent; };
		return {Href: a ? a.href : "", Path: a ? a.textContent : "", Where: (f.querySelector(".listing-where") || {}).textContent || "",
			First: lines.length ? text(lines[0]) : "", Last: lines.length ? text(lines[lines.length - 1]) : "", Lines: lines.length,
			Above: !!a && f.querySelector("figcaption").getBoundingClientRect().bottom <= f.querySelector("pre").getBoundingClientRect().top + 1};
	})`)
	local := 0
	for i, cp := range caps {
		name := fmt.Sprintf("%s listing %d (%s %s)", page, i+1, cp.Path, cp.Where)
		m := whereLines.FindStringSubmatch(cp.Where)
		switch {
		case cp.Href == "" || cp.Path == "":
			c.t.Errorf("%s has no caption link", name)
			continue
		case m == nil:
			c.t.Errorf("%s: the caption does not say which lines", name)
			continue
		case !cp.Above:
			c.t.Errorf("%s: the caption is not above the code", name)
		case strings.TrimSpace(cp.First) == "" || strings.TrimSpace(cp.Last) == "":
			c.t.Errorf("%s starts or ends with a blank line: %q ... %q", name, cp.First, cp.Last)
		}
		first, _ := strconv.Atoi(m[1])
		last := first
		if m[2] != "" {
			last, _ = strconv.Atoi(m[2])
		}
		u, err := url.Parse(cp.Href)
		if err != nil {
			c.t.Errorf("%s: %v", name, err)
			continue
		}
		frag := fmt.Sprintf("L%d-L%d", first, last)
		if u.Fragment != frag {
			c.t.Errorf("%s links to %s, want the fragment #%s", name, cp.Href, frag)
		}
		if u.Scheme != "file" {
			if !strings.HasSuffix(u.Path, "/blob/HEAD/"+cp.Path) {
				c.t.Errorf("%s links to %s, want the repository's blob/HEAD/%s", name, cp.Href, cp.Path)
			}
			continue
		}
		local++
		if local > 3 && i != len(caps)-1 {
			continue // the first three and the last are opened
		}
		c.do("opening "+cp.Href, chromedp.Navigate(cp.Href))
		c.waitFor("the source page", `document.readyState === "complete"`)
		got := eval[[]int](c, `(function () {
			var lines = Array.from(document.querySelectorAll(".source-code > pre > code > .line"));
			var plain = lines.length ? getComputedStyle(document.querySelector("h1")).backgroundColor : "";
			var lit = [];
			lines.forEach(function (l, i) { if (getComputedStyle(l).boxShadow !== "none") { lit.push(i + 1); } });
			var t = document.querySelector(":target"), r = t ? t.getBoundingClientRect() : null;
			lit.push(r && r.top >= 0 && r.top < innerHeight ? 1 : 0);
			return lit;
		})()`)
		inView := got[len(got)-1] == 1
		lit := got[:len(got)-1]
		want := []int{}
		for n := first; n <= last; n++ {
			want = append(want, n)
		}
		if fmt.Sprint(lit) != fmt.Sprint(want) {
			c.t.Errorf("%s: the source page highlights lines %v, want %d–%d", name, lit, first, last)
		}
		if !inView {
			c.t.Errorf("%s: the source page does not scroll to the listing's lines", name)
		}
		if local == 1 {
			c.shot(dir, "source", theme)
		}
	}
	c.t.Logf("%s (%s): %d captions, %d linking into the book", page, theme, len(caps), local)
}

// newLines checks the marks of the new lines of page: a tint and a bar
// that differ from an old line's, a hidden "new:" that a screen reader
// reads, and a copy that leaves it out.
func (c *checker) newLines(page, theme, dir string) {
	c.open(page)
	type marks struct {
		N                                   int
		Bg, OldBg, Bar, Hidden, HiddenShown string
		Copy                                string
	}
	m := eval[marks](c, `(function () {
		var n = document.querySelectorAll("main pre > code > .line.new"), first = n[0];
		var old = first.closest("code").querySelector(".line:not(.new)") || document.querySelector("main pre > code > .line:not(.new)");
		var h = first.querySelector(".visually-hidden"), hs = h ? getComputedStyle(h) : null;
		first.scrollIntoView({block: "center"});
		return {N: n.length, Bg: getComputedStyle(first).backgroundColor, OldBg: old ? getComputedStyle(old).backgroundColor : "",
			Bar: getComputedStyle(first).boxShadow, Hidden: h ? h.textContent : "",
			HiddenShown: hs ? hs.display + " " + hs.visibility + " " + h.getBoundingClientRect().width : ""};
	})()`)
	if m.Bg == m.OldBg || m.Bar == "none" {
		c.t.Errorf("%s (%s): a new line has background %s and bar %q, an old one %s", page, theme, m.Bg, m.Bar, m.OldBg)
	}
	if m.Hidden != "new: " || !strings.HasPrefix(m.HiddenShown, "inline visible") && !strings.HasPrefix(m.HiddenShown, "block visible") {
		c.t.Errorf("%s (%s): a new line's announcement is %q (%s), want a visually hidden \"new: \"", page, theme, m.Hidden, m.HiddenShown)
	}
	c.t.Logf("%s (%s): %d new lines, background %s (old %s), bar %s", page, theme, m.N, m.Bg, m.OldBg, m.Bar)
	c.shot(dir, "new-lines", theme)
	eval[chromedp.Void](c, `window.copiedText = null;
		Object.defineProperty(navigator, "clipboard", { configurable: true, value: {
			writeText: function (text) { window.copiedText = text; return Promise.resolve(); }
		} });
		document.querySelector("main pre > code > .line.new").closest("pre").querySelector("button.copy-button").click();`)
	c.waitFor("the copied text", `window.copiedText !== null`)
	copied := eval[string](c, `window.copiedText`)
	if strings.Contains(copied, "new: ") || strings.TrimSpace(copied) == "" {
		c.t.Errorf("%s: copying a listing with new lines gave %q", page, copied)
	}
}

// diffPage follows the diff link of page and checks the diff page: its
// title, the added and removed lines tinted, and the unchanged files
// named but not shown.
func (c *checker) diffPage(page, theme, dir string) {
	c.open(page)
	eval[chromedp.Void](c, `document.querySelector("main p.chapter-diff").scrollIntoView({block: "center"})`)
	c.shot(dir, "diff-link", theme)
	c.do("following the diff link", chromedp.Click(chromedp.CSS("main p.chapter-diff a")))
	c.waitFor("the diff page", `document.readyState === "complete" && location.pathname.indexOf("/changes/") >= 0`)
	type diff struct {
		Title, Unchanged, AddBg, PlainBg, AddSaid string
		Adds, Files                               int
	}
	d := eval[diff](c, `(function () {
		var add = document.querySelector("pre.diff .line.add"), plain = document.querySelector("pre.diff .line:not(.add):not(.del):not(.hunk)");
		if (add) { add.scrollIntoView({block: "center"}); }
		return {Title: document.querySelector("main h1").textContent, Unchanged: (document.querySelector(".diff-unchanged") || {}).textContent || "",
			AddBg: add ? getComputedStyle(add).backgroundColor : "", PlainBg: plain ? getComputedStyle(plain).backgroundColor : "",
			AddSaid: add ? add.querySelector(".visually-hidden").textContent : "",
			Adds: document.querySelectorAll("pre.diff .line.add").length, Files: document.querySelectorAll("h2.diff-file").length};
	})()`)
	if !regexp.MustCompile(`^What changed in `).MatchString(d.Title) {
		c.t.Errorf("the diff page's title is %q", d.Title)
	}
	if d.Adds == 0 || d.Files == 0 || d.AddBg == d.PlainBg || d.AddSaid != "added: " {
		c.t.Errorf("the diff page %q: %d files, %d added lines, background %s (unchanged %s), said %q", d.Title, d.Files, d.Adds, d.AddBg, d.PlainBg, d.AddSaid)
	}
	if c.book.unchanged != "" && !strings.Contains(d.Unchanged, c.book.unchanged) {
		c.t.Errorf("the diff page %q does not name %s among the unchanged files: %q", d.Title, c.book.unchanged, d.Unchanged)
	}
	c.t.Logf("%s (%s): %d files, %d added lines; %s", d.Title, theme, d.Files, d.Adds, d.Unchanged)
	c.shot(dir, "diff", theme)
}

// timeline checks the inline timeline of page: hovering a printed-line
// marker and focusing a span show their trace line or text and time, and
// a lane button highlights its lane and dims the others.
func (c *checker) timeline(page, theme, dir string) {
	c.open(page)
	// The first printed-line marker that no arrow covers.
	box := eval[[]float64](c, `(function () {
		var ms = document.querySelectorAll("main figure.svg-inline .marker.line");
		for (var i = 0; i < ms.length; i++) {
			var m = ms[i];
			m.scrollIntoView({block: "center"});
			var r = m.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
			if (document.elementFromPoint(x, y) === m) { m.setAttribute("data-hovered", ""); return [x, y]; }
		}
		return [];
	})()`)
	if len(box) != 2 {
		c.t.Fatalf("%s: every printed-line marker is covered", page)
	}
	c.do("hovering a marker", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box[0], box[1]))
	c.waitFor("the hover tip", `!document.querySelector("main figure.svg-inline .timeline-tip").hidden`)
	type tip struct{ Tip, Want string }
	hover := eval[tip](c, `({Tip: document.querySelector("main figure.svg-inline .timeline-tip").textContent,
		Want: document.querySelector("main figure.svg-inline .marker.line[data-hovered]").getAttribute("data-tip")})`)
	if hover.Tip != hover.Want || !regexp.MustCompile(`^\S+ at [0-9.]+ ms: .+`).MatchString(hover.Tip) {
		c.t.Errorf("%s (%s): hovering a printed line shows %q, want its trace line and time %q", page, theme, hover.Tip, hover.Want)
	}
	c.shot(dir, "timeline-hover", theme)
	eval[chromedp.Void](c, `document.querySelector("main figure.svg-inline .span").focus()`)
	focus := eval[tip](c, `({Tip: document.querySelector("main figure.svg-inline .timeline-tip").textContent,
		Want: document.querySelector("main figure.svg-inline .span").getAttribute("aria-label")})`)
	if focus.Tip != focus.Want || !strings.Contains(focus.Tip, " ms") {
		c.t.Errorf("%s (%s): focusing a span shows %q, want %q", page, theme, focus.Tip, focus.Want)
	}
	c.do("clicking a lane button", chromedp.Click(chromedp.CSS("main figure.svg-inline .lane-buttons button:nth-of-type(2)")))
	type lanes struct {
		Pressed, Thread string
		Lit, Dim        float64
	}
	l := eval[lanes](c, `(function () {
		var f = document.querySelector("main figure.svg-inline"), b = f.querySelector(".lane-buttons button:nth-of-type(2)");
		var lit = f.querySelector(".lane.highlighted"), dim = f.querySelector(".lane:not(.highlighted)");
		return {Pressed: b.getAttribute("aria-pressed"), Thread: lit ? lit.getAttribute("data-thread") : "",
			Lit: lit ? +getComputedStyle(lit).opacity : 0, Dim: dim ? +getComputedStyle(dim).opacity : 1};
	})()`)
	if l.Pressed != "true" || l.Thread == "" || l.Lit != 1 || l.Dim >= 1 {
		c.t.Errorf("%s (%s): the lane button gives %+v, want its lane highlighted and the others dimmed", page, theme, l)
	}
	c.t.Logf("%s (%s): hover %q; focus %q; lane %s highlighted", page, theme, hover.Tip, focus.Tip, l.Thread)
	c.shot(dir, "timeline-lane", theme)
	c.do("clicking the lane button again", chromedp.Click(chromedp.CSS("main figure.svg-inline .lane-buttons button:nth-of-type(2)")))
	if n := eval[int](c, `document.querySelectorAll("main figure.svg-inline .lane.highlighted").length`); n != 0 {
		c.t.Errorf("%s: a second click leaves %d lanes highlighted", page, n)
	}
}
