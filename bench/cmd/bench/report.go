package main

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/nodeexperiment/gonode/bench/internal/result"
)

// row is one contender on one workload: the medians of its measured runs.
type row struct {
	Workload, Contender string
	Missing             string // why there is no measurement
	ElapsedMs, WallMs   float64
	CPUMs               float64
	MaxRSSKiB           int64
	PerSec              float64 // operations per second of elapsed time
	LateP99, LateMax    float64
}

// summarize takes the medians of the measured runs (round > 0).
func summarize(ws []workload, contenders []string, runs []run) map[string]map[string]row {
	rows := map[string]map[string]row{}
	for _, w := range ws {
		rows[w.Name] = map[string]row{}
		for _, c := range allContenders {
			if c == Gonode && !slices.Contains(contenders, Gonode) {
				continue // an older run, before gonode: no row
			}
			r := row{Workload: w.Name, Contender: c}
			var el, wall, cpu, rss, p99, lmax []float64
			for _, x := range runs {
				if x.Workload == w.Name && x.Contender == c && x.Round > 0 {
					el = append(el, x.Result.ElapsedMs)
					wall = append(wall, x.WallMs)
					cpu = append(cpu, x.CPUMs)
					rss = append(rss, float64(x.MaxRSSKiB))
					p99 = append(p99, x.Result.LateP99Ms)
					lmax = append(lmax, x.Result.LateMaxMs)
				}
			}
			switch {
			case !slices.Contains(contenders, c):
				r.Missing = "not run: `node` is not on PATH"
			case c == Gonode && gonodeCannot[w.Name] != "":
				r.Missing = "not run: " + gonodeCannot[w.Name]
			case len(el) > 0:
				r.ElapsedMs, r.WallMs, r.CPUMs = result.Median(el), result.Median(wall), result.Median(cpu)
				r.MaxRSSKiB = int64(result.Median(rss))
				r.LateP99, r.LateMax = result.Median(p99), result.Median(lmax)
				ops := float64(w.N)
				if w.Conns > 0 {
					ops *= float64(w.Conns)
				}
				r.PerSec = ops / (r.ElapsedMs / 1000)
			default:
				r.Missing = "not run"
			}
			rows[w.Name][c] = r
		}
	}
	return rows
}

// ratio is ours' median elapsed time over another contender's, NaN when
// either is missing.
func ratio(rows map[string]row, other string) float64 {
	o, x := rows[Ours], rows[other]
	if o.Missing != "" || x.Missing != "" {
		return math.NaN()
	}
	return o.ElapsedMs / x.ElapsedMs
}

func fmtRatio(r float64) string {
	if math.IsNaN(r) {
		return "–"
	}
	return fmt.Sprintf("%.2f", r)
}

func fmtRate(perSec float64) string {
	switch {
	case perSec >= 1e6:
		return fmt.Sprintf("%.2f M/s", perSec/1e6)
	case perSec >= 1e3:
		return fmt.Sprintf("%.1f k/s", perSec/1e3)
	}
	return fmt.Sprintf("%.0f /s", perSec)
}

// markdown is the table the book includes.
func markdown(size, env string, ws []workload, rows map[string]map[string]row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- Written by `make bench` (bench/cmd/bench, size %s); do not edit. -->\n\n", size)
	b.WriteString("| workload | contender | time | ours/Node | ours/Go | CPU | peak RSS | throughput | timer lateness p99 / max |\n")
	b.WriteString("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, w := range ws {
		for i, c := range allContenders {
			r, ok := rows[w.Name][c]
			if !ok {
				continue
			}
			name := ""
			if i == 0 {
				name = fmt.Sprintf("**%s**: %s", w.Name, w.What)
			}
			if r.Missing != "" {
				fmt.Fprintf(&b, "| %s | %s | %s | | | | | | |\n", name, c, r.Missing)
				continue
			}
			late := ""
			if strings.HasPrefix(w.Name, "timers") {
				late = fmt.Sprintf("%.1f / %.1f ms", r.LateP99, r.LateMax)
			}
			rn, rg := "", ""
			if c == Ours {
				rn, rg = fmtRatio(ratio(rows[w.Name], Node)), fmtRatio(ratio(rows[w.Name], Go))
			}
			rss := "–"
			if r.MaxRSSKiB > 0 {
				rss = fmt.Sprintf("%.0f MiB", float64(r.MaxRSSKiB)/1024)
			}
			fmt.Fprintf(&b, "| %s | %s | %.0f ms | %s | %s | %.0f ms | %s | %s | %s |\n",
				name, c, r.ElapsedMs, rn, rg, r.CPUMs, rss, fmtRate(r.PerSec), late)
		}
	}
	fmt.Fprintf(&b, "\n*%s.* Time is the median of the workload's own clock (first operation started to last one done, without the process's start-up); "+
		"CPU (user + system) and peak RSS are the whole process's, from the kernel. "+
		"The ratios divide our time by theirs: below 1 we are faster. For echo, time is the load client's and CPU and memory are the server's.\n", env)
	return b.String()
}

