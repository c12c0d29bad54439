package loop

import (
	"testing"
	"time"
)
