// Package parsing is the exercise of the page "Parsing HTTP as it
// arrives" (step 13): ContentLengthEnd, which finds where a response
// framed by Content-Length ends, by hand (exercise_length.go). Its files
// are behind the build tag "exercises"; see exercises/README.md.
package parsing
