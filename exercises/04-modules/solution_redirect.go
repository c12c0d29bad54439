//go:build exercises && solution

package main

// The reference answer to the exercise of exercise_redirect.go. Try that file first.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"github.com/nodeexperiment/gonode/chapters/04-modules/minimio"
)

// ANCHOR: start

// GetFollow is GetSlow that follows one redirect. It asks the delay server
// for url after delayMs milliseconds, as GetSlow does; when the answer is a
// redirect (301, 302, 303, 307 or 308 with a Location), it asks for that
// location, whose host must be an "ip:port", and calls cb on the main
// thread with the second answer, whatever it is (another redirect is not
// followed). Any other answer goes to cb as it is, and any error as an
// error. Like GetSlow, the wait for each answer is the event queue's job:
// the main thread never blocks on it.
//
// The first request is GetSlow's own; the second starts in GetSlow's
// callback, on the main thread, and is one more stream registered with the
// event queue, so a program's timers and other callbacks run while the
// second server takes its time.
func (h httpModule) GetFollow(rawURL string, delayMs int, cb func(Js)) {
	first := "http://" + h.Server + fmt.Sprintf("/delay/%d/url/http://%s", delayMs, rawURL)
	h.GetSlow(rawURL, delayMs, func(v Js) {
		response, ok := v.AsString()
		if !ok {
			cb(v) // GetSlow's error
			return
		}
		target, err := redirectTarget(first, response)
		if err != nil {
			cb(JsError(fmt.Errorf("Http.GetFollow: %w", err)))
			return
		}
		if target == nil {
			cb(v) // not a redirect
			return
		}
		get(target, cb)
	})
}

// redirectTarget returns where response redirects to, resolved against
// the URL that was asked for, or nil if it is not a redirect.
func redirectTarget(asked, response string) (*url.URL, error) {
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(response)), nil)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	switch resp.StatusCode {
	case 301, 302, 303, 307, 308:
	default:
		return nil, nil
	}
	location := resp.Header.Get("Location")
	if location == "" {
		return nil, fmt.Errorf("a %d redirect without a Location", resp.StatusCode)
	}
	base, err := url.Parse(asked)
	if err != nil {
		return nil, err
	}
	ref, err := url.Parse(location)
	if err != nil {
		return nil, fmt.Errorf("redirect: %w", err)
	}
	return base.ResolveReference(ref), nil
}

// get asks target's host for target's path, and calls cb on the main
// thread with the answer, once the event queue says it is there.
func get(target *url.URL, cb func(Js)) {
	rt := current
	fail := func(err error) {
		rt.callBackWithError(cb, fmt.Errorf("Http.GetFollow: redirect to %s: %w", target, err))
	}
	if target.Scheme != "http" {
		fail(errors.New("only http is followed"))
		return
	}
	if _, err := netip.ParseAddrPort(target.Host); err != nil {
		fail(errors.New("the host must be an ip:port (this module does no DNS)"))
		return
	}
	stream, err := minimio.Connect(target.Host)
	if err != nil {
		fail(err)
		return
	}
	request := fmt.Sprintf("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target.RequestURI(), target.Host)
	if _, err := io.WriteString(stream, request); err != nil {
		stream.Close()
		fail(err)
		return
	}
	token := rt.generateIdentity()
	if err := rt.registrator.Register(stream, minimio.Token(token), minimio.Readable); err != nil {
		stream.Close()
		fail(err)
		return
	}
	rt.registerEventEpoll(token, func(Js) {
		response, err := readResponse(stream)
		if err != nil {
			cb(JsError(fmt.Errorf("Http.GetFollow: %w", err)))
			return
		}
		cb(JsString(response))
	})
}

// ANCHOR_END: start
