package gonode

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

// This file prints what ends a run the way Node prints it: where it
// happened (file:line, the line, a caret), the error's stack with
// file:line:column frames, and a last line naming the runtime.

// isError says whether o is an Error (its prototype chain has
// Error.prototype).
func (n *node) isError(o *goja.Object) bool {
	ctor, ok := n.vm.GlobalObject().Get("Error").(*goja.Object)
	return ok && n.vm.InstanceOf(o, ctor)
}

// gojaFrame matches a frame of goja's stack text: "\tat name
// (file:line:col(pc))" or "\tat file:line:col(pc)".
var gojaFrame = regexp.MustCompile(`^\s*at (?:(.*) \()?(.*?):(\d+):(\d+)(?:\(\d+\))?\)?$`)

// errorText returns an error's stack as Node prints it: its first line
// ("Name [code]: message"), then "    at" frames.
func (n *node) errorText(o *goja.Object) string {
	name := o.Get("name").String()
	msg := o.Get("message").String()
	head := name
	code := o.Get("code")
	if code != nil && !goja.IsUndefined(code) && strings.HasPrefix(code.String(), "ERR_") && name != "UnhandledPromiseRejection" {
		head += " [" + code.String() + "]"
	}
	if msg != "" {
		head += ": " + msg
	}
	var b strings.Builder
	b.WriteString(head)
	stack := ""
	if s := o.Get("stack"); s != nil && !goja.IsUndefined(s) {
		stack = s.String()
	}
	frames := 0
	for _, line := range strings.Split(stack, "\n") {
		m := gojaFrame.FindStringSubmatch(line)
		if m == nil || strings.HasPrefix(m[2], "gonode:") {
			continue
		}
		b.WriteString("\n    at " + n.frameText(m[1], m[2], m[3], m[4]))
		frames++
	}
	if code != nil && !goja.IsUndefined(code) {
		if frames == 0 {
			b.WriteString("\n") // the headline stays a line of its own
		} else {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "{\n  code: %s\n}", n.inspect(code, 1))
	}
	return b.String()
}

// frameText is one frame as Node prints it, the column on a file's first
// line corrected for the module wrapper.
func (n *node) frameText(fn, file, line, col string) string {
	pos := file + ":" + line + ":" + n.column(file, line, col)
	if fn == "" {
		return pos
	}
	return fn + " (" + pos + ")"
}

// column corrects a column on line 1 of a wrapped file.
func (n *node) column(file, line, col string) string {
	c, err := strconv.Atoi(col)
	if _, wrapped := n.source[file]; err == nil && wrapped && line == "1" && c > len(wrapperHead) {
		return strconv.Itoa(c - len(wrapperHead))
	}
	return col
}

// location returns where an uncaught value was thrown: the first frame
// with a file of the exception, or of the error's stack.
func (n *node) location(v goja.Value, ex *goja.Exception) (file string, line, col int, ok bool) {
	if ex != nil {
		for _, f := range ex.Stack() {
			p := f.Position()
			if _, known := n.source[p.Filename]; known && p.Line > 0 {
				c, _ := strconv.Atoi(n.column(p.Filename, strconv.Itoa(p.Line), strconv.Itoa(p.Column)))
				return p.Filename, p.Line, c, true
			}
		}
	}
	if o, isObj := v.(*goja.Object); isObj && n.isError(o) {
		for _, l := range strings.Split(o.Get("stack").String(), "\n") {
			if m := gojaFrame.FindStringSubmatch(l); m != nil {
				if _, known := n.source[m[2]]; known {
					line, _ := strconv.Atoi(m[3])
					c, _ := strconv.Atoi(n.column(m[2], m[3], m[4]))
					return m[2], line, c, true
				}
			}
		}
	}
	return "", 0, 0, false
}

// printFatal prints an uncaught value as Node does, once per run.
func (n *node) printFatal(v goja.Value, ex *goja.Exception) {
	if n.fatalShown {
		return
	}
	n.fatalShown = true
	var b strings.Builder
	if file, line, col, ok := n.location(v, ex); ok {
		n.writeSourceLine(&b, file, line, col)
	}
	if o, isObj := v.(*goja.Object); isObj && n.isError(o) {
		b.WriteString(n.errorText(o) + "\n")
	} else {
		b.WriteString(n.inspect(v, 0) + "\n")
	}
	b.WriteString("\n" + trailer + "\n")
	_, _ = io.WriteString(n.stderr, b.String())
}

// writeSourceLine writes "file:line", the line, and a caret under col.
func (n *node) writeSourceLine(b *strings.Builder, file string, line, col int) {
	lines := strings.Split(n.source[file], "\n")
	if line > len(lines) { // the end of input, on the wrapper's last line
		line = len(lines)
	}
	fmt.Fprintf(b, "%s:%d\n", file, line)
	if line >= 1 && line <= len(lines) {
		text := strings.TrimRight(lines[line-1], "\r")
		b.WriteString(text + "\n")
		if col < 1 {
			col = 1
		}
		b.WriteString(strings.Repeat(" ", col-1) + "^\n")
	}
	b.WriteString("\n")
}

// syntaxError prints a script that does not compile as Node does: where,
// the line, a caret, "SyntaxError: message".
func (n *node) syntaxError(err error) {
	var b strings.Builder
	var se *goja.CompilerSyntaxError
	var list parser.ErrorList
	msg := err.Error()
	if errors.As(err, &list) && len(list) > 0 {
		msg = list[0].Message
		p := list[0].Position
		col, _ := strconv.Atoi(n.column(p.Filename, strconv.Itoa(p.Line), strconv.Itoa(p.Column)))
		n.writeSourceLine(&b, p.Filename, p.Line, col)
	} else if errors.As(err, &se) {
		msg = se.Message
		if se.File != nil {
			p := se.File.Position(se.Offset)
			col, _ := strconv.Atoi(n.column(p.Filename, strconv.Itoa(p.Line), strconv.Itoa(p.Column)))
			n.writeSourceLine(&b, p.Filename, p.Line, col)
		}
	}
	b.WriteString("SyntaxError: " + msg + "\n\n" + trailer + "\n")
	_, _ = io.WriteString(n.stderr, b.String())
}

// rejectionError is what an unhandled rejection is reported as: the
// reason if it is an Error, else Node's UnhandledPromiseRejection error
// that quotes it.
func (n *node) rejectionError(reason goja.Value) goja.Value {
	if o, ok := reason.(*goja.Object); ok && n.isError(o) {
		return reason
	}
	e := n.vm.NewGoError(errors.New("This error originated either by throwing inside of an async function " +
		"without a catch block, or by rejecting a promise which was not handled with .catch(). " +
		"The promise rejected with the reason \"" + n.inspect(reason, 1) + "\"."))
	_ = e.Set("name", "UnhandledPromiseRejection")
	_ = e.Set("code", "ERR_UNHANDLED_REJECTION")
	return e
}
