package loop

import "time"

// ANCHOR: timerlists

// timerLists holds the armed timers the way Node does
// (lib/internal/timers.js): one list per delay, and a priority queue of
// the lists. A timer goes to the tail of its delay's list, so arming is
// O(1) whenever the list exists: since the loop's clock only goes
// forward, a list's timers are in deadline order, and its head is its
// earliest. The queue orders the lists by their head's deadline, then by
// the list's id, as Node's compareTimersLists does: a list gets a new id
// when it is made and each time the timers phase leaves it with timers
// not yet due. The queue is a four-ary min-heap of list pointers; with a
// million timers spread over a hundred delays it holds a hundred lists.
//
// A cleared timer is not taken out at once: its entry stays in its list,
// is dropped when it reaches the head, and is swept out when dead entries
// are more than half of all. Clearing is O(1) and needs no index in the
// Timer.
type timerLists struct {
	byDelay map[time.Duration]*timerList
	queue   []*timerList // min-heap: earliest head first, then lowest id
	entries int          // in all lists, cleared ones included
	dead    int          // entries whose timer was cleared
	nextID  uint64       // the next list id
	base    time.Time    // when = nanoseconds since base, on the monotonic clock; New sets it
}

// timerList is the armed timers of one delay, in the order they were
// armed: entries[head:] are live or dead entries, earliest first.
type timerList struct {
	delay   time.Duration
	entries []timerEntry
	head    int
	id      uint64 // breaks ties between lists with the same head deadline
	index   int    // position in the queue; -1 once out of it
}

// timerEntry is one armed timer: its deadline in nanoseconds on the
// loop's monotonic clock, its registration sequence, and the timer.
type timerEntry struct {
	when int64
	seq  uint64
	t    *Timer
}

// ANCHOR_END: timerlists

// ANCHOR: listops
// ANCHOR: current

// isCurrent reports whether the entry is its timer's current one: the
// timer is armed, and was not armed again since (Refresh) under a newer
// seq.
func (e timerEntry) isCurrent() bool {
	return e.t.active && e.t.state == armed && e.t.seq == e.seq
}

// ANCHOR_END: current

// push adds an entry at the tail of the list for delay, making the list
// if there is none.
func (h *timerLists) push(delay time.Duration, e timerEntry) {
	h.entries++
	l := h.byDelay[delay]
	if l == nil {
		if h.byDelay == nil {
			h.byDelay = map[time.Duration]*timerList{}
		}
		l = &timerList{delay: delay, id: h.newID()}
		h.byDelay[delay] = l
		l.entries = append(l.entries, e)
		l.index = len(h.queue)
		h.queue = append(h.queue, l)
		h.up(l.index)
		return
	}
	if n := len(l.entries); n > l.head && e.when < l.entries[n-1].when {
		// Only a clock that went back (a test's) gets here: keep the
		// list in deadline order.
		i := n
		for i > l.head && e.when < l.entries[i-1].when {
			i--
		}
		l.entries = append(l.entries, timerEntry{})
		copy(l.entries[i+1:], l.entries[i:])
		l.entries[i] = e
		h.fix(l)
		return
	}
	l.entries = append(l.entries, e)
}

func (h *timerLists) newID() uint64 { h.nextID++; return h.nextID }

// ANCHOR: live

// first returns the list with the earliest live head and that head,
// dropping cleared entries on the way; ok is false when no timer is
// armed.
func (h *timerLists) first() (l *timerList, e timerEntry, ok bool) {
	for len(h.queue) > 0 {
		l = h.queue[0]
		e = l.entries[l.head]
		if h.dead == 0 || e.isCurrent() {
			return l, e, true
		}
		h.take(l)
		h.dead--
	}
	return nil, timerEntry{}, false
}

// head returns l's earliest live entry, dropping cleared ones; ok is
// false when l has none (it is then out of the queue).
func (h *timerLists) head(l *timerList) (e timerEntry, ok bool) {
	for l.index >= 0 {
		e = l.entries[l.head]
		if h.dead == 0 || e.isCurrent() { // no dead entry: no need to look
			return e, true
		}
		h.take(l)
		h.dead--
	}
	return timerEntry{}, false
}

