// Package appendix holds the test that keeps book/appendix-original.md
// true: its line-for-line table pairs each line of the original's trace
// with the line of chapter 04's recorded run that prints the same text.
// When `make golden REFRESH=1` records a new run, the lines move, and
// the test fails until the table is rebuilt, which that command also
// does:
//
//	UPDATE_APPENDIX=1 go test ./bookcheck/appendix
package appendix
