package pkg

// ANCHOR: first
// First is shown directly.
func First() int { return 1 }

// ANCHOR_END: first

// ANCHOR: second
// Second is shown through a nested include.
func Second() int { return 2 }

// ANCHOR_END: second

// ANCHOR: third
// Third is named as not shown.
func Third() int { return 3 }

// ANCHOR_END: third

// Fourth is not shown at all.
func Fourth() int { return 4 }
