package site

import (
	"slices"
	"testing"
)

// TestOwnPathless: two copies of a file that differ only in naming their
// own snapshot folder, in an import or a go run line, compare equal; a
// line that mentions a folder in any other way, or differs otherwise,
// still differs.
func TestOwnPathless(t *testing.T) {
	old := []string{
		`	"github.com/nodeexperiment/gonode/steps/15-writing/loop"`,
		`//	go run ./steps/15-writing/examples/echo`,
		`x := 1`,
	}
	cur := []string{
		`	"github.com/nodeexperiment/gonode/steps/16-watching/loop"`,
		`//	go run ./steps/16-watching/examples/echo`,
		`x := 1`,
	}
	o, c := ownPathless(old, "steps/15-writing"), ownPathless(cur, "steps/16-watching")
	if !slices.Equal(o, c) {
		t.Errorf("copies that differ only in their own folder's path compare unequal:\n%q\n%q", o, c)
	}
	if old[0] == o[0] {
		t.Error("ownPathless changed the lines it was given, or nothing at all")
	}
	if got := AddedLines("a\nb\n", "a\nb\n"); len(got) != 0 {
		t.Errorf("AddedLines of equal texts: %v", got)
	}
	for _, pair := range [][2]string{
		{`// see steps/15-writing/loop`, `// see steps/16-watching/loop`}, // prose, not a rewritten path
		{`	"github.com/nodeexperiment/gonode/steps/15-writing/loop"`, `	"github.com/nodeexperiment/gonode/steps/16-watching/pool"`},
	} {
		a := ownPathless([]string{pair[0]}, "steps/15-writing")
		b := ownPathless([]string{pair[1]}, "steps/16-watching")
		if slices.Equal(a, b) {
			t.Errorf("%q and %q compare equal", pair[0], pair[1])
		}
	}
}
