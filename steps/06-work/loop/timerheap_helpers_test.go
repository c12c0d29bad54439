package loop

// len returns the number of entries, cleared ones included.
func (h *timerHeap) len() int { return len(h.entries) }
