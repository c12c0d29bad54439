package main

import "testing"

func TestParseStraceC(t *testing.T) {
	text := `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 60.00    0.000600           1       400           read
 40.00    0.000400           2       200        20 openat
------ ----------- ----------- --------- --------- ----------------
100.00    0.001000           1       600        20 total
`
	c, err := parseStraceC(text)
	if err != nil || c.Total != 600 || c.ByName["read"] != 400 || c.ByName["openat"] != 200 || len(c.ByName) != 2 {
		t.Fatalf("parseStraceC = %+v, %v; want 600 in all, read 400, openat 200", c, err)
	}
	if _, err := parseStraceC("strace: something went wrong\n"); err == nil {
		t.Fatal("a summary with no total line parsed without an error")
	}
}
