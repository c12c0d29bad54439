package loop

// len returns the number of entries, cleared ones included.
func (h *timerLists) len() int { return h.entries }
