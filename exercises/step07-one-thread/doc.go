// Package onethread is the exercise of step 07, "One thread waits": a
// Mailbox that any goroutine puts values in and that wakes the one
// goroutine waiting in a minimio.Poll, the loop's inbox on its own
// (exercise_mailbox.go). Its files are behind the build tag
// "exercises"; see exercises/README.md.
package onethread
