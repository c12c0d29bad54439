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
