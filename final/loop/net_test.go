//step:file writing

package loop_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/internal/looptest" //step:errors
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/internal/echotest"
)

// echoServer listens and echoes on every connection, closing each at its
// end; once `conns` connections have ended, it closes itself. It returns
// the server, and calls ready with its address.
func echoServer(t *testing.T, rt *loop.Runtime, conns int, ready func(addr string)) *loop.Server {
	ended := 0
	var srv *loop.Server
	srv, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
		if err != nil {
			t.Errorf("accept: %v", err)
			return
		}
		c.ReadStart(func(err error, data []byte) {
			if err != nil {
				if !errors.Is(err, io.EOF) {
					t.Errorf("a connection ended with %v", err)
				}
				// Close once the echo queued before the end is sent: an
				// empty write's callback runs after theirs.
				c.Write(nil, func(err error) {
					if err != nil {
						t.Errorf("flushing at the end: %v", err)
					}
					c.Close(nil)
					if ended++; ended == conns {
						srv.Close(nil)
					}
				})
				return
			}
			c.Write(data, func(err error) {
				if err != nil {
					t.Errorf("write: %v", err)
				}
			})
		})
	})
	if err != nil {
		t.Error(err)
		return nil
	}
	ready(srv.Addr())
	return srv
}

// bulk sends size bytes without reading any until all are sent, so that
// the server's socket fills and its writes must wait for Writable events,
// then reads the echo back and checks it.
func bulk(addr string, size int) error {
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	want := make([]byte, size)
	for i := range want {
		want[i] = byte(i % 251)
	}
	if _, err := c.Write(want); err != nil {
		return fmt.Errorf("bulk write: %w", err)
	}
	c.(*net.TCPConn).CloseWrite()
	got, err := io.ReadAll(c)
	if err != nil {
		return fmt.Errorf("bulk read after %d bytes: %w", len(got), err)
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("bulk: %d bytes came back, not the %d sent", len(got), len(want))
	}
	return nil
}

func TestServerEchoesToSeveralClients(t *testing.T) {
	const clients, rounds, bulkSize = 8, 100, 8 << 20
	errs := make(chan error, clients+1)
	var wg sync.WaitGroup
	err := runNet(t, func(rt *loop.Runtime) {
		echoServer(t, rt, clients+1, func(addr string) {
			for i := range clients {
				wg.Go(func() { errs <- echotest.Check(addr, i, rounds) })
			}
			wg.Go(func() { errs <- bulk(addr, bulkSize) })
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// TestClientThatResets: a client that sends and then resets its
// connection ends that connection's reads with an error (Wine may report
// the end of the stream instead), and the server goes on serving.
func TestClientThatResets(t *testing.T) {
	var final error
	after := make(chan error, 1)
	err := runNet(t, func(rt *loop.Runtime) {
		var srv *loop.Server
		accepted := 0
		srv, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
			if err != nil {
				t.Errorf("accept: %v", err)
				return
			}
			accepted++
			first := accepted == 1
			c.ReadStart(func(err error, data []byte) {
				if err == nil {
					c.Write(data, nil)
					return
				}
				c.Close(nil)
				if first {
					final = err
					go func() { after <- echotest.Check(srv.Addr(), 2, 10) }()
				} else {
					srv.Close(nil)
				}
			})
		})
		if err != nil {
			t.Error(err)
			return
		}
		go resetAfter(t, srv.Addr(), []byte("then reset"), 50*time.Millisecond) // let the echo start
	})
	if err != nil {
		t.Fatal(err)
	}
	if final == nil {
		t.Fatal("the reset connection's read callback never got an error")
	}
	t.Logf("the reset connection ended with: %v", final)
	if err := <-after; err != nil {
		t.Fatalf("a client after the reset: %v", err)
	}
}

//step:begin errors

// TestShutdownClosesServersAndConns leaves a server and connections open
// when Run ends, once because nothing keeps the loop alive any more (the
// connections do not read) and once after an uncaught panic (they do),
// and checks that Run closes them all: the clients see the end of their
// streams, and goroutines and (on Unix) open file descriptors are back
// to what they were.
func TestShutdownClosesServersAndConns(t *testing.T) {
	const clients = 3
	for _, panicking := range []bool{false, true} {
		t.Run(fmt.Sprintf("panicking=%v", panicking), func(t *testing.T) {
			done := looptest.LeakCheck(t)
			var wg sync.WaitGroup
			ended := make(chan error, clients)
			err := runNet(t, func(rt *loop.Runtime) {
				accepted := 0
				var srv *loop.Server
				srv, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
					if err != nil {
						t.Errorf("accept: %v", err)
						return
					}
					if accepted++; accepted < clients {
						if panicking {
							c.ReadStart(func(error, []byte) {})
						}
						return
					}
					if panicking {
						panic("stop")
					}
					// Closing the listener is not closing the
					// connections: Run must.
					srv.Close(nil)
				})
				if err != nil {
					t.Error(err)
					return
				}
				for range clients {
					wg.Go(func() {
						c, err := net.DialTimeout("tcp", srv.Addr(), 10*time.Second)
						if err != nil {
							ended <- err
							return
						}
						defer c.Close()
						c.SetReadDeadline(time.Now().Add(30 * time.Second))
						_, err = io.ReadAll(c) // until the server closes it
						ended <- err
					})
				}
			})
			if (err != nil) != panicking {
				t.Fatalf("Run returned %v", err)
			}
			wg.Wait()
			close(ended)
			for err := range ended {
				if err != nil && !isReset(err) {
					t.Errorf("a client did not see its connection closed: %v", err)
				}
			}
			done()
		})
	}
}

//step:end errors
