package steps

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFinalLeavesTheMarkersOut(t *testing.T) {
	src := "package p\n\nimport \"os\" //step:b\n\n//step:begin b\nvar X = os.Args\n//step:end b\n\nfunc F() {\n\t//step:before c\n\t// old()\n\t//step:end c\n\tnew()\n}\n"
	want := "package p\n\nimport \"os\"\n\nvar X = os.Args\n\nfunc F() {\n\tnew()\n}\n"
	if got := string(Final([]byte(src))); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// A marker between blank lines leaves one blank line, as gofmt
	// leaves in the steps; blank lines that were side by side stay.
	spaced := "package p\n\n//step:begin b\n\nvar X = 1\n\n//step:end b\n\nvar Y = 2\n\n\nvar Z = 3\n"
	wantSpaced := "package p\n\nvar X = 1\n\nvar Y = 2\n\n\nvar Z = 3\n"
	if got := string(Final([]byte(spaced))); got != wantSpaced {
		t.Errorf("got:\n%q\nwant:\n%q", got, wantSpaced)
	}
	plain := "no markers // at all\n"
	if got := string(Final([]byte(plain))); got != plain {
		t.Errorf("a file without markers changed: %q", got)
	}
}

func TestDropUnusedImports(t *testing.T) {
	src := "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\tst \"strings\"\n\t_ \"embed\"\n\t\"github.com/x/y/v2/js\"\n\t\"math/rand/v2\"\n)\n\nvar _ = fmt.Sprint(st.ToUpper(\"\"), rand.N(2))\n"
	want := "package p\n\nimport (\n\t\"fmt\"\n\tst \"strings\"\n\t_ \"embed\"\n\t\"math/rand/v2\"\n)\n\nvar _ = fmt.Sprint(st.ToUpper(\"\"), rand.N(2))\n"
	got, err := dropUnusedImports([]byte(src))
	if err != nil || string(got) != want {
		t.Errorf("got %v:\n%s\nwant:\n%s", err, got, want)
	}
}

func TestStripTreeRewritesOnlyMarkedFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string][2]string{ // name: what it holds, what it must hold after
		"a/p.go":    {"package p\n\nvar A = 1 //step:b\n//step:before b\n// var A = 0\n//step:end b\n", "package p\n\nvar A = 1\n"},
		"a/t.spec":  {"#step:begin b\nline\n#step:end b\nother\n", "line\nother\n"},
		"plain.txt": {"no markers\n", "no markers\n"},
	}
	for name, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f[0]), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	if err := StripTree(dir); err != nil {
		t.Fatal(err)
	}
	for name, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != f[1] {
			t.Errorf("%s: got %q, want %q", name, got, f[1])
		}
	}
}
