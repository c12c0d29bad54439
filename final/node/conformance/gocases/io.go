package main

import (
	"io"
	"net"

	"github.com/nodeexperiment/gonode/final/loop"
)

// connect is the case's client, a plain Go connection on a goroutine of
// its own, as the JavaScript twin's net.connect is another socket: it
// sends data, if any, and closes.
func connect(addr, data string) {
	go func() {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		defer c.Close()
		if data != "" {
			c.Write([]byte(data))
		}
		io.Copy(io.Discard, c) // until the server closes
	}()
}

func init() {
	add(map[string]func(rt *loop.Runtime){
		"pool-callback-then-queues": func(rt *loop.Runtime) {
			readFile(rt, func() {
				rt.SetImmediate(func() { log("immediate") })
				rt.Resolve(nil).Then(func(any) any { log("promise"); return nil }, nil)
				rt.NextTick(func() { log("nextTick") })
				log("pool callback")
			})
		},
		"pool-after-program-ticks": func(rt *loop.Runtime) {
			readFile(rt, func() { log("pool callback") })
			rt.Resolve(nil).Then(func(any) any { log("promise"); return nil }, nil)
			rt.NextTick(func() { log("nextTick") })
		},
		"pool-error-first": func(rt *loop.Runtime) {
			readPath(rt, "/no/such/file", func(err error) { log("callback, error:", err != nil) })
			log("program")
		},
		"server-accepts-and-closes": func(rt *loop.Runtime) {
			var server *loop.Server
			server, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
				if err != nil {
					panic(err)
				}
				log("connection")
				c.ReadStart(func(err error, data []byte) {
					if err != nil {
						return
					}
					log("data", string(data))
					c.Close(nil)
					server.Close(nil)
				})
			})
			if err != nil {
				panic(err)
			}
			connect(server.Addr(), "hello")
			rt.OnExit(func(code int) { log("exit", code) })
		},
		"server-unref-alone": func(rt *loop.Runtime) {
			server, err := rt.Listen("127.0.0.1:0", func(error, *loop.Conn) { log("never") })
			if err != nil {
				panic(err)
			}
			server.Unref()
			rt.OnExit(func(code int) { log("exit", code) })
		},
		"server-ref-again": func(rt *loop.Runtime) {
			server, err := rt.Listen("127.0.0.1:0", func(error, *loop.Conn) {})
			if err != nil {
				panic(err)
			}
			server.Unref()
			server.Ref()
			rt.SetTimeout(5, func() { log("closing"); server.Close(nil) })
			rt.OnExit(func(code int) { log("exit", code) })
		},
		"conn-unref": func(rt *loop.Runtime) {
			var server *loop.Server
			server, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
				if err != nil {
					panic(err)
				}
				log("connection")
				c.Unref()
				server.Close(nil)
				c.ReadStart(func(err error, _ []byte) {
					if err == nil {
						log("never")
					}
				})
			})
			if err != nil {
				panic(err)
			}
			connect(server.Addr(), "")
			rt.OnExit(func(code int) { log("exit", code) })
		},
		"timeout-vs-immediate-in-net": timeoutVsImmediateInNet,
	})
}

// ANCHOR: timeout-vs-immediate-in-net
func timeoutVsImmediateInNet(rt *loop.Runtime) {
	var server *loop.Server
	server, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
		if err != nil {
			panic(err)
		}
		c.ReadStart(func(err error, _ []byte) {
			if err != nil {
				return
			}
			rt.SetTimeout(0, func() { log("timeout") })
			rt.SetImmediate(func() { log("immediate") })
			c.Close(nil)
			server.Close(nil)
		})
	})
	if err != nil {
		panic(err)
	}
	connect(server.Addr(), "x")
}

// ANCHOR_END: timeout-vs-immediate-in-net
