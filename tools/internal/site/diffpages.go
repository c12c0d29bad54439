package site

import (
	"bytes"
	"fmt"
	"html"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/config"
	"github.com/nodeexperiment/gonode/tools/internal/include"
	"github.com/nodeexperiment/gonode/tools/internal/theme"
)

// This file: the "What changed in NAME" pages, one per snapshot after the
// first, and the link to each from the first chapter that shows it.

// changesDir is the folder of the build directory that holds the diff
// pages of the snapshots.
const changesDir = "changes"

// snapshotPage is the diff page of snapshot i.
func (b *Book) snapshotPage(i int) string {
	return changesDir + "/" + path.Base(b.Config.Snapshots[i].Dir) + ".html"
}

// diffLinkChapters maps each snapshot with a diff page to the chapter
// its Page names or else to the first chapter, in reading order, with a
// listing of one of its files.
func (b *Book) diffLinkChapters() map[*Chapter][]int {
	out := map[*Chapter][]int{}
	for i, s := range b.Config.Snapshots {
		if i == 0 || !s.HasDiffPage() {
			continue
		}
		if s.Page != "" {
			for _, ch := range b.Chapters {
				if filepath.Clean(ch.Source) == filepath.Join(b.Config.SrcDir(), filepath.FromSlash(s.Page)) {
					out[ch] = append(out[ch], i)
				}
			}
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
		data, err := include.ReadSource(p)
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
		content, err := diffPage(s, prevCfg, old, cur, page, from[i])
		if err != nil {
			return fmt.Errorf("%s: %w", page, err)
		}
		if err := r.writePage(page, b.pageTitle("What changed in "+s.Name()), content); err != nil {
			return err
		}
	}
	return nil
}

// diffPageData is what theme.Diff is executed with; see the field list at
// the top of templates/diff.html.
type diffPageData struct {
	Name, Dir, PrevDir            string
	Added, Changed, Removed, Same string
	Chapter                       *chapterLink
	Unchanged                     []unchangedEntry
	RemovedFiles                  []string
	Files                         []diffFile
}

type chapterLink struct{ URL, Title string }

// unchangedEntry is an unchanged file, or a folder none of whose files
// changed (Files then says how many it holds).
type unchangedEntry struct{ Name, Files string }

type diffFile struct {
	ID, Name, Stat string
	Binary         bool
	Hunks          []diffHunk
}

type diffHunk struct {
	Header string // empty for a new file, shown whole
	Lines  []diffLine
}

type diffLine struct{ Kind, Text string }

// diffPage returns the body of snapshot s's diff page against prev,
// whose files are old and s's are cur, for the page at page; ch is the
// first chapter that shows s, or nil.
func diffPage(s, prev config.Snapshot, old, cur map[string][]byte, page string, ch *Chapter) (string, error) {
	names := map[string]bool{}
	for n := range old {
		names[n] = true
	}
	for n := range cur {
		names[n] = true
	}
	sorted := slices.Sorted(maps.Keys(names))
	var added, removed, changed, same []string
	for _, n := range sorted {
		o, inOld := old[n]
		c, inCur := cur[n]
		switch {
		case !inOld:
			added = append(added, n)
		case !inCur:
			removed = append(removed, n)
		case bytes.Equal(o, c) || !isBinary(o, c) && slices.Equal(ownPathless(codeLines(o).text, prev.Dir), ownPathless(codeLines(c).text, s.Dir)):
			same = append(same, n) // the same, or the same but for anchor markers and the snapshot's own path
		default:
			changed = append(changed, n)
		}
	}
	d := diffPageData{
		Name: s.Name(), Dir: s.Dir, PrevDir: prev.Dir,
		Added: count(len(added), "file"), Changed: count(len(changed), "file"),
		Removed: count(len(removed), "file"), Same: count(len(same), "file"),
		Unchanged:    unchangedList(same, added, removed, changed),
		RemovedFiles: removed,
	}
	if ch != nil {
		d.Chapter = &chapterLink{URL: relURL(page, ch.Out), Title: ch.Item.Title}
	}
	for _, n := range sorted {
		isAdded := slices.Contains(added, n)
		if !isAdded && !slices.Contains(changed, n) {
			continue
		}
		f := diffFile{ID: fileID(n), Name: n}
		if isBinary(old[n], cur[n]) {
			f.Binary, f.Stat = true, "binary"
			d.Files = append(d.Files, f)
			continue
		}
		o, c := codeLines(old[n]), codeLines(cur[n])
		ops := diffLines(ownPathless(o.text, prev.Dir), ownPathless(c.text, s.Dir))
		plus, minus := 0, 0
		for _, op := range ops {
			switch op.kind {
			case '+':
				plus++
			case '-':
				minus++
			}
		}
		f.Stat = fmt.Sprintf("changed: %d added, %d removed", plus, minus)
		context := 3
		if isAdded {
			f.Stat = "new file, " + count(len(c.text), "line")
			context = len(c.text)
		}
		for _, h := range hunks(ops, context) {
			var dh diffHunk
			if !isAdded {
				dh.Header = hunkHeader(h, o, c)
			}
			for _, op := range h.ops {
				switch op.kind {
				case '+':
					dh.Lines = append(dh.Lines, diffLine{"add", c.text[op.new]})
				case '-':
					dh.Lines = append(dh.Lines, diffLine{"del", o.text[op.old]})
				default:
					dh.Lines = append(dh.Lines, diffLine{"", c.text[op.new]})
				}
			}
			f.Hunks = append(f.Hunks, dh)
		}
		d.Files = append(d.Files, f)
	}
	var w strings.Builder
	if err := theme.Diff.Execute(&w, d); err != nil {
		return "", err
	}
	return w.String(), nil
}

func isBinary(old, cur []byte) bool {
	return bytes.IndexByte(cur, 0) >= 0 || bytes.IndexByte(old, 0) >= 0
}

// numbered is a file's lines without its anchor markers, and each kept
// line's number in the file.
type numbered struct {
	text []string
	num  []int // 1-based
}

// codeLines splits data into lines and leaves out the lines that only
// mark an anchor for the book's listings ("// ANCHOR: name"), which mean
// nothing to a reader comparing two snapshots, and the blank lines that
// such a marker leaves at the top of a file.
func codeLines(data []byte) numbered {
	var n numbered
	for i, l := range include.SplitLines(string(data)) {
		if include.IsMarker(l) || (len(n.text) == 0 && strings.TrimSpace(l) == "") {
			continue
		}
		n.text = append(n.text, l)
		n.num = append(n.num, i+1)
	}
	return n
}

// hunkHeader is a hunk's "@@ -a,b +c,d @@" line, in the files' own line
// numbers: each side's span from its first to its last line in the hunk
// (marker lines inside it count, as they are in the file).
func hunkHeader(h hunk, o, c numbered) string {
	span := func(nums []int, idx func(op) int) (int, int) {
		first, last := -1, -1
		for _, op := range h.ops {
			if i := idx(op); i >= 0 {
				if first < 0 {
					first = nums[i]
				}
				last = nums[i]
			}
		}
		if first < 0 {
			return 0, 0
		}
		return first, last - first + 1
	}
	oa, ob := span(o.num, func(x op) int { return x.old })
	na, nb := span(c.num, func(x op) int { return x.new })
	return fmt.Sprintf("@@ -%d,%d +%d,%d @@", oa, ob, na, nb)
}

// unchangedList names the unchanged files, a whole folder at once when
// none of its files changed.
func unchangedList(same, added, removed, changed []string) []unchangedEntry {
	touched := map[string]bool{}
	for _, list := range [][]string{added, removed, changed} {
		for _, n := range list {
			for d := path.Dir(n); d != "."; d = path.Dir(d) {
				touched[d] = true
			}
		}
	}
	var parts []unchangedEntry
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
			parts = append(parts, unchangedEntry{n, count(folders[strings.TrimSuffix(n, "/")], "file")})
		} else {
			parts = append(parts, unchangedEntry{Name: n})
		}
	}
	return parts
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func fileID(name string) string { return "file-" + slug(name) }

// ownPathless returns lines with the two ways a snapshot folder dir names
// itself (its import path, "github.com/nodeexperiment/gonode/steps/16-watching/",
// and "./steps/16-watching/" in go run lines: the forms make steps rewrites
// from final/) replaced by one token that no file holds, for comparing
// only: two snapshots' copies of a file that differ in nothing but naming
// their own folder compare equal, and a line is not new for that alone.
func ownPathless(lines []string, dir string) []string {
	r := strings.NewReplacer(modulePath+"/"+dir+"/", "\x00snapshot/", "./"+dir+"/", "\x00snapshot/")
	var out []string
	for i, l := range lines {
		if !strings.Contains(l, dir+"/") {
			continue
		}
		if out == nil {
			out = slices.Clone(lines)
		}
		out[i] = r.Replace(l)
	}
	if out == nil {
		return lines
	}
	return out
}

// modulePath is the tutorial module's path, which the snapshots' imports
// start with.
const modulePath = "github.com/nodeexperiment/gonode"
