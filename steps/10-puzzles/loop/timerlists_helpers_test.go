package loop

// len returns the number of entries, cleared ones included.
func (h *timerLists) len() int { return h.entries }

// armed returns the number of armed timers.
func (h *timerLists) armed() int { return h.entries - h.dead }

// before orders two entries: deadline, then registration.
func (a timerEntry) before(b timerEntry) bool {
	if a.when != b.when {
		return a.when < b.when
	}
	return a.seq < b.seq
}
