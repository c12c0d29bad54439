package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixture = "../../testdata/fixture"

func TestRunBuild(t *testing.T) {
	for _, args := range [][]string{
		{"build", "-C", fixture, "-d", "OUT"},
		{"build", fixture, "--dest-dir", "OUT"},
		{"build", "--config", "mdbook.toml", "-d", "OUT", fixture},
	} {
		out := filepath.Join(t.TempDir(), "site")
		for i, a := range args {
			if a == "OUT" {
				args[i] = out
			}
		}
		var stdout, stderr bytes.Buffer
		if err := run(args, &stdout, &stderr); err != nil {
			t.Fatalf("run %q: %v\n%s", args, err, stderr.String())
		}
		if !strings.Contains(stdout.String(), "wrote 9 pages to "+out) {
			t.Errorf("run %q printed %q", args, stdout.String())
		}
		if _, err := os.Stat(filepath.Join(out, "poll.html")); err != nil {
			t.Errorf("run %q: %v", args, err)
		}
	}
}

func TestRunCheck(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run([]string{"check", "-C", fixture}, &stdout, &stderr); err != nil {
		t.Fatalf("check: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "6 chapters checked") {
		t.Errorf("check printed %q", stdout.String())
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		args  []string
		usage bool
		want  string
	}{
		{nil, true, "usage: mdbook"},
		{[]string{"frob"}, true, `unknown command "frob"`},
		{[]string{"build", "-x"}, true, "flag provided but not defined: -x"},
		{[]string{"build", "a", "b"}, true, "at most one book directory"},
		{[]string{"build", "-C", "a", "b"}, true, "either with -C or as an argument"},
		{[]string{"build", "-C", t.TempDir()}, false, "no mdbook.toml or book.toml in"},
		{[]string{"check", "-C", fixture, "--config", "missing.toml"}, false, "missing.toml: no such file"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		err := run(tt.args, &stdout, &stderr)
		if err == nil {
			t.Errorf("run %q succeeded", tt.args)
			continue
		}
		if errors.Is(err, errUsage) != tt.usage {
			t.Errorf("run %q: usage error = %v, want %v (%v)", tt.args, errors.Is(err, errUsage), tt.usage, err)
		}
		if msg := err.Error() + stderr.String(); !strings.Contains(msg, tt.want) {
			t.Errorf("run %q: output %q does not contain %q", tt.args, msg, tt.want)
		}
	}
}
