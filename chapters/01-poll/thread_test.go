package main

import (
	"net"
	"slices"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/chapters/01-poll/minimio"
)

// TestEventQueueThreadForwardsEveryEvent registers three streams that
// are all readable before the event-queue thread starts, so that its
// first wait returns their events together: it must hand main every one.
func TestEventQueueThreadForwardsEveryEvent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	poll, err := minimio.New()
	if err != nil {
		t.Fatal(err)
	}
	defer poll.Close()
	registrator := poll.Registrator()
	const streams = 3
	for i := range streams {
		stream, err := minimio.Connect(ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer stream.Close()
		peer, err := ln.Accept()
		if err != nil {
			t.Fatal(err)
		}
		defer peer.Close()
		if _, err := peer.Write([]byte("x")); err != nil {
			t.Fatal(err)
		}
		if err := registrator.Register(stream, minimio.Token(i+1), minimio.Readable); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(50 * time.Millisecond) // let the bytes arrive on every stream
	ready := make(chan minimio.Token, streams)
	done := make(chan error, 1)
	go eventQueueThread(poll, ready, done)
	var got []minimio.Token
	for len(got) < streams {
		select {
		case token := <-ready:
			got = append(got, token)
		case <-time.After(10 * time.Second):
			registrator.Close()
			<-done
			t.Fatalf("the event-queue thread forwarded %v, then nothing for 10 s; want tokens 1, 2 and 3", got)
		}
	}
	registrator.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if !slices.Equal(got, []minimio.Token{1, 2, 3}) {
		t.Fatalf("forwarded %v, want 1, 2 and 3", got)
	}
}
