package loop_test

import (
	"errors"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/07-one-thread/loop"
)

// These tests hold behaviours of final/loop that a mutation of its code
// once changed without any test noticing. They use only the public API.
