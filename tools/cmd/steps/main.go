// Command steps writes the book's Going-further steps, steps/NN-name/,
// from final/ and the step markers in its files; with -check it writes
// nothing and fails if a step's folder is out of date.
//
// The step list is steps/steps.txt: one line a step, in the order of the
// book's pages, each naming the step, its folder, its page and what it
// adds from final/ (files, or folders whole). The last step is final/
// itself. Step i holds the files that steps 0..i add, each cut by its
// markers:
//
//	//step:file NAME      the file is in the steps from NAME on
//	//step:begin NAME     the lines up to the matching end are in the
//	//step:end NAME       steps from NAME on (blocks nest)
//	//step:before NAME    the lines up to the matching end, each commented
//	//step:end NAME       out in final/, are code in the steps before NAME
//	code //step:NAME      this one line is in the steps from NAME on
//
// Files that comment with # (trace.spec, *.txt, *.txtar) take #step:
// instead of //step:. A marker line that precedes a doc comment needs a
// blank line after it, or gofmt treats it as a directive and moves it.
// In a step, imports of final/'s packages and ./final/ paths point at the
// step's folder, Go files are gofmt'd, and recorded runs (output.txt,
// node-output.txt) are left as the step's own runs wrote them.
//
// Usage, from the repository root or anywhere with -root:
//
//	go run ./cmd/steps -root ..          (from tools/) write every step
//	go run ./cmd/steps -root .. -check   fail, listing what is out of date
//	go run ./cmd/steps -strip DIR        rewrite a copy in DIR without markers
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/nodeexperiment/gonode/tools/internal/steps"
)

func main() {
	root := flag.String("root", "..", "the repository's root")
	check := flag.Bool("check", false, "write nothing; exit 1 if a step's folder differs from what final/ and its markers give")
	only := flag.String("step", "", "only this step (its name)")
	strip := flag.String("strip", "", "write no step: rewrite every file under this folder (a copy) without its markers, as the book shows it (make diff)")
	flag.Parse()
	if *strip != "" {
		if err := steps.StripTree(*strip); err != nil {
			fmt.Fprintln(os.Stderr, "steps:", err)
			os.Exit(2)
		}
		return
	}
	m, err := steps.ReadManifest(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "steps:", err)
		os.Exit(2)
	}
	bad := false
	for i, s := range m.Steps[:len(m.Steps)-1] {
		if *only != "" && s.Name != *only {
			continue
		}
		if *check {
			diffs, err := m.Diff(*root, i)
			if err != nil {
				fmt.Fprintln(os.Stderr, "steps:", err)
				os.Exit(2)
			}
			for _, d := range diffs {
				fmt.Println(d)
				bad = true
			}
			continue
		}
		if err := m.Write(*root, i); err != nil {
			fmt.Fprintln(os.Stderr, "steps:", err)
			os.Exit(2)
		}
		fmt.Printf("%s: %s\n", s.Dir, s.Page)
	}
	if bad {
		fmt.Println("steps: out of date; run make steps (and make golden REFRESH=1 for a missing recorded run)")
		os.Exit(1)
	}
}
