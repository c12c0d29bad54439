// Command delayserver runs the tutorial's delay server on its own, so that
// the example programs can be pointed at it with DELAY_SERVER=ADDR:
//
//	go run ./internal/delayserver/cmd/delayserver -addr 127.0.0.1:8080
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/nodeexperiment/gonode/internal/delayserver"
)

func main() {
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback)")
	fs.Parse(os.Args[1:])
	s, err := delayserver.Start(*addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("delay server on %s; try GET http://%s/delay/500/url/http://example.com\n", s.Addr(), s.Addr())
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	s.Close()
}
