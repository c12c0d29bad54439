package site

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/nodeexperiment/gonode/tools/internal/include"
)

// This file: the [[snapshot]] directories, and which lines of a file in
// one are new since the previous snapshot (the listings' new-line marks).

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
// It returns nil when file is in no snapshot, or in the first.
func (b *Book) whatIsNew(file string) (*newInfo, error) {
	if info, ok := b.newCache[file]; ok {
		return info, nil
	}
	i := b.snapshotOf(file)
	if i <= 0 {
		b.newCache[file] = nil
		return nil, nil
	}
	rel, _ := filepath.Rel(b.snapshotDir(i), file)
	if !b.Config.Snapshots[i].Marks(filepath.ToSlash(rel)) {
		b.newCache[file] = nil
		return nil, nil
	}
	prev := filepath.Join(b.snapshotDir(i-1), rel)
	info := &newInfo{snapshot: i}
	cur, err := include.ReadSource(file)
	if err != nil {
		return nil, err
	}
	old, err := include.ReadSource(prev)
	switch {
	case os.IsNotExist(err):
		info.newFile = b.Config.Snapshots[i].HasDiffPage()
	case err != nil:
		return nil, err
	default:
		info.old = map[int]bool{}
		oldLines := ownPathless(include.SplitLines(string(old)), b.Config.Snapshots[i-1].Dir)
		curLines := ownPathless(include.SplitLines(string(cur)), b.Config.Snapshots[i].Dir)
		for _, o := range diffLines(oldLines, curLines) {
			if o.kind == ' ' {
				info.old[o.new+1] = true
			}
		}
	}
	b.newCache[file] = info
	return info, nil
}
