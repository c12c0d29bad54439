package coverage

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStepLinesCountAsFinals(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"final/p/p.go":         "package p\n\nimport _ \"github.com/nodeexperiment/gonode/final/q\"\n\nfunc A() {}\n\nfunc B() {}\n",
		"steps/05-x/p/p.go":    "package p\n\nimport _ \"github.com/nodeexperiment/gonode/steps/05-x/q\"\n\nfunc Old() {}\n\nfunc B() {}\n",
		"steps/05-x/p/only.go": "package p\n",
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
	m := newStepMap(root)
	file, lines, err := m.toFinal(filepath.Join(root, "steps/05-x/p/p.go"), []int{3, 5, 7})
	if err != nil {
		t.Fatal(err)
	}
	if file != filepath.Join(root, "final/p/p.go") {
		t.Errorf("file %s", file)
	}
	// Line 3 (the import, read as final/'s) and 7 (B) are final/'s 3 and
	// 7; line 5 (Old) is not in final/.
	if len(lines) != 2 || lines[0] != 3 || lines[1] != 7 {
		t.Errorf("lines %v, want [3 7]", lines)
	}
	// A file final/ lacks, and a file in no step, stay as they are.
	if f, _, _ := m.toFinal(filepath.Join(root, "steps/05-x/p/only.go"), []int{1}); f != filepath.Join(root, "steps/05-x/p/only.go") {
		t.Errorf("a step-only file mapped to %s", f)
	}
	if f, _, _ := m.toFinal(filepath.Join(root, "final/p/p.go"), []int{1}); f != filepath.Join(root, "final/p/p.go") {
		t.Errorf("final's own file mapped to %s", f)
	}
}
