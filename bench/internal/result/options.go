package result

import (
	"flag"
	"fmt"
	"os"
	"time"
)

// Options is the command line that every Go contender (bench/cmd/ours and
// bench/cmd/gostd) takes from the harness, the same flags bench.js reads.
type Options struct {
	Workload string        // which workload to run
	N        int           // how many operations
	Conc     int           // http and files: how many operations in flight at once
	File     string        // files: the file to read
	Server   string        // http: the delay server's ip:port
	Timeout  time.Duration // give up after this long
}

// Flags defines the contenders' common flags on fs, to be parsed into o;
// workloads lists the workload names the contender knows, for -help.
// Call it before fs.Parse, from one goroutine.
func (o *Options) Flags(fs *flag.FlagSet, workloads string) {
	fs.StringVar(&o.Workload, "workload", "", workloads)
	fs.IntVar(&o.N, "n", 1000, "how many operations")
	fs.IntVar(&o.Conc, "c", 1, "http and files: how many operations in flight at once")
	fs.StringVar(&o.File, "file", "", "files: the file to read")
	fs.StringVar(&o.Server, "server", "", "http: the delay server's ip:port")
	fs.DurationVar(&o.Timeout, "timeout", 2*time.Minute, "give up (exit status 2) after this long")
}

// ExitOnTimeout starts the clock of o.Timeout: if the process still runs
// when it ends, a Result saying so is printed on standard output and the
// process exits with status 2, so that a stuck run costs the harness one
// timeout and no more. Call it once, after parsing.
func (o *Options) ExitOnTimeout() {
	time.AfterFunc(o.Timeout, func() {
		Result{Workload: o.Workload, N: o.N, Error: fmt.Sprintf("timed out after %v", o.Timeout)}.Write(os.Stdout)
		os.Exit(2)
	})
}
