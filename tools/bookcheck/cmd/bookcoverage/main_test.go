package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

const root = "../../../.."

func TestTable(t *testing.T) {
	var out, errs bytes.Buffer
	if err := run([]string{"-C", root}, &out, &errs); err != nil {
		t.Fatalf("run: %v\n%s", err, errs.String())
	}
	for _, want := range []string{"final/loop/loop.go", "package ", "final/minimio ", "total "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, out.String())
		}
	}
}

func TestMinFails(t *testing.T) {
	var out, errs bytes.Buffer
	err := run([]string{"-C", root, "-min", "100.1"}, &out, &errs)
	if err == nil || !strings.Contains(err.Error(), "below the minimum of 100.1 %") {
		t.Errorf("-min 100.1: %v, want an error", err)
	}
}

func TestFile(t *testing.T) {
	var out, errs bytes.Buffer
	if err := run([]string{"-C", root, "-min", "0", "-file", "final/loop/timers.go"}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "final/loop/timers.go: ") || strings.Contains(out.String(), "total") {
		t.Errorf("-file final/loop/timers.go printed:\n%s", out.String())
	}
	err := run([]string{"-C", root, "-file", "final/loop/nosuch.go"}, &out, &errs)
	if err == nil || !strings.Contains(err.Error(), "not a file of the runtime's scope") {
		t.Errorf("-file of an unknown file: %v", err)
	}
	if err := run([]string{"-C", root, "extra"}, &out, &errs); !errors.Is(err, errUsage) {
		t.Errorf("an extra argument: %v, want a usage error", err)
	}
}