// chart draws the ratios as bars, two per workload, on a logarithmic
// scale centred on 1 (as fast as the other): a bar to the left of the
// line means we are faster, to the right slower, and twice as fast is as
// long as twice as slow. A plain SVG of our own making.
func chart(ws []workload, rows map[string]map[string]row) string {
	const (
		left, barH, gap, width = 110.0, 14.0, 14.0, 400.0
		top                    = 44.0
	)
	lo, hi := 0.25, 4.0 // powers of two that hold every ratio
	for _, w := range ws {
		for _, o := range []string{Node, Go} {
			if r := ratio(rows[w.Name], o); !math.IsNaN(r) && r > 0 {
				lo = min(lo, math.Exp2(math.Floor(math.Log2(r))-1)) // room for the label
				hi = max(hi, math.Exp2(math.Ceil(math.Log2(r))))
			}
		}
	}
	x := func(r float64) float64 { return left + width*math.Log2(r/lo)/math.Log2(hi/lo) }
	colors := map[string]string{Node: "#4a7fb5", Go: "#e08a2c"}
	height := top + float64(len(ws))*(2*barH+gap) + 30
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="11">`+"\n",
		left+width+50, height, left+width+50, height)
	b.WriteString(`<rect width="100%" height="100%" fill="white"/>` + "\n")
	fmt.Fprintf(&b, `<text x="%.0f" y="16" font-size="13" font-weight="bold">Our time ÷ theirs: left of 1 we are faster, right of it slower</text>`+"\n", left-100)
	fmt.Fprintf(&b, `<rect x="%.0f" y="26" width="10" height="10" fill="%s"/><text x="%.0f" y="35">÷ Node</text>`+"\n", left, colors[Node], left+14)
	fmt.Fprintf(&b, `<rect x="%.0f" y="26" width="10" height="10" fill="%s"/><text x="%.0f" y="35">÷ Go</text>`+"\n", left+70, colors[Go], left+84)
	y := top
	for _, w := range ws {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="end">%s</text>`+"\n", left-6, y+barH+4, w.Name)
		for i, o := range []string{Node, Go} {
			r := ratio(rows[w.Name], o)
			by := y + float64(i)*barH
			if math.IsNaN(r) || r <= 0 {
				fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" fill="#888">not measured</text>`+"\n", x(1)+4, by+barH-3)
				continue
			}
			x0, x1 := min(x(1), x(r)), max(x(1), x(r))
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.0f" width="%.1f" height="%.0f" fill="%s"/>`+"\n", x0, by+1, max(x1-x0, 1), barH-2, colors[o])
			label, anchor := x1+4, "start"
			if r < 1 {
				label, anchor = x0-4, "end"
			}
			fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="%s">%.2f</text>`+"\n", label, by+barH-3, anchor, r)
		}
		y += 2*barH + gap
	}
	for t := lo; t <= hi*1.0001; t *= 2 {
		stroke := ` stroke="#ddd"`
		if t == 1 {
			stroke = ` stroke="#c00" stroke-dasharray="4 3"`
		}
		tick := fmt.Sprintf("%g", t)
		if t < 1 {
			tick = fmt.Sprintf("1/%g", 1/t)
		}
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"%s/>`+"\n", x(t), top-2, x(t), y, stroke)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%s</text>`+"\n", x(t), y+14, tick)
	}
	b.WriteString("</svg>\n")
	return b.String()
}
