// Package work is the exercise of step 06, "The work queue and
// batching": All, which runs any number of tasks on the step's pool and
// calls back once with every result (exercise_all.go). Its files are
// behind the build tag "exercises"; see exercises/README.md.
package work
