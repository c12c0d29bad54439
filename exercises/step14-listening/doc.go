// Package listening is the exercise of the page "Serving: listeners and
// running out of descriptors" (step 14): ServeAtMost, a server that
// holds at most so many connections open at once, as Node's
// server.maxConnections (exercise_most.go). Its files are behind the
// build tag "exercises"; see exercises/README.md.
package listening
