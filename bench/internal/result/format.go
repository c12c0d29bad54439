package result

import (
	"math"
	"slices"
	"strconv"
)

// Median returns the median of xs (the mean of the middle two for an
// even count), or NaN when xs is empty; xs is not changed. The harnesses
// (bench/cmd/bench, bench/cmd/costs) report the median of their rounds.
// It is safe from any goroutine that owns xs.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Thousands writes n with commas, as the tables do: 1,000,000.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
