package site

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/config"
	"github.com/nodeexperiment/gonode/tools/internal/include"
	"github.com/nodeexperiment/gonode/tools/internal/markdown"
)

// sourceDir is the folder of the build directory that holds a page for
// each file a listing shows, when the book has no git-repository-url.
const sourceDir = "source"

// changesDir is the folder of the build directory that holds the diff
// pages of the snapshots.
const changesDir = "changes"

// lineRange is a listing's first and last line in its file.
type lineRange struct{ first, last int }

func (r lineRange) id() string { return fmt.Sprintf("L%d-L%d", r.first, r.last) }

// snapshotOf returns the index of the snapshot whose directory holds
// file (the deepest one), or -1.
func (b *Book) snapshotOf(file string) int {
	best, bestLen := -1, -1
	for i, s := range b.Config.Snapshots {
		dir := filepath.Join(b.Config.Root, filepath.FromSlash(s.Dir))
		if within(file, dir) && file != dir && len(dir) > bestLen {
			best, bestLen = i, len(dir)
		}
	}
	return best
}

func (b *Book) snapshotDir(i int) string {
	return filepath.Join(b.Config.Root, filepath.FromSlash(b.Config.Snapshots[i].Dir))
}

// newInfo says what is new in a file of a snapshot.
type newInfo struct {
	// old marks the file's lines (1-based) that the previous snapshot's
	// copy has; nil when there is no previous copy.
	old map[int]bool
	// newFile is set when the file is new in a snapshot with a diff page.
	newFile bool
	// snapshot is the index of the file's snapshot.
	snapshot int
}

// whatIsNew compares file with its counterpart in the previous snapshot.
// It returns nil when file is in no snapshot, or in the first, or is a
// recorded run (see isRecordedRun).
func (b *Book) whatIsNew(file string) (*newInfo, error) {
	if info, ok := b.newCache[file]; ok {
		return info, nil
	}
	i := b.snapshotOf(file)
	if i <= 0 || isRecordedRun(file) {
		b.newCache[file] = nil
		return nil, nil
	}
	rel, _ := filepath.Rel(b.snapshotDir(i), file)
	prev := filepath.Join(b.snapshotDir(i-1), rel)
	info := &newInfo{snapshot: i}
	cur, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	old, err := os.ReadFile(prev)
	switch {
	case os.IsNotExist(err):
		info.newFile = b.Config.Snapshots[i].HasDiffPage()
	case err != nil:
		return nil, err
	default:
		info.old = map[int]bool{}
		for _, o := range diffLines(include.SplitLines(string(old)), include.SplitLines(string(cur))) {
			if o.kind == ' ' {
				info.old[o.new+1] = true
			}
		}
	}
	b.newCache[file] = info
	return info, nil
}

// isRecordedRun reports whether file holds a recorded run of a program,
// output.txt or NAME-output.txt. Its listing marks nothing as new: two
// runs of two different programs are not an edit of one another.
func isRecordedRun(file string) bool {
	base := filepath.Base(file)
	return base == "output.txt" || strings.HasSuffix(base, "-output.txt")
}

// repoRoot is the directory above the book root (or the root itself)
// that holds .git, or the book root when there is none.
func repoRoot(root string) string {
	for dir := root; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			return root
		}
	}
}

// listingPath returns the path a caption shows for file, relative to the
// repository when the book links to one, else to the book root; a file
// outside it is an error, since the caption could not link to it.
func (b *Book) listingPath(file string) (string, error) {
	base, what := b.Config.Root, "the book root"
	if b.Config.Output.HTML.GitRepositoryURL != "" {
		base, what = b.repo, "the repository "+b.repo
	}
	rel, err := filepath.Rel(base, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside %s, so a listing's caption cannot link to it", file, what)
	}
	return filepath.ToSlash(rel), nil
}

// sourcePage is the page in the build directory that shows file.
func sourcePage(rel string) string { return sourceDir + "/" + rel + ".html" }

