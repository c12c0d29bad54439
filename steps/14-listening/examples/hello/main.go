// Command hello is the listening step's example: a server on the loop
// thread, and two clients on goroutines of their own (they use Go's net
// package, so they are not part of the runtime). Each client sends one
// line and ends its side; the server reads to the end, answers with one
// short write, and closes the connection. After two clients it closes
// itself, and the loop, with nothing left to wait for, ends.
//
//	go run ./steps/14-listening/examples/hello
package main

import (
	"fmt"
	"io"
	"net"
	"runtime"
	"strings"
	"sync"

	"github.com/nodeexperiment/gonode/steps/14-listening/console"
	"github.com/nodeexperiment/gonode/steps/14-listening/internal/program"
	"github.com/nodeexperiment/gonode/steps/14-listening/loop"
)

func init() { runtime.LockOSThread() }

// main runs the server on the loop and, once the loop has ended, waits
// for the clients to print their last lines: they are not the runtime's
// to wait for.
func main() {
	var clients sync.WaitGroup
	err := program.Run(func(rt *loop.Runtime, _ string) { serve(rt, &clients) })
	clients.Wait()
	program.Exit(err)
}

// ANCHOR: server
// serve runs on the loop thread: it listens, starts the clients, and
// answers each connection once it has read all the client sent. After
// two connections the server closes.
func serve(rt *loop.Runtime, clients *sync.WaitGroup) {
	var server *loop.Server
	served := 0
	server, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
		if err != nil {
			console.Log("accept failed: " + err.Error())
			return
		}
		console.Log("accepted a connection")
		var got []byte
		c.ReadStart(func(err error, data []byte) {
			switch {
			case err == nil:
				got = append(got, data...) // data is the loop's buffer: copy it
				return
			case err != io.EOF:
				console.Log("read failed: " + err.Error())
				c.Close(nil)
				return
			}
			name, line, _ := strings.Cut(string(got), ": ")
			console.Log(fmt.Sprintf("%s says %q", name, line))
			c.Write([]byte("hello, "+name), nil) // a few bytes: the socket takes them at once
			c.Close(func() { console.Log(name + ": connection closed") })
			if served++; served == 2 {
				server.Close(func() { console.Log("server closed") })
			}
		})
	})
	if err != nil {
		console.Log("listen failed: " + err.Error())
		return
	}
	console.Log("listening")
	for _, name := range []string{"client1", "client2"} {
		clients.Go(func() { client(server.Addr(), name) })
	}
}

// ANCHOR_END: server

// ANCHOR: client
// client connects to addr, sends one line, ends its side, and prints what
// comes back before the server closes.
func client(addr, name string) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		console.Print(name, err.Error())
		return
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(name + ": hi")); err != nil {
		console.Print(name, err.Error())
		return
	}
	conn.(*net.TCPConn).CloseWrite()
	got, err := io.ReadAll(conn)
	if err != nil {
		console.Print(name, err.Error())
		return
	}
	console.Print(name, fmt.Sprintf("got back %q", got))
}

// ANCHOR_END: client
