package gonode_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// mutation is a deliberate bug in the front end: pieces of a file's text
// replaced, and the conformance cases whose gonode run must then differ
// from what Node printed (final/node/conformance/testdata/NAME.txt).
type mutation struct {
	file    string
	replace [][2]string
	red     []string
}

var mutations = []mutation{
	// The nextTick queue runs after goja's job queue instead of before
	// it: scope's first pass runs the callback alone, and the ticks run
	// in the pass after goja has drained its jobs.
	{"queues.go", [][2]string{
		{"\t\t\tf()\n\t\t\tn.runTicks()\n", "\t\t\tf()\n"},
		{"\t\tf = func() {}\n", "\t\tf = n.runTicks\n"},
	}, []string{"tick-before-promise", "tick-in-tick-before-promise", "pool-after-program-ticks",
		"ticks-between-timers", "ticks-between-immediates", "pool-callback-then-queues"}},
	// The rejection tracker forgets: no rejection is ever reported.
	{"queues.go", [][2]string{
		{"\t\tn.rejections = append(n.rejections, p)\n", ""},
	}, []string{"unhandled-rejection-exits", "unhandled-rejection-to-handler", "rejection-handled-too-late"}},
}

// TestMutationsTurnComparisonsRed builds gonode once per mutation, with
// the mutated file swapped in by go build -overlay (the tree is not
// touched), and checks that each case the mutation names then prints
// something other than what Node printed. It needs no node. It costs a
// build per mutation, so it runs only with CONFORMANCE_MUTATIONS set (as
// .ci/run does).
func TestMutationsTurnComparisonsRed(t *testing.T) {
	if os.Getenv("CONFORMANCE_MUTATIONS") == "" {
		t.Skip("set CONFORMANCE_MUTATIONS=1 to build gonode once per mutation (2 builds)")
	}
	dir := t.TempDir()
	for i, m := range mutations {
		text, err := os.ReadFile(m.file)
		if err != nil {
			t.Fatal(err)
		}
		s := string(text)
		for _, r := range m.replace {
			if strings.Count(s, r[0]) != 1 {
				t.Fatalf("mutation %d: %q is not once in %s", i, r[0], m.file)
			}
			s = strings.Replace(s, r[0], r[1], 1)
		}
		abs, err := filepath.Abs(m.file)
		if err != nil {
			t.Fatal(err)
		}
		mutated := filepath.Join(dir, "mutated-"+strconv.Itoa(i)+".go")
		overlay := filepath.Join(dir, "overlay-"+strconv.Itoa(i)+".json")
		bin := filepath.Join(dir, "gonode-"+strconv.Itoa(i))
		if err := os.WriteFile(mutated, []byte(s), 0o666); err != nil {
			t.Fatal(err)
		}
		o, _ := json.Marshal(map[string]map[string]string{"Replace": {abs: mutated}})
		if err := os.WriteFile(overlay, o, 0o666); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("go", "build", "-overlay", overlay, "-o", bin, "../cmd/gonode").CombinedOutput(); err != nil {
			t.Fatalf("mutation %d: go build: %v\n%s", i, err, out)
		}
		for _, name := range m.red {
			want, err := os.ReadFile(filepath.Join(root, "final/node/conformance/testdata", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			g := run(t, "", nil, bin, filepath.Join(root, "final/node/conformance/js", name+".js"))
			got := strings.Join(g.Stdout, "\n") + "\n"
			if g.Code != 0 {
				got += "(exit status " + strconv.Itoa(g.Code) + ")\n"
			}
			if got == string(want) {
				t.Errorf("mutation %d (%s): %s still prints what Node printed", i, m.file, name)
			} else {
				t.Logf("mutation %d (%s): %s red: Node printed %q, the mutant %q", i, m.file, name, want, got)
			}
		}
	}
}
