package js

import "testing"

func TestValues(t *testing.T) {
	if s, ok := String("hi").AsString(); !ok || s != "hi" {
		t.Errorf("String(\"hi\").AsString() = %q, %v", s, ok)
	}
	if _, ok := Int(3).AsString(); ok {
		t.Error("a number claims to be a string")
	}
	if n, ok := Int(42).AsInt(); !ok || n != 42 {
		t.Errorf("Int(42).AsInt() = %d, %v", n, ok)
	}
	if _, ok := String("4").AsInt(); ok {
		t.Error("a string claims to be a number")
	}
	if !Undefined.IsUndefined() || Int(0).IsUndefined() {
		t.Error("IsUndefined is wrong")
	}
	for v, want := range map[Value]string{Undefined: "undefined", String("a b"): "a b", Int(-7): "-7"} {
		if got := v.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}
