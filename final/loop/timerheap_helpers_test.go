package loop

// len returns the number of entries, cleared ones included.
func (h *timerHeap) len() int { return len(h.entries) }

//step:begin timers

// armed returns the number of armed timers.
func (h *timerHeap) armed() int { return len(h.entries) - h.dead }

//step:end timers
