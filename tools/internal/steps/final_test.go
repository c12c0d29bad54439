package steps

import "testing"

func TestFinalLeavesTheMarkersOut(t *testing.T) {
	src := "package p\n\nimport \"os\" //step:b\n\n//step:begin b\nvar X = os.Args\n//step:end b\n\nfunc F() {\n\t//step:before c\n\t// old()\n\t//step:end c\n\tnew()\n}\n"
	want := "package p\n\nimport \"os\"\n\nvar X = os.Args\n\nfunc F() {\n\tnew()\n}\n"
	if got := string(Final([]byte(src))); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
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
