// Command 01-poll is the first chapter's program: five requests to a slow
// server, answered in the reverse of the order they were sent, and one
// event-queue thread that reports each answer as the OS says it is ready.
//
//	go run ./chapters/01-poll
//
// It starts the local delay server in-process; set DELAY_SERVER=ip:port to
// use one that runs elsewhere.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/nodeexperiment/gonode/chapters/01-poll/minimio"
	"github.com/nodeexperiment/gonode/internal/delayserver"
)

// ANCHOR: init

// init runs on the main goroutine before main, while it is still on the
// process's first OS thread, and pins it there: from now on "main" in the
// trace really is the main thread.
func init() { runtime.LockOSThread() }

// ANCHOR_END: init

// ANCHOR: delays

// delays are the server's answer times for streams 1 to 5. The steps are
// 200 ms apart: far more than the few milliseconds a busy machine may add
// to any one answer, so the order in which they become ready never flips,
// and short enough that the whole run takes under a second.
var delays = []int{800, 600, 400, 200, 0}

// ANCHOR_END: delays

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "01-poll:", err)
		os.Exit(1)
	}
}

// ANCHOR: run

func run() error {
	addr, stopServer, err := delayserver.FromEnv()
	if err != nil {
		return err
	}
	defer stopServer()

	poll, err := minimio.New()
	if err != nil {
		return err
	}
	defer poll.Close()
	registrator := poll.Registrator()

	ready := make(chan minimio.Token, len(delays)) // one event per stream at most
	done := make(chan error, 1)
	go eventQueueThread(poll, ready, done)
	// stop closes the queue and joins the event-queue thread. It runs
	// once, however run returns; after the thread has already stopped,
	// Close just reports ErrClosed and done is closed.
	stop := sync.OnceValue(func() error {
		registrator.Close()
		return <-done
	})
	defer stop()

	streams := make(map[minimio.Token]*minimio.TcpStream)
	defer func() {
		for _, stream := range streams {
			stream.Close()
		}
	}()
	for i, delay := range delays {
		token := minimio.Token(i + 1)
		stream, err := send(addr, delay, token)
		if err != nil {
			return err
		}
		streams[token] = stream
		print("main", fmt.Sprintf("Registering stream %d: the server answers after %d ms", token, delay))
		if err := registrator.Register(stream, token, minimio.Readable); err != nil {
			return err
		}
	}

	for range delays {
		var token minimio.Token
		select {
		case token = <-ready:
		case err := <-done:
			return fmt.Errorf("event queue stopped: %w", err)
		}
		status, err := readStatus(streams[token])
		if err != nil {
			return fmt.Errorf("stream %d: %w", token, err)
		}
		print("main", fmt.Sprintf("Stream %d answered: %s", token, status))
	}

	print("main", "Closing the event queue")
	if err := stop(); err != nil {
		return err
	}
	print("main", "FINISHED")
	return nil
}

// ANCHOR_END: run

// ANCHOR: thread

// eventQueueThread is the body of the event-queue thread. It blocks in
// Poll, reports every event on ready, and returns when the queue is
// closed. It sends nil (or the error that stopped it) on done and closes
// done as its last act: receiving from done is how main joins it.
func eventQueueThread(poll *minimio.Poll, ready chan<- minimio.Token, done chan<- error) {
	runtime.LockOSThread() // never unlocked: the thread ends with us
	defer close(done)
	events := minimio.NewEvents(1024)
	for {
		err := poll.Poll(&events, -1)
		if errors.Is(err, minimio.ErrClosed) {
			print("epoll", "received event of type: Close")
			done <- nil
			return
		}
		if err != nil {
			done <- err
			return
		}
		for _, ev := range events {
			print("epoll", fmt.Sprintf("epoll event %d is ready", ev.Token()))
			ready <- ev.Token()
		}
	}
}

// ANCHOR_END: thread

// ANCHOR: send

// send connects to the delay server and writes a request that it will
// answer after delay milliseconds.
func send(addr string, delay int, token minimio.Token) (*minimio.TcpStream, error) {
	stream, err := minimio.Connect(addr)
	if err != nil {
		return nil, err
	}
	req := fmt.Sprintf("GET /delay/%d/url/http://example.com/%d HTTP/1.1\r\n"+
		"Host: %s\r\nConnection: close\r\n\r\n", delay, token, addr)
	if _, err := io.WriteString(stream, req); err != nil {
		stream.Close()
		return nil, err
	}
	return stream, nil
}

// readStatus reads the whole answer and returns its status line.
func readStatus(stream *minimio.TcpStream) (string, error) {
	answer, err := io.ReadAll(stream)
	if err != nil {
		return "", err
	}
	status, _, _ := strings.Cut(string(answer), "\r\n")
	return status, nil
}

// ANCHOR_END: send

// ANCHOR: print

var printMu sync.Mutex

// print writes one trace line in the original's format: "Thread: ",
// the thread's name, a tab and a space, then the message. Go has no
// thread names, so each thread passes its own. The lock keeps lines whole
// when two threads print at once.
func print(thread, msg string) {
	printMu.Lock()
	defer printMu.Unlock()
	fmt.Fprintf(os.Stdout, "Thread: %s\t %s\n", thread, msg)
}

// ANCHOR_END: print