// checkListings checks that every listing's caption can link to its file
// and records the ranges the source pages must offer.
func (b *Book) checkListings() error {
	b.sources = map[string]map[lineRange]bool{}
	for _, ch := range b.Chapters {
		for _, l := range ch.Listings {
			if l.Lines == nil {
				continue
			}
			rel, err := b.listingPath(l.File)
			if err != nil {
				return fmt.Errorf("%s: {{#include}}: %w", b.rel(ch.Source), err)
			}
			if _, err := b.whatIsNew(l.File); err != nil {
				return err
			}
			if b.sources[rel] == nil {
				b.sources[rel] = map[lineRange]bool{}
			}
			b.sources[rel][lineRange{l.Lines[0], l.Lines[len(l.Lines)-1]}] = true
		}
	}
	return nil
}

// listingFunc returns the markdown.Options.Listing function for ch's
// Markdown rendered on page.
func (b *Book) listingFunc(ch *Chapter, page string) func(start int) *markdown.Listing {
	byStart := map[int]include.Listing{}
	for _, l := range ch.Listings {
		if l.Lines != nil {
			if _, dup := byStart[l.Start]; !dup {
				byStart[l.Start] = l
			}
		}
	}
	return func(start int) *markdown.Listing {
		l, ok := byStart[start]
		if !ok {
			return nil
		}
		return b.listing(l, page)
	}
}

// listing builds the caption and the marks of l shown on page.
func (b *Book) listing(l include.Listing, page string) *markdown.Listing {
	rel, err := b.listingPath(l.File)
	if err != nil {
		return nil // checkListings has reported it
	}
	r := lineRange{l.Lines[0], l.Lines[len(l.Lines)-1]}
	var href string
	if git := b.Config.Output.HTML.GitRepositoryURL; git != "" {
		href = fmt.Sprintf("%s/blob/HEAD/%s#L%d-L%d", strings.TrimSuffix(git, "/"), rel, r.first, r.last)
	} else {
		href = relURL(page, sourcePage(rel)) + "#" + r.id()
	}
	lines := fmt.Sprintf("lines %d–%d", r.first, r.last)
	if r.first == r.last {
		lines = fmt.Sprintf("line %d", r.first)
	}
	where := lines
	if l.Anchor != "" {
		where = "<code>" + html.EscapeString(l.Anchor) + "</code>, " + lines
	}
	var c strings.Builder
	fmt.Fprintf(&c, `<a class="listing-file" href="%s">%s</a> <span class="listing-where">%s</span>`,
		html.EscapeString(href), html.EscapeString(rel), where)
	out := &markdown.Listing{}
	info := b.newCache[l.File]
	switch {
	case info == nil:
	case info.newFile:
		fmt.Fprintf(&c, ` <span class="listing-new">new file in %s</span>`, html.EscapeString(b.Config.Snapshots[info.snapshot].Name()))
	case info.old != nil:
		out.New = make([]bool, len(l.Lines))
		n := 0
		for i, num := range l.Lines {
			if !info.old[num] {
				out.New[i] = true
				n++
			}
		}
		if n > 0 {
			word := "lines"
			if n == 1 {
				word = "line"
			}
			fmt.Fprintf(&c, ` <span class="listing-new">%d new %s since %s</span>`, n, word,
				html.EscapeString(b.Config.Snapshots[info.snapshot-1].Name()))
		}
	}
	out.CaptionHTML = c.String()
	return out
}

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
		data, err := os.ReadFile(filepath.Join(b.Config.Root, filepath.FromSlash(rel)))
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

