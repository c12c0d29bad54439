package lint

import (
	"strings"
	"testing"
)

func lines(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString("x := 1\n")
	}
	return b.String()
}

func TestPastedGo(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"short pasted block", "```go\n" + lines(5) + "```\n", nil},
		{"long pasted block", "# T\n\ntext\n\n```go\n" + lines(6) + "```\n", []string{"ch.md:5: ```go block has 6 pasted lines (more than 5)"}},
		{"included", "```go\n{{#include ../code/main.go:loop}}\n```\n", nil},
		{"spaced directive", "```go\n{{ #include ../code/main.go }}\n```\n", nil},
		{"several includes", "```go\n{{#include a.go:x}}\n\n{{#include a.go:y}}\n{{#include a.go:z}}\n{{#include a.go:w}}\n\n```\n", nil},
		{"include plus too much pasted", "```go\n{{#include a.go:x}}\n" + lines(6) + "```\n", []string{"ch.md:1: ```go block has 6 pasted lines"}},
		{"blank edges do not count", "```go\n\n\n" + lines(5) + "\n\n```\n", nil},
		{"attributes after a comma", "```go,ignore\n" + lines(7) + "```\n", []string{"ch.md:1: ```go block has 7 pasted lines"}},
		{"golang", "~~~golang\n" + lines(6) + "~~~\n", []string{"ch.md:1:"}},
		{"escaped directive is pasted text", "```go\n" + strings.Repeat("\\{{#include a.go}}\n", 6) + "```\n", []string{"ch.md:1:"}},
		{"other languages", "```console\n" + lines(20) + "```\n\n```\n" + lines(20) + "```\n", nil},
		{"inside a list", "- item\n\n  ```go\n" + strings.ReplaceAll(lines(6), "x", "  x") + "  ```\n", []string{"ch.md:3:"}},
		{"unclosed fence runs to the end", "```go\n" + lines(8), []string{"ch.md:1:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := PastedGo("ch.md", []byte(tt.src), MaxPastedGoLines)
			if len(probs) != len(tt.want) {
				t.Fatalf("got %v, want %d problems", probs, len(tt.want))
			}
			for i, p := range probs {
				if !strings.HasPrefix(p.String(), tt.want[i]) {
					t.Errorf("got %q, want prefix %q", p.String(), tt.want[i])
				}
			}
		})
	}
}
