package httpdiff

import (
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	ghttp "github.com/eventlet-go/eventlet/green/http"
)

// ClientConfig is a client configuration applied identically to a
// net/http client and a green/http client.
type ClientConfig struct {
	Timeout               time.Duration
	DisableCompression    bool
	DisableKeepAlives     bool
	ResponseHeaderTimeout time.Duration
	ExpectContinueTimeout time.Duration
	MaxConnsPerHost       int
	Jar                   http.CookieJar
	CheckRedirect         func(req *http.Request, via []*http.Request) error
	Proxy                 func(*http.Request) (*url.URL, error)
	TLSClientConfig       *tls.Config
}

// Client is what both packages' clients offer.
type Client interface {
	Do(*http.Request) (*http.Response, error)
	CloseIdleConnections()
}

// NewStdClient returns a net/http client configured by cfg.
func NewStdClient(cfg ClientConfig) Client {
	return &http.Client{
		Timeout:       cfg.Timeout,
		Jar:           cfg.Jar,
		CheckRedirect: cfg.CheckRedirect,
		Transport: &http.Transport{
			Proxy:                 cfg.Proxy,
			DisableCompression:    cfg.DisableCompression,
			DisableKeepAlives:     cfg.DisableKeepAlives,
			ResponseHeaderTimeout: cfg.ResponseHeaderTimeout,
			ExpectContinueTimeout: cfg.ExpectContinueTimeout,
			MaxConnsPerHost:       cfg.MaxConnsPerHost,
			TLSClientConfig:       cfg.TLSClientConfig,
		},
	}
}

// NewGreenClient returns a green/http client configured by cfg.
func NewGreenClient(cfg ClientConfig) Client {
	return &ghttp.Client{
		Timeout:       cfg.Timeout,
		Jar:           cfg.Jar,
		CheckRedirect: cfg.CheckRedirect,
		Transport: &ghttp.Transport{
			Proxy:                 cfg.Proxy,
			DisableCompression:    cfg.DisableCompression,
			DisableKeepAlives:     cfg.DisableKeepAlives,
			ResponseHeaderTimeout: cfg.ResponseHeaderTimeout,
			ExpectContinueTimeout: cfg.ExpectContinueTimeout,
			MaxConnsPerHost:       cfg.MaxConnsPerHost,
			TLSClientConfig:       cfg.TLSClientConfig,
		},
	}
}

// Result is what a client got for one request, in comparable form.
type Result struct {
	Err              string
	Status           string
	Proto            string
	Header           map[string][]string // without Date
	Body             string
	BodyErr          string
	Trailer          map[string][]string
	ContentLength    int64
	TransferEncoding []string
	Close            bool
	Uncompressed     bool
	TLS              bool
}

// Do sends req with c and reads the whole response.
func Do(c Client, req *http.Request) Result {
	resp, err := c.Do(req)
	if err != nil {
		r := Result{Err: err.Error()}
		if resp != nil {
			r.Status = resp.Status
			resp.Body.Close()
		}
		return r
	}
	defer resp.Body.Close()
	body, berr := io.ReadAll(resp.Body)
	r := Result{
		Status:           resp.Status,
		Proto:            resp.Proto,
		Header:           resp.Header.Clone(),
		Body:             string(body),
		Trailer:          resp.Trailer,
		ContentLength:    resp.ContentLength,
		TransferEncoding: resp.TransferEncoding,
		Close:            resp.Close,
		Uncompressed:     resp.Uncompressed,
		TLS:              resp.TLS != nil,
	}
	delete(r.Header, "Date")
	if berr != nil {
		r.BodyErr = berr.Error()
	}
	return r
}

// DescribeRequest writes what a server received, for handlers that echo
// requests: method, URI, protocol, host, header (sorted; the client's
// port aside), framing, trailer and body.
func DescribeRequest(r *http.Request) string {
	var b strings.Builder
	body, err := io.ReadAll(r.Body)
	fmt.Fprintf(&b, "%s %s %s host=%q\n", r.Method, r.RequestURI, r.Proto, r.Host)
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range r.Header {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "%s: %q\n", k, r.Header[k])
	}
	fmt.Fprintf(&b, "cl=%d te=%q close=%v\nbody=%q err=%v trailer=%v\n", r.ContentLength, r.TransferEncoding, r.Close, body, err, r.Trailer)
	return b.String()
}
