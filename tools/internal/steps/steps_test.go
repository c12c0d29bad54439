package steps

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testManifest = `
a  steps/01-a  book/a.md  p
b  steps/02-b  book/b.md  q.txt
c  final       book/c.md
`

func manifest(t *testing.T) *Manifest {
	t.Helper()
	m, err := ParseManifest(testManifest)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCutKeepsEachStepsLines(t *testing.T) {
	m := manifest(t)
	src := `package p

import (
	"fmt"
	"os" //step:b
)

//step:begin b

// B is new in step b.
func B() { fmt.Println(os.Args) }

//step:end b

func F() {
	//step:before c
	// fmt.Println("old")
	//step:end c
	//step:begin c
	fmt.Println("new")
	//step:end c
}
`
	want := []string{
		0: "package p\n\nimport (\n\t\"fmt\"\n)\n\n\nfunc F() {\n\tfmt.Println(\"old\")\n}\n",
		1: "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\n\n// B is new in step b.\nfunc B() { fmt.Println(os.Args) }\n\n\nfunc F() {\n\tfmt.Println(\"old\")\n}\n",
		2: "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\n\n// B is new in step b.\nfunc B() { fmt.Println(os.Args) }\n\n\nfunc F() {\n\tfmt.Println(\"new\")\n}\n",
	}
	for i, w := range want {
		got, ok, err := m.Cut("p/p.go", []byte(src), i)
		if err != nil || !ok {
			t.Fatalf("step %d: %v, %v", i, ok, err)
		}
		if string(got) != w {
			t.Errorf("step %d:\n%s\nwant:\n%s", i, got, w)
		}
	}
}

func TestCutDropsAFileBeforeItsStep(t *testing.T) {
	m := manifest(t)
	for i, want := range []bool{false, true, true} {
		_, ok, err := m.Cut("t.spec", []byte("#step:file b\nmain: x\n"), i)
		if err != nil {
			t.Fatal(err)
		}
		if ok != want {
			t.Errorf("step %d: file kept = %v, want %v", i, ok, want)
		}
	}
}

func TestCutRejectsBadMarkers(t *testing.T) {
	m := manifest(t)
	for name, src := range map[string]string{
		"unknown step":   "//step:begin z\n//step:end z\n",
		"unended":        "//step:begin b\nx\n",
		"crossed":        "//step:begin b\n//step:begin c\n//step:end b\n//step:end c\n",
		"stray end":      "//step:end b\n",
		"bad kind":       "//step:after b\n",
		"not commented":  "//step:before b\nx := 1\n//step:end b\n",
		"nested before":  "//step:before c\n//step:before b\n//step:end b\n//step:end c\n",
		"trailing typo":  "x := 1 //step:zz\n",
		"marker no name": "//step:begin\n",
	} {
		if _, _, err := m.Cut("x.go", []byte(src), 0); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestManifestRules(t *testing.T) {
	for name, text := range map[string]string{
		"empty":          "# nothing\n",
		"last not final": "a steps/01-a p.md\n",
		"twice":          "a steps/01-a p.md\na final q.md\n",
		"not in steps":   "a other/01-a p.md\nb final q.md\n",
		"short":          "a steps/01-a\nb final q.md\n",
	} {
		if _, err := ParseManifest(text); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestGenerateWriteAndCheck writes a small tree's steps, finds them in
// sync, then changes final/ and a step and finds both.
func TestGenerateWriteAndCheck(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"steps/steps.txt":    testManifest,
		"final/p/p.go":       "package p\n\nimport _ \"" + Module + "/final/q\" //step:b\n\n// Run is run with go run ./final/p.\nfunc Run() {}\n",
		"final/p/trace.spec": "#step:begin b\nmain: b\n#step:end b\nmain: a\n",
		"final/p/output.txt": "final's own run\n",
		"final/q.txt":        "q\n",
		"final/r.go":         "package r\n",
	}
	for p, c := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	m, err := ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := m.Write(root, i); err != nil {
			t.Fatal(err)
		}
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got := read("steps/01-a/p/trace.spec"); got != "main: a\n" {
		t.Errorf("step a's spec: %q", got)
	}
	if got := read("steps/02-b/p/p.go"); !strings.Contains(got, Module+"/steps/02-b/q") || !strings.Contains(got, "go run ./steps/02-b/p") {
		t.Errorf("step b's p.go does not point at the step:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(root, "steps/02-b/p/output.txt")); err == nil {
		t.Error("a recorded run was copied from final/")
	}
	if _, err := os.Stat(filepath.Join(root, "steps/01-a/q.txt")); err == nil {
		t.Error("step a holds q.txt, which step b adds")
	}
	// Without a recorded run beside the spec of its own example, the
	// check of step a says so; step b, which only carries the example
	// on, needs none and may hold none.
	diffs, _ := m.Diff(root, 0)
	if len(diffs) != 1 || !strings.Contains(diffs[0], "recorded run") {
		t.Errorf("diffs without a recorded run: %q", diffs)
	}
	for _, d := range []string{"steps/01-a", "steps/02-b"} {
		if err := os.WriteFile(filepath.Join(root, d, "p/output.txt"), []byte("its run\n"), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	if diffs, _ := m.Diff(root, 1); len(diffs) != 1 || !strings.Contains(diffs[0], "earlier step's example") {
		t.Errorf("step b with a run of step a's example: %q", diffs)
	}
	for i := range 2 {
		if err := m.Write(root, i); err != nil {
			t.Fatal(err)
		}
		if diffs, err := m.Diff(root, i); err != nil || len(diffs) != 0 {
			t.Fatalf("step %d after writing: %q, %v", i, diffs, err)
		}
	}
	if got := read("steps/01-a/p/output.txt"); got != "its run\n" {
		t.Errorf("step a's recorded run was overwritten: %q", got)
	}
	// A change in final/ and an edit in a step both put it out of sync.
	if err := os.WriteFile(filepath.Join(root, "final/p/p.go"), []byte("package p\n\nvar X = 1\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "steps/02-b/extra.go"), []byte("package r\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	diffs, err = m.Diff(root, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) != 2 {
		t.Errorf("want p.go differing and extra.go not in the step, got %q", diffs)
	}
	// Writing again brings it back.
	if err := m.Write(root, 1); err != nil {
		t.Fatal(err)
	}
	if diffs, _ := m.Diff(root, 1); len(diffs) != 0 {
		t.Errorf("after writing again: %q", diffs)
	}
}

// TestStepsInSync holds this repository's steps/ to final/ and its
// markers: run make steps after changing either.
func TestStepsInSync(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	m, err := ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Steps[:len(m.Steps)-1] {
		diffs, err := m.Diff(root, i)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffs {
			t.Error(d)
		}
	}
}
