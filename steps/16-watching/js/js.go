// ANCHOR: doc

// Package js holds Value, a value as a JavaScript callback would see it.
//
// Errors are not Values. The runtime's callbacks are error-first, as in
// Node: func(err error, v Value). The error comes first in the signature,
// so every callback has to name it, and a Go reader recognises the pair
// (in the other order) from every function that returns (T, error).
// A Value that could also be an error would let a callback that only
// asks for the string forget the error case without a word from the
// compiler. Values are immutable and safe to share between goroutines.
package js

import "strconv"

// ANCHOR_END: doc

// ANCHOR: value

// Value is undefined, a string or a number. The zero Value is undefined.
// A Value never changes once made, so it and its methods are safe from
// any goroutine.
type Value struct {
	kind kind
	str  string
	num  int
}

type kind int

const (
	undefined kind = iota
	str
	num
)

// Undefined is JavaScript's undefined, the zero Value.
var Undefined = Value{}

// String returns a Value that holds s.
func String(s string) Value { return Value{kind: str, str: s} }

// Int returns a Value that holds the number n.
func Int(n int) Value { return Value{kind: num, num: n} }

// AsString returns the string v holds; ok is false if v is not a string.
func (v Value) AsString() (s string, ok bool) { return v.str, v.kind == str }

// AsInt returns the number v holds; ok is false if v is not a number.
func (v Value) AsInt() (n int, ok bool) { return v.num, v.kind == num }

// IsUndefined reports whether v is undefined.
func (v Value) IsUndefined() bool { return v.kind == undefined }

// String returns v as JavaScript would print it.
func (v Value) String() string {
	switch v.kind {
	case str:
		return v.str
	case num:
		return strconv.Itoa(v.num)
	}
	return "undefined"
}

// ANCHOR_END: value
