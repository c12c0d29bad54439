// Command rawget sends three GETs to the delay server at once and reads
// every answer without blocking, event by event, to the end of its
// connection: a plain answer, the same answer cut into pieces with
// pauses between them, and a chunked one. Each callback gets the bytes
// as they came and prints how many there were and the first line.
//
//	go run ./steps/17-uring/examples/rawget
package main

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/nodeexperiment/gonode/steps/17-uring/console"
	"github.com/nodeexperiment/gonode/steps/17-uring/http"
	"github.com/nodeexperiment/gonode/steps/17-uring/internal/program"
	"github.com/nodeexperiment/gonode/steps/17-uring/js"
	"github.com/nodeexperiment/gonode/steps/17-uring/loop"
)

func init() { runtime.LockOSThread() }

// ANCHOR: main
func main() {
	program.Exit(program.Run(func(rt *loop.Runtime, server string) {
		get := func(name, query string) {
			console.Log("GET " + name)
			http.GetSlow(rt, server, "example.com/"+query, 20, func(err error, answer js.Value) {
				if err != nil {
					console.Log(name + ": error: " + err.Error())
					return
				}
				s, _ := answer.AsString()
				first, _, _ := strings.Cut(s, "\r\n")
				console.Log(fmt.Sprintf("%s: %d bytes, %q", name, len(s), first))
			})
		}
		get("plain", "")
		get("pieces", "?answer=pieces&pause=20")
		get("chunked", "?answer=chunked&pause=5")
	}))
}

// ANCHOR_END: main
