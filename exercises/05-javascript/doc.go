// Package javascript is the exercise of the chapter "A JavaScript engine
// on the loop": a small engine (engine.go) that runs JavaScript on
// final/loop with goja, and the one function that decides the order of
// nextTicks and promise jobs, which you write (exercise_order.go). Its
// files are behind the build tag "exercises"; see exercises/README.md.
package javascript
