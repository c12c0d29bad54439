// Command gostd runs one benchmark workload in idiomatic Go, with no
// event loop of ours: goroutines, time.AfterFunc, os.ReadFile, net/http,
// and a goroutine per connection for the echo server. It prints one JSON
// line (bench/internal/result) and is run by the harness, bench/cmd/bench:
//
//	go run ./bench/cmd/gostd -workload timers -n 100000
//
// With -workload echo it is a server: it prints its address as the JSON
// line's addr, echoes every byte back on every connection, and exits when
// its standard input is closed.
package main

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nodeexperiment/gonode/bench/internal/result"
)

func main() {
	var o result.Options
	o.Flags(flag.CommandLine, "timers, immediates, files, cpu, http or echo")
	flag.Parse()
	o.ExitOnTimeout()
	r, err := run(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gostd:", err)
		os.Exit(1)
	}
	r.Write(os.Stdout)
}

// counter counts operations from many goroutines.
type counter struct {
	ops, errs atomic.Int64
	mu        sync.Mutex
	first     error
}

func (c *counter) done(err error) {
	if err == nil {
		c.ops.Add(1)
		return
	}
	c.errs.Add(1)
	c.mu.Lock()
	if c.first == nil {
		c.first = err
	}
	c.mu.Unlock()
}

// run runs o's workload and returns what it measured.
func run(o result.Options) (result.Result, error) {
	n := o.N
	r := result.Result{Workload: o.Workload, N: n}
	var c counter
	after := func() {} // what to compute once the clock has stopped
	start := time.Now()
	switch o.Workload {
	case "timers":
		deadline, fired := make([]time.Duration, n), make([]time.Duration, n)
		rng := rand.New(rand.NewPCG(1, 2))
		var wg sync.WaitGroup
		wg.Add(n)
		for i := range n {
			ms := rng.IntN(101)
			deadline[i] = time.Since(start) + time.Duration(ms)*time.Millisecond
			time.AfterFunc(time.Duration(ms)*time.Millisecond, func() {
				fired[i] = time.Since(start)
				c.done(nil)
				wg.Done()
			})
		}
		ready := time.Since(start)
		wg.Wait()
		after = func() { r.LateMaxMs, r.LateP99Ms = result.TimerLateness(deadline, fired, ready) }
	case "immediates":
		// The nearest Go has to a chain of immediates: each goroutine
		// starts the next one, and the runtime's scheduler runs it.
		finished := make(chan struct{})
		var step func(i int)
		step = func(i int) {
			c.done(nil)
			if i+1 < n {
				go step(i + 1)
			} else {
				close(finished)
			}
		}
		go step(0)
		<-finished
	case "files":
		inFlight(n, o.Conc, func() {
			b, err := os.ReadFile(o.File)
			if err == nil && len(b) != 4096 {
				err = fmt.Errorf("read %d bytes, want 4096", len(b))
			}
			c.done(err)
		})
	case "cpu":
		salt := []byte("gonode-bench-salt")
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				_, err := pbkdf2.Key(sha256.New, "password", salt, 1000, 32)
				c.done(err)
			})
		}
		wg.Wait()
	case "http":
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		url := "http://" + o.Server + "/delay/0/url/http://example.com"
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		inFlight(n, o.Conc, func() {
			resp, err := client.Get(url)
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err == nil && resp.StatusCode != http.StatusFound {
					err = fmt.Errorf("status %s", resp.Status)
				}
			}
			c.done(err)
		})
	case "echo":
		return r, echoServer()
	default:
		return r, fmt.Errorf("unknown workload %q", o.Workload)
	}
	r.ElapsedMs = result.Ms(time.Since(start))
	after()
	r.Ops, r.Errors = int(c.ops.Load()), int(c.errs.Load())
	if c.first != nil {
		r.Error = c.first.Error()
	}
	return r, nil
}

// inFlight runs op n times on conc goroutines.
func inFlight(n, conc int, op func()) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(conc, n) {
		wg.Go(func() {
			for next.Add(1) <= int64(n) {
				op()
			}
		})
	}
	wg.Wait()
}

// echoServer listens on a loopback port, prints its address, and echoes
// on every connection, a goroutine each, until standard input closes.
func echoServer() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	if err := (result.Result{Workload: "echo", Addr: ln.Addr().String()}).Write(os.Stdout); err != nil {
		return err
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	conns := map[net.Conn]bool{}
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns[conn] = true
			mu.Unlock()
			wg.Go(func() {
				io.Copy(conn, conn)
				conn.Close()
			})
		}
	})
	io.Copy(io.Discard, os.Stdin) // until the harness closes our stdin
	err = ln.Close()
	mu.Lock()
	for conn := range conns {
		conn.Close()
	}
	mu.Unlock()
	wg.Wait()
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}