// ANCHOR_END: live

// take removes l's head entry, live or not, and puts l where its new head
// belongs in the queue, or takes it out of the queue (and forgets it, as
// Node deletes an empty list) if it is empty.
func (h *timerLists) take(l *timerList) timerEntry {
	e := l.entries[l.head]
	l.entries[l.head] = timerEntry{}
	l.head++
	h.entries--
	if l.head == len(l.entries) {
		h.remove(l)
		return e
	}
	if l.head >= 64 && l.head*2 >= len(l.entries) {
		n := copy(l.entries, l.entries[l.head:])
		clear(l.entries[n:])
		l.entries, l.head = l.entries[:n], 0
	}
	h.fix(l)
	return e
}

// renew gives l a new id, behind every list there is, as Node does when
// its timers phase leaves a list whose head is not due yet.
func (h *timerLists) renew(l *timerList) {
	if l.index >= 0 {
		l.id = h.newID()
		h.fix(l)
	}
}

// remove takes l out of the queue and forgets it.
func (h *timerLists) remove(l *timerList) {
	i := l.index
	n := len(h.queue) - 1
	if i != n {
		h.queue[i] = h.queue[n]
		h.queue[i].index = i
	}
	h.queue[n] = nil
	h.queue = h.queue[:n]
	if i != n {
		h.fix(h.queue[i])
	}
	l.index = -1
	if h.byDelay[l.delay] == l {
		delete(h.byDelay, l.delay)
	}
}

// ANCHOR: sweep

// cleared records that one entry's timer was cleared, and sweeps the
// dead entries out when they are more than half of all.
func (h *timerLists) cleared() {
	h.dead++
	if h.dead < 64 || h.dead*2 < h.entries {
		return
	}
	for _, l := range h.queue {
		live := l.entries[:0]
		for _, e := range l.entries[l.head:] {
			if e.isCurrent() {
				live = append(live, e)
			}
		}
		clear(l.entries[len(live):])
		l.entries, l.head = live, 0
	}
	h.entries -= h.dead
	h.dead = 0
	for _, l := range append([]*timerList(nil), h.queue...) {
		if len(l.entries) == 0 {
			h.remove(l)
		}
	}
	for i := (len(h.queue) - 2) / 4; i >= 0; i-- {
		h.down(i)
	}
}

// ANCHOR_END: sweep

// before orders two lists in the queue: head deadline, then id.
func (h *timerLists) before(a, b *timerList) bool {
	x, y := a.entries[a.head].when, b.entries[b.head].when
	if x != y {
		return x < y
	}
	return a.id < b.id
}

// fix moves l up or down the queue to where its head belongs.
func (h *timerLists) fix(l *timerList) {
	h.up(l.index)
	h.down(l.index)
}

func (h *timerLists) up(i int) {
	q := h.queue
	l := q[i]
	for i > 0 {
		p := (i - 1) / 4
		if !h.before(l, q[p]) {
			break
		}
		q[i] = q[p]
		q[i].index = i
		i = p
	}
	q[i] = l
	l.index = i
}

func (h *timerLists) down(i int) {
	q := h.queue
	n := len(q)
	l := q[i]
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		best := c
		for k := c + 1; k < c+4 && k < n; k++ {
			if h.before(q[k], q[best]) {
				best = k
			}
		}
		if !h.before(q[best], l) {
			break
		}
		q[i] = q[best]
		q[i].index = i
		i = best
	}
	q[i] = l
	l.index = i
}

// key returns the queue key of deadline t.
func (h *timerLists) key(t time.Time) int64 { return int64(t.Sub(h.base)) }

// time returns the deadline whose key is when.
func (h *timerLists) time(when int64) time.Time { return h.base.Add(time.Duration(when)) }

// ANCHOR_END: listops
