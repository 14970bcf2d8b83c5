package http

import (
	"context"
	"crypto/tls"
	"github.com/eventlet-go/eventlet/green/time"
	"io"
	"net/http"
	"net/url"
)

// A Client is an HTTP client; see [net/http.Client]. It follows
// redirects, applies CheckRedirect and the cookie Jar exactly as
// net/http's Client does (it is built on it), and sends requests through
// Transport, this package's DefaultTransport when nil. Timeout bounds each
// whole exchange, response body included, and its errors read as
// net/http's ("... (Client.Timeout exceeded while awaiting headers)").
type Client struct {
	// Transport sends single requests; nil means DefaultTransport.
	Transport RoundTripper

	// CheckRedirect decides whether to follow a redirect; nil means
	// follow up to 10.
	CheckRedirect func(req *Request, via []*Request) error

	// Jar receives and supplies cookies; nil means cookies are ignored
	// except those set on the request.
	Jar CookieJar

	// Timeout bounds the time of a request, redirects and reading the
	// response body included. Zero means no timeout.
	Timeout time.Duration
}

// DefaultClient is the Client used by Get, Head, Post and PostForm.
var DefaultClient = &Client{}

// Get issues a GET with DefaultClient.
func Get(url string) (resp *Response, err error) { return DefaultClient.Get(url) }

// Head issues a HEAD with DefaultClient.
func Head(url string) (resp *Response, err error) { return DefaultClient.Head(url) }

// Post issues a POST of body with DefaultClient.
func Post(url, contentType string, body io.Reader) (resp *Response, err error) {
	return DefaultClient.Post(url, contentType, body)
}

// PostForm issues a POST of URL-encoded data with DefaultClient.
func PostForm(url string, data url.Values) (resp *Response, err error) {
	return DefaultClient.PostForm(url, data)
}

// std returns net/http's Client doing c's job: same redirect policy and
// jar, c's transport, and c's timeout applied per request by
// deadlineTransport (net/http's own timeout machinery would start a
// goroutine).
func (c *Client) std() *http.Client {
	rt := c.Transport
	if rt == nil {
		rt = DefaultTransport
	}
	if c.Timeout > 0 {
		rt = &deadlineTransport{rt: rt, deadline: time.Now().Add(c.Timeout)}
	}
	return &http.Client{Transport: rt, CheckRedirect: c.CheckRedirect, Jar: c.Jar}
}

// Do sends req, following redirects, and returns the response; see
// [net/http.Client.Do].
func (c *Client) Do(req *Request) (*Response, error) { return c.std().Do(req) }

// Get issues a GET to url.
func (c *Client) Get(url string) (resp *Response, err error) { return c.std().Get(url) }

// Head issues a HEAD to url.
func (c *Client) Head(url string) (resp *Response, err error) { return c.std().Head(url) }

// Post issues a POST of body to url.
func (c *Client) Post(url, contentType string, body io.Reader) (resp *Response, err error) {
	return c.std().Post(url, contentType, body)
}

// PostForm issues a POST of URL-encoded data to url.
func (c *Client) PostForm(url string, data url.Values) (resp *Response, err error) {
	return c.std().PostForm(url, data)
}

// CloseIdleConnections closes the idle connections of the Transport, if
// it has such a method.
func (c *Client) CloseIdleConnections() {
	rt := c.Transport
	if rt == nil {
		rt = DefaultTransport
	}
	if ci, ok := rt.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

// deadlineTransport applies a Client's Timeout to each request sent: the
// request's context gets the deadline (unless it has an earlier one), and
// errors past the deadline are worded as net/http's Client words them.
type deadlineTransport struct {
	rt       RoundTripper
	deadline time.Time
}

func (d *deadlineTransport) RoundTrip(req *Request) (*Response, error) {
	if dl, ok := req.Context().Deadline(); ok && !d.deadline.Before(dl) {
		// The request's own deadline comes first: it rules alone.
		return d.rt.RoundTrip(req)
	}
	ctx, cancel := context.WithDeadline(req.Context(), d.deadline)
	resp, err := d.rt.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		if tlsErr, ok := err.(tls.RecordHeaderError); ok && string(tlsErr.RecordHeader[:]) == "HTTP/" {
			err = ErrSchemeMismatch
		}
		if time.Now().After(d.deadline) {
			err = &timeoutError{err.Error() + " (Client.Timeout exceeded while awaiting headers)"}
		}
		return nil, err
	}
	if resp.Body == nil {
		resp.Body = NoBody
	}
	resp.Body = &cancelTimerBody{rc: resp.Body, stop: cancel, deadline: d.deadline}
	return resp, nil
}

// cancelTimerBody ends a request's deadline when its body is closed, and
// words read errors past the deadline as net/http does.
type cancelTimerBody struct {
	rc       io.ReadCloser
	stop     func()
	deadline time.Time
}

func (b *cancelTimerBody) Read(p []byte) (n int, err error) {
	n, err = b.rc.Read(p)
	if err == nil || err == io.EOF {
		return n, err
	}
	if time.Now().After(b.deadline) {
		err = &timeoutError{err.Error() + " (Client.Timeout or context cancellation while reading body)"}
	}
	return n, err
}

func (b *cancelTimerBody) Close() error {
	err := b.rc.Close()
	b.stop()
	return err
}
