package site

import (
	"reflect"
	"testing"
)

func TestAddedLines(t *testing.T) {
	for _, tc := range []struct {
		old, cur string
		want     []int
	}{
		{"a\nb\nc\n", "a\nb\nc\n", nil},
		{"a\nc\n", "a\nb\nc\nd\n", []int{2, 4}},
		{"", "x\ny\n", []int{1, 2}},
		{"a\nb\n", "b\n", nil},
		{"a\nb\n", "a\nB\n", []int{2}},
	} {
		if got := AddedLines(tc.old, tc.cur); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("AddedLines(%q, %q) = %v, want %v", tc.old, tc.cur, got, tc.want)
		}
	}
}

func TestRecordedRunsAreNotMarked(t *testing.T) {
	for file, want := range map[string]bool{
		"chapters/04-modules/output.txt":         true,
		"final/node/go-main-output.txt":          true,
		"chapters/04-modules/trace.spec":         false,
		"chapters/04-modules/main.go":            false,
		"chapters/04-modules/testdata/out.txtar": false,
	} {
		if got := isRecordedRun(file); got != want {
			t.Errorf("isRecordedRun(%q) = %v, want %v", file, got, want)
		}
	}
}
