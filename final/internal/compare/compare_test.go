package compare

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWarningsDropHeadersAndAdvice(t *testing.T) {
	stderr := "(node:4242) TimeoutOverflowWarning: 2147483648 does not fit into a 32-bit signed integer.\n" +
		"Timeout duration was set to 1.\n" +
		"(Use `node --trace-warnings ...` to show where the warning was created)\n" +
		"not a warning\n"
	want := []string{"TimeoutOverflowWarning: 2147483648 does not fit into a 32-bit signed integer. / Timeout duration was set to 1."}
	if got := Warnings(stderr); !slices.Equal(got, want) {
		t.Fatalf("Warnings = %q, want %q", got, want)
	}
	if got := Warnings(strings.Replace(stderr, "node:4242", "gonode:7", 1)); !slices.Equal(got, want) {
		t.Fatalf("another program name and pid: Warnings = %q, want %q", got, want)
	}
	if got := Lines(""); got != nil {
		t.Fatalf("Lines(\"\") = %q, want none", got)
	}
}

func TestDiff(t *testing.T) {
	node := Run{Stdout: []string{"a", "b"}, Warnings: []string{"W: x"}}
	for _, c := range []struct {
		name            string
		got             Run
		asSet, warnings bool
		differs         bool
	}{
		{"same", node, false, true, false},
		{"order", Run{Stdout: []string{"b", "a"}, Warnings: node.Warnings}, false, false, true},
		{"order as a set", Run{Stdout: []string{"b", "a"}}, true, false, false},
		{"exit status", Run{Stdout: node.Stdout, Code: 1}, false, false, true},
		{"warnings unchecked", Run{Stdout: node.Stdout}, false, false, false},
		{"warnings", Run{Stdout: node.Stdout}, false, true, true},
	} {
		msg := Diff(c.name, "Go", node, c.got, c.asSet, c.warnings)
		if (msg != "") != c.differs {
			t.Errorf("%s: Diff says %q, want a difference: %v", c.name, msg, c.differs)
		}
	}
	if msg := Diff("none", "Go", Run{}, Run{}, false, true); msg == "" {
		t.Error("Diff passes a warnings case in which node did not warn")
	}
}

func TestProgramReportsExitStatusAndLimit(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "COMPARE_HELPER=exit3")
	r, err := Program(time.Minute, "", env, exe, "-test.run=TestHelper")
	if err != nil || r.Code != 3 || !slices.Equal(r.Stdout, []string{"out"}) {
		t.Fatalf("Program = %+v, %v; want exit status 3 and the line \"out\"", r, err)
	}
	env = append(os.Environ(), "COMPARE_HELPER=hang")
	if r, err := Program(200*time.Millisecond, "", env, exe, "-test.run=TestHelper"); err != nil || r.Code != -1 {
		t.Fatalf("a program past its limit: Program = %+v, %v; want Code -1", r, err)
	}
}

// TestHelper is the child of TestProgramReportsExitStatusAndLimit.
func TestHelper(t *testing.T) {
	switch os.Getenv("COMPARE_HELPER") {
	case "exit3":
		os.Stdout.WriteString("out\n")
		os.Exit(3)
	case "hang":
		time.Sleep(time.Hour)
	}
}
