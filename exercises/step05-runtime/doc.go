// Package runtime is the exercise of step 05, "The complete runtime":
// a Limiter that keeps a program from handing the step's pool more tasks
// than it has threads, since the pool of this step has no queue
// (exercise_limit.go). Its files are behind the build tag "exercises";
// see exercises/README.md.
package runtime
