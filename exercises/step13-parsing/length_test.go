//go:build exercises

package parsing

import (
	"errors"
	"testing"

	"github.com/nodeexperiment/gonode/steps/13-parsing/http"
)

// responses are answers framed by Content-Length, as the delay server
// sends them and otherwise.
var responses = []string{
	"HTTP/1.1 302 Found\r\nServer: Cowboy\r\nConnection: close\r\nContent-Length: 35\r\n\r\nRedirecting to http://example.com/\n",
	"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n",
	"HTTP/1.1 200 OK\r\nCONTENT-LENGTH:   5  \r\nX-Body: \r\n\r\n\r\n\r\n\r\n",
	"HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello, world" + "HTTP/1.1 200 OK\r\n",
}

// TestLengthAgreesWithTheParser compares ContentLengthEnd with the
// step's ParseResponse on every prefix of each response: complete
// exactly when the parser has a response, and ending where the parser's
// Raw ends.
func TestLengthAgreesWithTheParser(t *testing.T) {
	for _, r := range responses {
		for n := 0; n <= len(r); n++ {
			data := []byte(r[:n])
			resp, err := http.ParseResponse(data, false)
			end, complete := ContentLengthEnd(data)
			switch {
			case errors.Is(err, http.ErrIncomplete) && complete:
				t.Fatalf("ContentLengthEnd(%q) = %d, true; the response is not complete yet", data, end)
			case err == nil && !complete:
				t.Fatalf("exercise: not done yet: ContentLengthEnd (exercises/step13-parsing/exercise_length.go) "+
					"must see a complete response: for %q it says false; want %d, true", data, len(resp.Raw))
			case err == nil && end != len(resp.Raw):
				t.Fatalf("ContentLengthEnd(%q) = %d; the response ends at %d", data, end, len(resp.Raw))
			case err != nil && !errors.Is(err, http.ErrIncomplete):
				t.Fatalf("the test's response %q does not parse: %v", data, err)
			}
		}
	}
}
