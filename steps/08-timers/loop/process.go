// ANCHOR: process

package loop

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// This file is Node's process object, the part of it a runtime owns:
// the state of the process struct, and the warnings Node prints on
// stderr.

// process is the runtime's share of Node's process object; Runtime
// embeds it. Loop thread only.
type process struct {
	stderr io.Writer // where warnings go; nil means os.Stderr
}

// ANCHOR_END: process

// ANCHOR: warn

// warn prints a process warning on stderr the way Node does:
// "(name:pid) Kind: message", name being the program's.
func (rt *Runtime) warn(kind, message string) {
	w := rt.stderr
	if w == nil {
		w = os.Stderr
	}
	fmt.Fprintf(w, "(%s:%d) %s: %s\n", filepath.Base(os.Args[0]), os.Getpid(), kind, message)
}

// SetWarningOutput sets where the runtime prints its warnings (such as
// TimeoutOverflowWarning); nil means os.Stderr, the default. Loop thread
// only.
func (rt *Runtime) SetWarningOutput(w io.Writer) { rt.stderr = w }

// ANCHOR_END: warn
