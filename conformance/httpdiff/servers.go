package httpdiff

import (
	"bytes"
	"io"
	"log"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	ghttp "github.com/eventlet-go/eventlet/green/http"
	gnet "github.com/eventlet-go/eventlet/green/net"
)

// Profile is a server configuration applied identically to both servers
// of a Pair.
type Profile struct {
	MaxHeaderBytes               int
	ReadTimeout                  time.Duration
	ReadHeaderTimeout            time.Duration
	WriteTimeout                 time.Duration
	IdleTimeout                  time.Duration
	DisableKeepAlives            bool
	DisableGeneralOptionsHandler bool
}

// Pair is a net/http server and a green/http server serving the same
// handler with the same profile, each on its own loopback listener.
type Pair struct {
	Std, Green       string // listening addresses
	StdLog, GreenLog *LogBuffer
	std              *http.Server
	green            *ghttp.Server
}

// StartPair starts both servers, each with the handler handler makes for
// it. Close stops them.
func StartPair(p Profile, handler func(Limits) http.Handler) (*Pair, error) {
	stdLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	greenLn, err := gnet.Listen("tcp", "127.0.0.1:0") // green conns: a stdlib one would stall the hub
	if err != nil {
		stdLn.Close()
		return nil, err
	}
	pair := &Pair{
		Std:      stdLn.Addr().String(),
		Green:    greenLn.Addr().String(),
		StdLog:   new(LogBuffer),
		GreenLog: new(LogBuffer),
	}
	pair.std = &http.Server{
		Handler:                      handler(Limits{http.MaxBytesReader, http.MaxBytesHandler, http.TimeoutHandler}),
		MaxHeaderBytes:               p.MaxHeaderBytes,
		ReadTimeout:                  p.ReadTimeout,
		ReadHeaderTimeout:            p.ReadHeaderTimeout,
		WriteTimeout:                 p.WriteTimeout,
		IdleTimeout:                  p.IdleTimeout,
		DisableGeneralOptionsHandler: p.DisableGeneralOptionsHandler,
		ErrorLog:                     log.New(pair.StdLog, "", 0),
	}
	pair.green = &ghttp.Server{
		Handler:                      handler(Limits{ghttp.MaxBytesReader, ghttp.MaxBytesHandler, ghttp.TimeoutHandler}),
		MaxHeaderBytes:               p.MaxHeaderBytes,
		ReadTimeout:                  p.ReadTimeout,
		ReadHeaderTimeout:            p.ReadHeaderTimeout,
		WriteTimeout:                 p.WriteTimeout,
		IdleTimeout:                  p.IdleTimeout,
		DisableGeneralOptionsHandler: p.DisableGeneralOptionsHandler,
		ErrorLog:                     log.New(pair.GreenLog, "", 0),
	}
	if p.DisableKeepAlives {
		pair.std.SetKeepAlivesEnabled(false)
		pair.green.SetKeepAlivesEnabled(false)
	}
	go pair.std.Serve(stdLn)
	go pair.green.Serve(greenLn)
	return pair, nil
}

// Close closes both servers.
func (p *Pair) Close() {
	p.std.Close()
	p.green.Close()
}

// LogBuffer collects a server's error log.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends to the log.
func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String returns the log so far.
func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Messages returns the log's messages with what differs between servers
// and runs removed: stack traces, client addresses, and the source
// position in "from pkg.Func (file:line)" suffixes.
func (l *LogBuffer) Messages() []string {
	var msgs []string
	for _, line := range strings.Split(l.String(), "\n") {
		if !strings.HasPrefix(line, "http: ") {
			continue
		}
		line = clientAddr.ReplaceAllString(line, "ADDR")
		line = callerSuffix.ReplaceAllString(line, "")
		msgs = append(msgs, line)
	}
	return msgs
}

var (
	clientAddr   = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	callerSuffix = regexp.MustCompile(` from \S+ \(\S+:\d+\)$`)
)

var _ io.Writer = (*LogBuffer)(nil)
