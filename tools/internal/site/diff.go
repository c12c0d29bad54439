package site

import (
	"cmp"
	"slices"
)

// op is one line of a line diff: kept (in both), added (only in the new
// text) or deleted (only in the old).
type op struct {
	kind byte // ' ', '+' or '-'
	old  int  // 0-based line in the old text, or -1
	new  int  // 0-based line in the new text, or -1
}

// diffLines returns a shortest edit script from a to b, computed from a
// longest common subsequence of their lines after the common prefix and
// suffix are set aside.
func diffLines(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	// lcs[i][j] is the length of an LCS of ma[i:] and mb[j:].
	w := len(mb) + 1
	lcs := make([]int32, (len(ma)+1)*w)
	for i := len(ma) - 1; i >= 0; i-- {
		for j := len(mb) - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	var ops []op
	for k := 0; k < pre; k++ {
		ops = append(ops, op{' ', k, k})
	}
	i, j := 0, 0
	for i < len(ma) || j < len(mb) {
		switch {
		case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
			ops = append(ops, op{' ', pre + i, pre + j})
			i, j = i+1, j+1
		case j < len(mb) && (i == len(ma) || lcs[i*w+j+1] >= lcs[(i+1)*w+j]):
			ops = append(ops, op{'+', -1, pre + j})
			j++
		default:
			ops = append(ops, op{'-', pre + i, -1})
			i++
		}
	}
	for k := 0; k < suf; k++ {
		ops = append(ops, op{' ', len(a) - suf + k, len(b) - suf + k})
	}
	deletionsFirst(ops)
	return ops
}

// deletionsFirst reorders each run of changes so that its deleted lines
// come before its added ones, as diff(1) prints them: the old text, then
// what replaces it. Within each kind the order is kept.
func deletionsFirst(ops []op) {
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		end := k
		for end < len(ops) && ops[end].kind != ' ' {
			end++
		}
		slices.SortStableFunc(ops[k:end], func(x, y op) int {
			return cmp.Compare(kindOrder(x.kind), kindOrder(y.kind))
		})
		k = end
	}
}

func kindOrder(kind byte) int {
	if kind == '-' {
		return 0
	}
	return 1
}

// hunk is a run of changes with the unchanged lines around them.
type hunk struct {
	ops []op
}

// hunks groups the changes of ops with context unchanged lines on each
// side; changes closer than twice context share a hunk.
func hunks(ops []op, context int) []hunk {
	var out []hunk
	lastChange := -1 << 30
	start := -1
	for k, o := range ops {
		if o.kind == ' ' {
			continue
		}
		if start >= 0 && k-lastChange <= 2*context+1 {
			lastChange = k
			continue
		}
		if start >= 0 {
			out = append(out, hunk{ops[start:min(lastChange+context+1, len(ops))]})
		}
		start = max(k-context, 0)
		lastChange = k
	}
	if start >= 0 {
		out = append(out, hunk{ops[start:min(lastChange+context+1, len(ops))]})
	}
	return out
}
