// Package writing is the exercise of the page "The write queue and
// back-pressure" (step 15): Pump, which sends a large amount without
// letting the write queue grow (exercise_pump.go). Its files are behind
// the build tag "exercises"; see exercises/README.md.
package writing
