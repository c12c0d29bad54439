// Package streams is the exercise of the page "Real I/O: non-blocking
// streams" (step 12): ReadLines, which cuts what a connection reads into
// lines, whatever the reads' boundaries (exercise_lines.go). Its files
// are behind the build tag "exercises"; see exercises/README.md.
package streams
