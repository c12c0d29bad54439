//go:build exercises

package main

import "testing"

// TestPartitionLetsTheLoopTurn runs 1000 items 100 at a time while a
// watcher, a 0 ms timer that sets itself again, looks at the progress in
// every tick: it must see the work part done, never more than a chunk
// further than the time before.
func TestPartitionLetsTheLoopTurn(t *testing.T) {
	const items, chunk = 1000, 100
	var did []int
	var seen []int
	dones := 0
	runJS(t, func() {
		Partition(items, chunk, func(i int) { did = append(did, i) }, func() { dones++ })
		var watch func(Js)
		watch = func(Js) {
			seen = append(seen, len(did))
			if len(did) < items && len(seen) < 10*items {
				SetTimeout(0, watch)
			}
		}
		SetTimeout(0, watch)
	})
	if dones != 1 || len(did) != items {
		t.Fatalf("done ran %d times after %d items, want once after %d", dones, len(did), items)
	}
	for i, v := range did {
		if v != i {
			t.Fatalf("item %d was the %d-th to run: the items must run in order, once each", v, i)
		}
	}
	between := 0
	for i, n := range seen {
		if n > 0 && n < items {
			between++
		}
		if i > 0 && n-seen[i-1] > chunk {
			t.Fatalf("between two looks the work went from %d to %d items: more than a chunk of %d in one callback", seen[i-1], n, chunk)
		}
	}
	if between < items/chunk/2 {
		t.Fatalf("a timer looked at the progress %v: it saw the work part done only %d times; the loop must turn between chunks", seen, between)
	}
}

// TestPartitionSmallAndEmpty: fewer items than a chunk, and none.
func TestPartitionSmallAndEmpty(t *testing.T) {
	for _, items := range []int{5, 0} {
		did, dones := 0, 0
		runJS(t, func() {
			Partition(items, 100, func(int) { did++ }, func() { dones++ })
		})
		if did != items || dones != 1 {
			t.Fatalf("%d items: work ran %d times and done %d times, want %d and once", items, did, dones, items)
		}
	}
}
