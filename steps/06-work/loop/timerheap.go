package loop

import "time"

// ANCHOR: timerheap

// timerHeap holds the armed timers, earliest deadline first and, for
// equal deadlines, in registration order, as libuv keeps them. It is a
// four-ary min-heap of small values, the shape of Go's own runtime timer
// heap: a comparison reads two entries side by side in one slice and
// never follows a pointer to a Timer, which is what made a million timers
// slow when the heap held *Timer (bench/README.md has the figures).
type timerHeap struct {
	entries []timerEntry
	base    time.Time // when = nanoseconds since base, on the monotonic clock; New sets it
}

// timerEntry is one armed timer: its deadline in nanoseconds on the
// loop's monotonic clock, its registration sequence, and the timer.
type timerEntry struct {
	when int64
	seq  uint64
	t    *Timer
}

// before orders two entries: deadline, then registration.
func (a timerEntry) before(b timerEntry) bool {
	if a.when != b.when {
		return a.when < b.when
	}
	return a.seq < b.seq
}

// ANCHOR_END: timerheap

// ANCHOR: heapops

// push adds an entry.
func (h *timerHeap) push(e timerEntry) {
	h.entries = append(h.entries, e)
	h.up(len(h.entries) - 1)
}

// top returns the earliest entry; ok is false when no timer is armed.
func (h *timerHeap) top() (e timerEntry, ok bool) {
	if len(h.entries) == 0 {
		return timerEntry{}, false
	}
	return h.entries[0], true
}

// popTop removes the first entry, live or not, and returns it.
func (h *timerHeap) popTop() timerEntry {
	e := h.entries[0]
	n := len(h.entries) - 1
	h.entries[0] = h.entries[n]
	h.entries[n] = timerEntry{}
	h.entries = h.entries[:n]
	if n > 0 {
		h.down(0)
	}
	return e
}

func (h *timerHeap) up(i int) {
	es := h.entries
	e := es[i]
	for i > 0 {
		p := (i - 1) / 4
		if !e.before(es[p]) {
			break
		}
		es[i] = es[p]
		i = p
	}
	es[i] = e
}

func (h *timerHeap) down(i int) {
	es := h.entries
	n := len(es)
	e := es[i]
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		best := c
		for k := c + 1; k < c+4 && k < n; k++ {
			if es[k].before(es[best]) {
				best = k
			}
		}
		if !es[best].before(e) {
			break
		}
		es[i] = es[best]
		i = best
	}
	es[i] = e
}

// key returns the heap key of deadline t.
func (h *timerHeap) key(t time.Time) int64 { return int64(t.Sub(h.base)) }

// time returns the deadline whose key is when.
func (h *timerHeap) time(when int64) time.Time { return h.base.Add(time.Duration(when)) }

// ANCHOR_END: heapops
