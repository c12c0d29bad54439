package main

import "time"

// readEAGAIN has no Windows form here: a non-blocking read on Windows is
// a Winsock call with an error of its own (WSAEWOULDBLOCK), and the IOCP
// backend never makes one. The table says "not on windows".
var readEAGAIN func(n int) (time.Duration, error)
