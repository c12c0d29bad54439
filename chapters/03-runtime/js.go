package main

import "strconv"

// ANCHOR: js

// Js is a value as a JavaScript callback would see it: undefined, a
// string or a number. Pool tasks return one and callbacks receive one.
type Js struct {
	kind jsKind
	str  string
	num  int
}

type jsKind int

const (
	jsUndefined jsKind = iota
	jsString
	jsInt
)

// Undefined is JavaScript's undefined, the zero Js.
var Undefined = Js{}

// JsString returns a Js string.
func JsString(s string) Js { return Js{kind: jsString, str: s} }

// JsInt returns a Js number.
func JsInt(n int) Js { return Js{kind: jsInt, num: n} }

// AsString returns the string a Js string holds; ok is false for any other
// kind, as the original's into_string returned None.
func (v Js) AsString() (s string, ok bool) { return v.str, v.kind == jsString }

// AsInt returns the number a Js number holds; ok is false for any other
// kind.
func (v Js) AsInt() (n int, ok bool) { return v.num, v.kind == jsInt }

// ANCHOR_END: js

// ANCHOR: string

// String returns the value as JavaScript would print it.
func (v Js) String() string {
	switch v.kind {
	case jsString:
		return v.str
	case jsInt:
		return strconv.Itoa(v.num)
	}
	return "undefined"
}

// ANCHOR_END: string
