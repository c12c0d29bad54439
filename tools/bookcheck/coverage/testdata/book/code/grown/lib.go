package lib

// Old is in the base.
func Old() {}

// Added is new here.
func Added() {}
