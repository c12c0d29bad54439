//go:build exercises && !solution

package parsing

// Exercise step 13, Length: find the end of a response framed by
// Content-Length, without the standard library's reader.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run Length ./exercises/step13-parsing
//
// The reference answer is in solution_length.go; the same test runs it
// with -tags exercises,solution.

// ANCHOR: start

// ContentLengthEnd looks at data, the bytes a server has sent so far in
// answer to a GET, and reports where the response ends: the index just
// past its body, and true, once the header (up to its blank line, "\r\n"
// line ends) and Content-Length bytes of body have come; 0 and false
// while more must come. The responses it is given have one
// Content-Length header, of any letter case, and no other framing. Bytes
// after the end belong to the next response.
//
// This starting point waits for ever.
func ContentLengthEnd(data []byte) (end int, complete bool) {
	return 0, false
}

// ANCHOR_END: start
