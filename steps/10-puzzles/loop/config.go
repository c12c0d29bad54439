// ANCHOR: config

package loop

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// DefaultPoolSize is the number of pool threads when nothing else is
// asked for: 4, as in libuv.
const DefaultPoolSize = 4

// MaxPoolSize is the largest pool New accepts, libuv's limit.
const MaxPoolSize = 1024

// EnvPoolSize is the environment variable that ConfigFromEnv reads the
// pool size from, named as in libuv and Node.
const EnvPoolSize = "UV_THREADPOOL_SIZE"

// Config says how New builds a runtime.
type Config struct {
	// PoolSize is the number of pool threads, from 1 to MaxPoolSize;
	// zero means DefaultPoolSize.
	PoolSize int
}

// ANCHOR_END: config

// ANCHOR: configfromenv

// ConfigFromEnv returns the configuration the environment asks for: the
// pool size from UV_THREADPOOL_SIZE, or DefaultPoolSize when it is unset
// or empty. Where libuv quietly clamps a bad value, this returns an
// error that names the variable, so a typo does not go unnoticed. It is
// safe from any goroutine.
func ConfigFromEnv() (Config, error) {
	s := os.Getenv(EnvPoolSize)
	if s == "" {
		return Config{PoolSize: DefaultPoolSize}, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > MaxPoolSize {
		return Config{}, fmt.Errorf("%s=%q: want a whole number from 1 to %d", EnvPoolSize, s, MaxPoolSize)
	}
	return Config{PoolSize: n}, nil
}

// ANCHOR_END: configfromenv

// ANCHOR: poolsize

// poolSize returns the pool size c asks for, or an error if it is out
// of range.
func (c Config) poolSize() (int, error) {
	switch {
	case c.PoolSize == 0:
		return DefaultPoolSize, nil
	case c.PoolSize < 1 || c.PoolSize > MaxPoolSize:
		return 0, fmt.Errorf("loop: pool size %d: want 1 to %d threads", c.PoolSize, MaxPoolSize)
	}
	return c.PoolSize, nil
}

// ANCHOR_END: poolsize
