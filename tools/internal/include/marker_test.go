package include

import "testing"

func TestIsAnchorMarker(t *testing.T) {
	for line, want := range map[string]bool{
		"// ANCHOR: post":        true,
		"\t// ANCHOR_END: post":  true,
		"# ANCHOR:x":             true,
		"// ANCHORS are nice":    false,
		"func anchor() {}":       false,
		"// see the ANCHOR list": false,
	} {
		if got := IsAnchorMarker(line); got != want {
			t.Errorf("IsAnchorMarker(%q) = %v, want %v", line, got, want)
		}
	}
}
