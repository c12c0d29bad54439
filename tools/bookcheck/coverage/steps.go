package coverage

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/include"
)

// The Going-further pages show code from steps/NN-name/, the steps cut
// from final/ (tools/cmd/steps). A line a page shows from a step's copy
// of a file is a line of final/'s file too, if the step has it unchanged:
// the two are lined up by the longest common subsequence of their lines,
// as the renderer's new-line marks are, with the step's import paths
// read as final/'s.

// stepDir matches a step's folder in a path, from the book root.
var stepDir = regexp.MustCompile(`^steps/\d\d-[\w-]+/`)

// stepMap maps lines of the steps' files to final/'s, remembering each
// file's alignment.
type stepMap struct {
	root  string
	cache map[string]map[int]int
}

func newStepMap(root string) *stepMap {
	return &stepMap{root: root, cache: map[string]map[int]int{}}
}

// toFinal returns final/'s copy of file and the lines of it that lines
// (of file) are, if file is in a step; else file and lines unchanged.
// Lines the step has and final/ does not (its before-blocks' code) are
// dropped.
func (m *stepMap) toFinal(file string, lines []int) (string, []int, error) {
	rel, err := filepath.Rel(m.root, file)
	if err != nil {
		return file, lines, nil
	}
	rel = filepath.ToSlash(rel)
	dir := stepDir.FindString(rel)
	if dir == "" {
		return file, lines, nil
	}
	final := filepath.Join(m.root, "final", filepath.FromSlash(strings.TrimPrefix(rel, dir)))
	align, ok := m.cache[file]
	if !ok {
		step, err := include.ReadSource(file)
		if err != nil {
			return "", nil, err
		}
		fin, err := include.ReadSource(final)
		if os.IsNotExist(err) {
			m.cache[file] = nil
			return file, lines, nil
		}
		if err != nil {
			return "", nil, err
		}
		text := strings.ReplaceAll(string(step), "gonode/"+strings.TrimSuffix(dir, "/")+"/", "gonode/final/")
		align = alignLines(include.SplitLines(text), include.SplitLines(string(fin)))
		m.cache[file] = align
	}
	if align == nil {
		return file, lines, nil
	}
	var out []int
	for _, n := range lines {
		if f, ok := align[n]; ok {
			out = append(out, f)
		}
	}
	return final, out, nil
}

// alignLines returns, for each line of a (1-based) that the longest
// common subsequence of a and b pairs with a line of b, that line.
func alignLines(a, b []string) map[int]int {
	n, k := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, k+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := k - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	out := map[int]int{}
	for i, j := 0, 0; i < n && j < k; {
		switch {
		case a[i] == b[j]:
			out[i+1] = j + 1
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}
