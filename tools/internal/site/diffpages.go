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
