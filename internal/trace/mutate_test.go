package trace

import "testing"

func TestSwapLines(t *testing.T) {
	for _, c := range []struct{ in, a, b, want string }{
		{"x\ny\nz", "x", "z", "z\ny\nx"},
		{"x\ny\nz", "z", "x", "z\ny\nx"},
		{"x\ny\nz", "x", "nope", "x\ny\nz"},
		{"x1\nx2\ny", "x", "y", "y\nx2\nx1"}, // the first match of each
	} {
		if got := SwapLines(c.in, c.a, c.b); got != c.want {
			t.Errorf("SwapLines(%q, %q, %q) = %q, want %q", c.in, c.a, c.b, got, c.want)
		}
	}
}

func TestDropLine(t *testing.T) {
	for _, c := range []struct{ in, s, want string }{
		{"x\ny\nz", "y", "x\nz"},
		{"x\ny\ny", "y", "x\ny"},
		{"x\ny", "nope", "x\ny"},
	} {
		if got := DropLine(c.in, c.s); got != c.want {
			t.Errorf("DropLine(%q, %q) = %q, want %q", c.in, c.s, got, c.want)
		}
	}
}
