// Command echo is the serving chapter's example: an echo server on the
// loop thread, and three clients on goroutines of their own (they use
// Go's net package, so they are not part of the runtime). client3 sends
// 8 MiB and reads nothing back until client1 and client2, who say hello,
// have their answers. Its echo fills the socket's buffers, the rest waits
// in the connection's write queue, and the loop goes on serving.
//
//	go run ./steps/15-writing/examples/echo
package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"runtime"
	"sync"

	"github.com/nodeexperiment/gonode/steps/15-writing/console"
	"github.com/nodeexperiment/gonode/steps/15-writing/internal/program"
	"github.com/nodeexperiment/gonode/steps/15-writing/loop"
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

// bigSize is what client3 sends: more than the socket buffers of both
// ends hold while it does not read (on Linux, by default, the sender's
// grows to 4 MiB at most).
const bigSize = 8 << 20

// ANCHOR: server
// serve runs on the loop thread: it listens, starts the clients, and
// echoes what each connection sends. A connection is named by what its
// client writes first ("client1: ..."); after three, the server closes.
func serve(rt *loop.Runtime, clients *sync.WaitGroup) {
	var server *loop.Server
	served := 0
	server, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
		if err != nil {
			console.Log("accept failed: " + err.Error())
			return
		}
		console.Log("accepted a connection")
		var head []byte // the bytes up to the client's name and ':'
		name, total := "", 0
		c.ReadStart(func(err error, data []byte) {
			switch {
			case err == io.EOF:
				console.Log(fmt.Sprintf("%s ended after %d bytes; closing once the echo is sent", name, total))
				c.Write(nil, func(error) { // runs once every earlier write is sent
					console.Log(name + ": echo sent, connection closed")
					c.Close(nil)
					if served++; served == 3 {
						server.Close(nil)
						console.Log("served three clients; server closed")
					}
				})
				return
			case err != nil:
				console.Log("read failed: " + err.Error())
				c.Close(nil)
				return
			}
			if name == "" {
				head = append(head, data[:min(len(data), 16)]...)
				if i := bytes.IndexByte(head, ':'); i >= 0 {
					name = string(head[:i])
				}
			}
			total += len(data)
			c.Write(data, nil) // what the socket does not take now is queued
		})
	})
	if err != nil {
		console.Log("listen failed: " + err.Error())
		return
	}
	console.Log("listening")
	startClients(server.Addr(), clients)
}

// ANCHOR_END: server

// ANCHOR: clients
// startClients dials addr three times, each client on a goroutine of its
// own. client3 goes first: it sends bigSize bytes and ends its side, then
// starts client1 and client2, and reads its echo only once both have
// theirs. A server that blocked in a write to client3 would never get to
// them, and the three would wait for each other for ever.
func startClients(addr string, clients *sync.WaitGroup) {
	clients.Go(func() {
		big := bytes.Repeat([]byte("x"), bigSize)
		copy(big, "client3:")
		got, err := exchange(addr, big, func() {
			console.Print("client3", fmt.Sprintf("sent %d bytes; reads nothing until the others have their echo", len(big)))
			var small sync.WaitGroup
			for _, name := range []string{"client1", "client2"} {
				small.Go(func() { smallClient(addr, name) })
			}
			small.Wait()
			console.Print("client3", "starts reading")
		})
		if err != nil {
			console.Print("client3", err.Error())
			return
		}
		console.Print("client3", fmt.Sprintf("got back %d bytes, the same: %t", len(got), bytes.Equal(got, big)))
	})
}

// smallClient says hello and prints what comes back.
func smallClient(addr, name string) {
	got, err := exchange(addr, []byte(name+": hello"), nil)
	if err != nil {
		console.Print(name, err.Error())
		return
	}
	console.Print(name, fmt.Sprintf("got back %q", got))
}

// exchange connects to addr, sends msg, ends its side, runs beforeRead
// (if not nil), and reads the answer to its end.
func exchange(addr string, msg []byte, beforeRead func()) ([]byte, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.Write(msg); err != nil {
		return nil, err
	}
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		return nil, err
	}
	if beforeRead != nil {
		beforeRead()
	}
	return io.ReadAll(conn)
}

// ANCHOR_END: clients
