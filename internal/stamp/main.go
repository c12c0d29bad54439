// Command stamp runs a program and prints each line of its output with the
// milliseconds since the program started, to see when a trace's lines
// really happen:
//
//	go build -o /tmp/ex ./chapters/04-modules && go run ./internal/stamp /tmp/ex
//
// The times are when the line reached stamp through a pipe, so they are a
// little later than when the program printed it.
package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: stamp PROGRAM [ARGS...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "stamp:", err)
		os.Exit(1)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "stamp:", err)
		os.Exit(1)
	}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		ms := float64(time.Since(start).Microseconds()) / 1000
		fmt.Printf("%9.2f ms | %s\n", ms, lines.Text())
	}
	err = cmd.Wait()
	fmt.Printf("%9.2f ms | (exit: %v)\n", float64(time.Since(start).Microseconds())/1000, err)
}
