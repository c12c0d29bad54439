// Package watching is the exercise of the chapter "Watching it run": a
// function that reads, from what package timeline recorded, how long
// each pool task waited in the pool's queue (exercise_queuedelay.go),
// on the runtime of step 16 (steps/16-watching). Its other files are
// behind the build tag "exercises"; see exercises/README.md.
package watching
