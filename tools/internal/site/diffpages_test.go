package site

import (
	"slices"
	"testing"
)

// TestCodeLinesLeaveOutMarkers checks that the diff pages compare code
// without the anchor markers, and without the blank line a marker at the
// top of a file leaves, while keeping each line's number in the file.
func TestCodeLinesLeaveOutMarkers(t *testing.T) {
	n := codeLines([]byte("// ANCHOR: all\n\npackage p\n\n// ANCHOR: f\nfunc f() {}\n// ANCHOR_END: f\n// ANCHOR_END: all\n"))
	if want := []string{"package p", "", "func f() {}"}; !slices.Equal(n.text, want) {
		t.Errorf("lines %q, want %q", n.text, want)
	}
	if want := []int{3, 4, 6}; !slices.Equal(n.num, want) {
		t.Errorf("line numbers %v, want %v", n.num, want)
	}
}
