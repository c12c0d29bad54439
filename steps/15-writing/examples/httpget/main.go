// Command httpget sends five GETs to the delay server at once and reads
// every answer without blocking, event by event: a plain answer with a
// Content-Length, the same answer cut into pieces, a chunked one, one
// cut short by the server, and one that is not HTTP at all. The first
// three parse to the same response; the last two reach their callbacks
// as errors.
//
//	go run ./steps/15-writing/examples/httpget
package main

import (
	"errors"
	"fmt"
	"runtime"

	"github.com/nodeexperiment/gonode/steps/15-writing/console"
	"github.com/nodeexperiment/gonode/steps/15-writing/http"
	"github.com/nodeexperiment/gonode/steps/15-writing/internal/program"
	"github.com/nodeexperiment/gonode/steps/15-writing/js"
	"github.com/nodeexperiment/gonode/steps/15-writing/loop"
)

func init() { runtime.LockOSThread() }

// ANCHOR: main
func main() {
	program.Exit(program.Run(func(rt *loop.Runtime, server string) {
		get := func(name, query string) {
			console.Log("GET " + name)
			http.GetSlow(rt, server, "example.com/"+query, 20, func(err error, answer js.Value) {
				switch {
				case errors.Is(err, http.ErrTruncated):
					console.Log(name + ": error: the answer stops short")
				case errors.Is(err, http.ErrMalformed):
					console.Log(name + ": error: not an HTTP answer")
				case err != nil:
					console.Log(name + ": error: " + err.Error())
				default:
					s, _ := answer.AsString()
					resp, _ := http.ParseResponse([]byte(s), true)
					console.Log(fmt.Sprintf("%s: %s, body %q", name, resp.Status, resp.Body))
				}
			})
		}
		get("plain", "")
		get("pieces", "?answer=pieces&pause=20")
		get("chunked", "?answer=chunked&pause=5")
		get("early", "?answer=early")
		get("garbage", "?answer=garbage")
	}))
}

// ANCHOR_END: main