// writePage writes a page that is not a chapter of SUMMARY.md: no
// previous or next chapter, and left out of search engines' indexes.
func (r *renderer) writePage(page, title, content string) error {
	d := r.book.newPage(page, title, content, nil)
	d.NoIndex = true
	out, err := executePage(d)
	if err != nil {
		return err
	}
	return r.write(page, out)
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

// snapshotPage is the diff page of snapshot i.
func (b *Book) snapshotPage(i int) string {
	return changesDir + "/" + path.Base(b.Config.Snapshots[i].Dir) + ".html"
}

// diffLinkChapters maps each snapshot with a diff page to the first
// chapter, in reading order, with a listing of one of its files.
func (b *Book) diffLinkChapters() map[*Chapter][]int {
	out := map[*Chapter][]int{}
	for i, s := range b.Config.Snapshots {
		if i == 0 || !s.HasDiffPage() {
			continue
		}
	chapters:
		for _, ch := range b.Chapters {
			for _, l := range ch.Listings {
				if b.snapshotOf(l.File) == i {
					out[ch] = append(out[ch], i)
					break chapters
				}
			}
		}
	}
	return out
}

// withDiffLinks puts, before the first second-level heading of a
// chapter's HTML (or at its end), a link to the diff page of each
// snapshot in snaps.
func (b *Book) withDiffLinks(content, page string, snaps []int) string {
	if len(snaps) == 0 {
		return content
	}
	var p strings.Builder
	for _, i := range snaps {
		s := b.Config.Snapshots[i]
		fmt.Fprintf(&p, "<p class=\"chapter-diff\"><a href=\"%s\">What changed in %s</a>: every file of <code>%s</code> next to <code>%s</code>, the snapshot it starts from.</p>\n",
			html.EscapeString(relURL(page, b.snapshotPage(i))), html.EscapeString(s.Name()),
			html.EscapeString(s.Dir), html.EscapeString(b.Config.Snapshots[i-1].Dir))
	}
	if k := strings.Index(content, "<h2"); k >= 0 {
		return content[:k] + p.String() + content[k:]
	}
	return content + p.String()
}

func readTree(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	return files, err
}

// writeDiffPages writes, for every snapshot after the first that has
// one, the page "What changed in NAME": the diff of its directory
// against the previous snapshot's, file by file, with the unchanged files
// named but not shown.
func (r *renderer) writeDiffPages(linked map[*Chapter][]int) error {
	b := r.book
	from := map[int]*Chapter{}
	for ch, snaps := range linked {
		for _, i := range snaps {
			from[i] = ch
		}
	}
	for i, s := range b.Config.Snapshots {
		if i == 0 || !s.HasDiffPage() {
			continue
		}
		prevCfg := b.Config.Snapshots[i-1]
		page := b.snapshotPage(i)
		old, err := readTree(b.snapshotDir(i - 1))
		if err != nil {
			return fmt.Errorf("snapshot %s: %w", prevCfg.Dir, err)
		}
		cur, err := readTree(b.snapshotDir(i))
		if err != nil {
			return fmt.Errorf("snapshot %s: %w", s.Dir, err)
		}
		content := diffPage(s, prevCfg, old, cur, page, from[i])
		if err := r.writePage(page, b.pageTitle("What changed in "+s.Name()), content); err != nil {
			return err
		}
	}
	return nil
}

func diffPage(s, prev config.Snapshot, old, cur map[string][]byte, page string, ch *Chapter) string {
	names := map[string]bool{}
	for n := range old {
		names[n] = true
	}
	for n := range cur {
		names[n] = true
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	var added, removed, changed, same []string
	for _, n := range sorted {
		o, inOld := old[n]
		c, inCur := cur[n]
		switch {
		case !inOld:
			added = append(added, n)
		case !inCur:
			removed = append(removed, n)
		case bytes.Equal(o, c):
			same = append(same, n)
		default:
			changed = append(changed, n)
		}
	}
	var w strings.Builder
	fmt.Fprintf(&w, "<h1>What changed in %s</h1>\n", html.EscapeString(s.Name()))
	fmt.Fprintf(&w, "<p><code>%s</code> next to <code>%s</code>, the snapshot it starts from: %s added, %s changed, %s removed, %s unchanged.",
		html.EscapeString(s.Dir), html.EscapeString(prev.Dir), count(len(added), "file"), count(len(changed), "file"),
		count(len(removed), "file"), count(len(same), "file"))
	if ch != nil {
		fmt.Fprintf(&w, " The chapter: <a href=\"%s\">%s</a>.", html.EscapeString(relURL(page, ch.Out)), html.EscapeString(ch.Item.Title))
	}
	w.WriteString(" Added lines are marked <span class=\"diff-key add\">+</span>, removed ones <span class=\"diff-key del\">−</span>.</p>\n")
	if len(same) > 0 {
		w.WriteString("<p class=\"diff-unchanged\">Unchanged, not shown: " + unchangedList(same, added, removed, changed) + ".</p>\n")
	}
	if len(removed) > 0 {
		w.WriteString("<p class=\"diff-removed\">Removed: ")
		for k, n := range removed {
			if k > 0 {
				w.WriteString(", ")
			}
			fmt.Fprintf(&w, "<code>%s</code>", html.EscapeString(n))
		}
		w.WriteString(".</p>\n")
	}
	if len(changed)+len(added) > 0 {
		w.WriteString("<nav class=\"diff-files\" aria-label=\"Files\"><ul>\n")
		for _, n := range sorted {
			if slices.Contains(changed, n) || slices.Contains(added, n) {
				fmt.Fprintf(&w, "<li><a href=\"#%s\"><code>%s</code></a></li>\n", fileID(n), html.EscapeString(n))
			}
		}
		w.WriteString("</ul></nav>\n")
	}
	for _, n := range sorted {
		isAdded := slices.Contains(added, n)
		if !isAdded && !slices.Contains(changed, n) {
			continue
		}
		o, c := include.SplitLines(string(old[n])), include.SplitLines(string(cur[n]))
		binary := bytes.IndexByte(cur[n], 0) >= 0 || bytes.IndexByte(old[n], 0) >= 0
		ops := diffLines(o, c)
		plus, minus := 0, 0
		for _, op := range ops {
			switch op.kind {
			case '+':
				plus++
			case '-':
				minus++
			}
		}
		stat := fmt.Sprintf("changed: %d added, %d removed", plus, minus)
		if isAdded {
			stat = "new file, " + count(len(c), "line")
		}
		fmt.Fprintf(&w, "<h2 id=\"%s\" class=\"diff-file\"><code>%s</code> <span class=\"diff-stat\">%s</span></h2>\n",
			fileID(n), html.EscapeString(n), stat)
		if binary {
			w.WriteString("<p>A binary file, not shown.</p>\n")
			continue
		}
		w.WriteString("<pre class=\"diff\"><code>")
		context := 3
		if isAdded {
			context = len(c)
		}
		for _, h := range hunks(ops, context) {
			if !isAdded {
				oStart, nStart, oN, nN := -1, -1, 0, 0
				for _, op := range h.ops {
					if op.old >= 0 {
						if oStart < 0 {
							oStart = op.old
						}
						oN++
					}
					if op.new >= 0 {
						if nStart < 0 {
							nStart = op.new
						}
						nN++
					}
				}
				fmt.Fprintf(&w, "<span class=\"line hunk\">@@ -%d,%d +%d,%d @@\n</span>", oStart+1, oN, nStart+1, nN)
			}
			for _, op := range h.ops {
				switch op.kind {
				case '+':
					fmt.Fprintf(&w, "<span class=\"line add\"><span class=\"visually-hidden\">added: </span><span class=\"diff-sign\" aria-hidden=\"true\">+</span>%s\n</span>", html.EscapeString(c[op.new]))
				case '-':
					fmt.Fprintf(&w, "<span class=\"line del\"><span class=\"visually-hidden\">removed: </span><span class=\"diff-sign\" aria-hidden=\"true\">−</span>%s\n</span>", html.EscapeString(o[op.old]))
				default:
					fmt.Fprintf(&w, "<span class=\"line\"><span class=\"diff-sign\" aria-hidden=\"true\"> </span>%s\n</span>", html.EscapeString(c[op.new]))
				}
			}
		}
		w.WriteString("</code></pre>\n")
	}
	return w.String()
}

// unchangedList names the unchanged files, a whole folder at once when
// none of its files changed.
func unchangedList(same, added, removed, changed []string) string {
	touched := map[string]bool{}
	for _, list := range [][]string{added, removed, changed} {
		for _, n := range list {
			for d := path.Dir(n); d != "."; d = path.Dir(d) {
				touched[d] = true
			}
		}
	}
	var parts []string
	folders := map[string]int{}
	var order []string
	for _, n := range same {
		top := ""
		for d := path.Dir(n); d != "."; d = path.Dir(d) {
			if !touched[d] {
				top = d
			}
		}
		if top == "" {
			order = append(order, n)
			continue
		}
		if folders[top] == 0 {
			order = append(order, top+"/")
		}
		folders[top]++
	}
	for _, n := range order {
		if strings.HasSuffix(n, "/") {
			parts = append(parts, fmt.Sprintf("<code>%s</code> (all %s)", html.EscapeString(n), count(folders[strings.TrimSuffix(n, "/")], "file")))
		} else {
			parts = append(parts, "<code>"+html.EscapeString(n)+"</code>")
		}
	}
	return strings.Join(parts, ", ")
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func fileID(name string) string { return "file-" + slug(name) }
