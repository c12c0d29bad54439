package site

import "github.com/nodeexperiment/gonode/tools/internal/include"

// AddedLines returns, in order, the 1-based numbers of the lines of cur
// that old lacks: the lines a listing of cur marks as new when old is the
// previous snapshot's copy. It uses the same line diff as the marks and
// the diff pages.
func AddedLines(old, cur string) []int {
	var added []int
	for _, o := range diffLines(include.SplitLines(old), include.SplitLines(cur)) {
		if o.kind == '+' {
			added = append(added, o.new+1)
		}
	}
	return added
}
