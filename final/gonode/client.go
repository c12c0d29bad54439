package gonode

import (
	"errors"

	"github.com/dop251/goja"
)

// connect is net.connect's half in Go. It needs a client connection on
// the loop, which loop's public API does not have yet.
func (n *node) connect(host string, port int, cb goja.Callable) *goja.Object {
	o := n.vm.NewObject()
	_ = o.Set("ref", func() {})
	_ = o.Set("unref", func() {})
	n.rt.AddPending(func() {
		n.scope(func() {
			n.callOrReport(cb, goja.Undefined(), []goja.Value{n.nodeError(errors.New("gonode: net.connect is not implemented yet"), "connect")})
		})
	})
	return o
}
