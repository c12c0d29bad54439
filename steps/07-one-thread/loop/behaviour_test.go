package loop_test

import ()

// These tests hold behaviours of final/loop that a mutation of its code
// once changed without any test noticing. They use only the public API.
