//step:file writing

package loop_test

import (
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/loop"
)

// TestFailedConnGivesQueuedWritesTheError queues writes behind more bytes
// than the socket takes, to a client that reads nothing and then resets
// the connection. Those writes were never handed to the OS, so each
// callback must get the error that ended the connection, once; a nil
// would tell the program its bytes were sent.
func TestFailedConnGivesQueuedWritesTheError(t *testing.T) {
	const writes = 3
	var results []error
	err := runNet(t, func(rt *loop.Runtime) {
		acceptOne(t, rt, func(c *loop.Conn) {
			c.Write(make([]byte, 16<<20), nil) // far more than the socket buffers hold
			for range writes {
				c.Write([]byte("queued behind"), func(err error) {
					results = append(results, err)
					if len(results) == writes {
						c.Close(nil)
					}
				})
			}
		}, func(addr string) { resetAfter(t, addr, nil, 100*time.Millisecond) }) // let the server queue its writes
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != writes {
		t.Fatalf("%d of %d queued write callbacks ran", len(results), writes)
	}
	for i, err := range results {
		if err == nil {
			t.Errorf("queued write %d: callback got nil on a connection that was reset", i+1)
		}
	}
	t.Logf("the queued writes got: %v", results[0])
}
