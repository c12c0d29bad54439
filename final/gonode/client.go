package gonode

import (
	"errors"

	"github.com/dop251/goja"
)

// errNoConnect is what net.connect throws until final/loop has a client
// connection in its public API.
const errNoConnect = "gonode: net.connect needs a client connection on the loop, which final/loop's public API does not have yet"

// connect is net.connect's half in Go. final/loop's public API has no
// client connection yet, so it throws at once: a script that connects
// ends with a clear error rather than waiting on a socket that never
// comes.
func (n *node) connect(host string, port int, cb goja.Callable) *goja.Object {
	e := n.vm.NewGoError(errors.New(errNoConnect))
	_ = e.Set("name", "Error")
	_ = e.Set("code", "ERR_GONODE_NO_CONNECT")
	panic(e)
}
