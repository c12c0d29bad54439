package trace

import "strings"

// SwapLines returns text with the first line containing a and the first
// line containing b swapped, or text unchanged when either is missing.
// Tests use it to make a trace that breaks an order its spec demands, so
// that they can check the spec rejects it.
func SwapLines(text, a, b string) string {
	lines := strings.Split(text, "\n")
	i, j := -1, -1
	for k, l := range lines {
		switch {
		case i < 0 && strings.Contains(l, a):
			i = k
		case j < 0 && strings.Contains(l, b):
			j = k
		}
	}
	if i >= 0 && j >= 0 {
		lines[i], lines[j] = lines[j], lines[i]
	}
	return strings.Join(lines, "\n")
}

// DropLine returns text without the first line that contains s, or text
// unchanged when no line does. Tests use it to make a trace that lacks a
// line its spec demands.
func DropLine(text, s string) string {
	lines := strings.Split(text, "\n")
	for k, l := range lines {
		if strings.Contains(l, s) {
			return strings.Join(append(lines[:k], lines[k+1:]...), "\n")
		}
	}
	return text
}
