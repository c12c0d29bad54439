//step:file streams

//go:build !linux

package loop

import (
	"errors"
	"net"
)

// listenBacklog0 is Linux only: elsewhere a full queue may refuse a
// connect at once rather than make it wait.
func listenBacklog0() (net.Listener, error) {
	return nil, errors.New("only on Linux")
}
