package lib

// Old is in the base.
func Old() {}
