package gonode

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// setupConsole makes the global console: log, info and debug on
// standard output, error and warn on standard error, each one line
// formatted as Node's util.format does for the common cases.
func (n *node) setupConsole(set func(string, any)) {
	c := n.vm.NewObject()
	out := func(w io.Writer) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			_, _ = io.WriteString(w, n.format(call.Arguments)+"\n")
			return goja.Undefined()
		}
	}
	for _, name := range []string{"log", "info", "debug"} {
		_ = c.Set(name, out(n.stdout))
	}
	for _, name := range []string{"error", "warn", "trace"} {
		_ = c.Set(name, out(n.stderr))
	}
	set("console", c)
}

// format joins the arguments as console.log prints them: a first string
// with %s, %d, %i, %j or %o takes the next arguments; the rest are
// separated by spaces, strings as they are, other values inspected.
func (n *node) format(args []goja.Value) string {
	var b strings.Builder
	i := 0
	if len(args) > 0 {
		if s, ok := args[0].Export().(string); ok && strings.Contains(s, "%") {
			i = 1
			for j := 0; j < len(s); j++ {
				if s[j] != '%' || j+1 == len(s) {
					b.WriteByte(s[j])
					continue
				}
				verb := s[j+1]
				if verb == '%' {
					b.WriteByte('%')
					j++
					continue
				}
				if !strings.ContainsRune("sdifjoOc", rune(verb)) || i >= len(args) {
					b.WriteByte('%')
					continue
				}
				a := args[i]
				i++
				j++
				switch verb {
				case 's':
					if str, ok := a.Export().(string); ok {
						b.WriteString(str)
					} else {
						b.WriteString(n.inspect(a, 1))
					}
				case 'd', 'i':
					f := a.ToFloat()
					if verb == 'i' {
						f = float64(int64(f))
					}
					b.WriteString(n.vm.ToValue(f).String())
				case 'f':
					b.WriteString(n.vm.ToValue(a.ToFloat()).String())
				case 'j':
					j, err := n.vm.ToValue(a).ToObject(n.vm).MarshalJSON()
					if err != nil {
						b.WriteString("[Circular]")
					} else {
						b.Write(j)
					}
				case 'c':
				default:
					b.WriteString(n.inspect(a, 0))
				}
			}
		}
	}
	for ; i < len(args); i++ {
		if b.Len() > 0 || i > 0 {
			b.WriteByte(' ')
		}
		if s, ok := args[i].Export().(string); ok {
			b.WriteString(s)
		} else {
			b.WriteString(n.inspect(args[i], 0))
		}
	}
	return b.String()
}

// nullish returns "undefined" or "null" if v is that value (a nil v is
// undefined), else "": how Node's messages show the two.
func nullish(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	return ""
}

// inspect returns a value as Node's util.inspect shows it, for the
// common cases: primitives, errors (their stack), functions, arrays,
// Buffers and plain objects, two levels deep.
func (n *node) inspect(v goja.Value, depth int) string {
	if s := nullish(v); s != "" {
		return s
	}
	switch x := v.Export().(type) {
	case string:
		if depth > 0 {
			return "'" + strings.ReplaceAll(x, "'", "\\'") + "'"
		}
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64, float64:
		if f, ok := x.(float64); ok && f == 0 && 1/f < 0 {
			return "-0"
		}
		return v.String()
	}
	o, ok := v.(*goja.Object)
	if !ok {
		return v.String()
	}
	if _, isFn := goja.AssertFunction(v); isFn {
		name := o.Get("name").String()
		if name == "" {
			return "[Function (anonymous)]"
		}
		if strings.HasPrefix(n.vm.ToValue(o).String(), "class") {
			return "[class " + name + "]"
		}
		return "[Function: " + name + "]"
	}
	if n.isError(o) {
		return n.errorText(o)
	}
	if depth > 2 {
		if o.ClassName() == "Array" {
			return "[Array]"
		}
		return "[Object]"
	}
	if buf, ok := n.lib.Get("Buffer").(*goja.Object); ok && n.vm.InstanceOf(o, buf) {
		return n.inspectBuffer(o)
	}
	var parts []string
	switch o.ClassName() {
	case "Array":
		length := int(o.Get("length").ToInteger())
		for i := 0; i < length; i++ {
			parts = append(parts, n.inspect(o.Get(strconv.Itoa(i)), depth+1))
		}
		if len(parts) == 0 {
			return "[]"
		}
		return "[ " + strings.Join(parts, ", ") + " ]"
	case "Promise":
		return "Promise { ... }"
	}
	keys := o.Keys()
	if o.ClassName() == "Map" || o.ClassName() == "Set" {
		return fmt.Sprintf("%s(%s) {}", o.ClassName(), o.Get("size").String())
	}
	sort.SliceStable(keys, func(i, j int) bool { return false })
	for _, k := range keys {
		name := k
		if !isIdentifier(k) {
			name = "'" + k + "'"
		}
		parts = append(parts, name+": "+n.inspect(o.Get(k), depth+1))
	}
	prefix := ""
	if c, ok := o.Get("constructor").(*goja.Object); ok {
		if name := c.Get("name").String(); name != "Object" && name != "" {
			prefix = name + " "
		}
	}
	if len(parts) == 0 {
		return prefix + "{}"
	}
	return prefix + "{ " + strings.Join(parts, ", ") + " }"
}

// inspectBuffer shows a Buffer as Node does: <Buffer 68 69>.
func (n *node) inspectBuffer(o *goja.Object) string {
	length := int(o.Get("length").ToInteger())
	var b strings.Builder
	b.WriteString("<Buffer")
	for i := 0; i < length && i < 50; i++ {
		fmt.Fprintf(&b, " %02x", o.Get(strconv.Itoa(i)).ToInteger())
	}
	if length > 50 {
		fmt.Fprintf(&b, " ... %d more bytes", length-50)
	}
	return b.String() + ">"
}

// isIdentifier says whether a key prints without quotes.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r == '$' || (r|0x20 >= 'a' && r|0x20 <= 'z') || (i > 0 && r >= '0' && r <= '9') {
			continue
		}
		return false
	}
	return true
}
