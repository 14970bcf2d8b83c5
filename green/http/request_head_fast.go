package http

import (
	"bufio"
	"bytes"
	"math"
	"net/textproto"
	"net/url"
	"strings"
)

// The fast path for plain request heads. Nearly every request a server sees is a request line of
// printable ASCII and a few "Name: value" lines, each ended by CRLF, already whole in the
// connection's buffer. readRequestHeadFast parses such a head with one string allocation (all
// names and values are substrings of it) and no textproto.Reader, and leaves everything else —
// any byte that could make an error, a folded line, a bare LF, a head not yet buffered — to the
// net/textproto path, which gives each error its exact text. So the fast path never answers
// differently from the slow one: it either produces what the slow path would have, or declines
// having consumed nothing. TestFastHeadMatchesSlow and FuzzFastHead hold it to that.

// maxFastHeaders bounds the header lines the fast path takes; longer heads take the slow path.
const maxFastHeaders = 32

// headInfo is what the head's Host header said, and whether the header's names and values are
// known to be valid (the fast path checks them as it scans).
type headInfo struct {
	hosts   int    // Host header lines
	host    string // the first one's value
	checked bool   // every name is a token and no value has a control byte
}

// headerLine locates one header line in a head: name is [start, colon), value (untrimmed) is
// (colon, end). The offsets are within a bufio.Reader's buffer; 16 bits keep the array of them
// small on the stack of every connection's greenthread.
type headerLine struct{ start, colon, end uint16 }

// readRequestHeadFast parses the request line and header block of a plain head wholly in b's
// buffer into req and u (req.URL points to u unless the target needed url.ParseRequestURI), as
// readRequestHead's net/textproto path would. The Host header is reported in info and not put
// in req.Header. It reports false, having consumed and set nothing, for any head it does not
// take.
func readRequestHeadFast(b *bufio.Reader, req *Request, u *url.URL, info *headInfo) bool {
	buf, _ := b.Peek(b.Buffered())
	if len(buf) > math.MaxUint16 {
		return false // headerLine's offsets would overflow (the server's readers have 4 KiB)
	}

	// The request line: printable ASCII, ended by CRLF.
	n := bytes.IndexByte(buf, '\n')
	if n < 1 || buf[n-1] != '\r' {
		return false
	}
	lineEnd := n - 1
	for _, c := range buf[:lineEnd] {
		if c < ' ' || c >= 0x7f {
			return false
		}
	}

	// The header lines, up to the empty one: a token, a colon, a value without control bytes.
	var lines [maxFastHeaders]headerLine
	nlines, hosts := 0, 0
	i := n + 1
	for {
		n := bytes.IndexByte(buf[i:], '\n')
		if n < 1 || buf[i+n-1] != '\r' {
			return false // a bare LF, or the head is not all buffered
		}
		end := i + n - 1
		if end == i {
			i += 2
			break
		}
		if nlines == maxFastHeaders {
			return false
		}
		colon := i
		for colon < end && isTokenByte[buf[colon]] {
			colon++
		}
		if colon == i || colon == end || buf[colon] != ':' {
			return false // an empty or invalid name (or a folded line), or no colon
		}
		for _, c := range buf[colon+1 : end] {
			if (c < ' ' && c != '\t') || c >= 0x7f {
				return false
			}
		}
		if colon-i == 4 && equalFoldASCII(string(buf[i:colon]), "Host") {
			if hosts++; hosts > 1 {
				return false // "too many Host headers", from the slow path
			}
		}
		lines[nlines] = headerLine{uint16(i), uint16(colon), uint16(end)}
		nlines++
		i += n + 1
	}

	head := string(buf[:i])
	method, uri, proto, ok := parseRequestLine(head[:lineEnd])
	if !ok || !validHeaderFieldName(method) || method == "CONNECT" {
		return false
	}
	var minor int
	switch proto {
	case "HTTP/1.1":
		minor = 1
	case "HTTP/1.0":
		minor = 0
	default:
		return false
	}
	target := u
	if !parsePlainRequestURI(uri, u) {
		var err error
		if target, err = url.ParseRequestURI(uri); err != nil {
			return false
		}
	}

	header := make(Header, nlines-hosts)
	var strs []string
	if nlines > hosts {
		strs = make([]string, nlines-hosts)
	}
	for _, l := range lines[:nlines] {
		key := textproto.CanonicalMIMEHeaderKey(head[l.start:l.colon])
		value := strings.Trim(head[l.colon+1:l.end], " \t")
		if key == "Host" {
			info.host = value
			continue
		}
		if vv, ok := header[key]; ok {
			header[key] = append(vv, value)
			continue
		}
		// As textproto does: a one-element slice of a shared block, capped so an append to one
		// value does not overwrite the next.
		strs[0] = value
		header[key], strs = strs[:1:1], strs[1:]
	}

	b.Discard(i)
	req.Method, req.RequestURI, req.Proto = method, uri, proto
	req.ProtoMajor, req.ProtoMinor = 1, minor
	req.URL = target
	req.Header = header
	info.hosts = hosts
	info.checked = true
	return true
}

// isPathByte marks the bytes a URL path keeps as they are: net/url neither unescapes nor escapes
// them, so a path made of them is its own Path, with no RawPath.
var isPathByte = byteSet("-_.~$&+,/:;=@" +
	"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

// parsePlainRequestURI parses into u a request target that is an absolute path of isPathByte
// bytes with an optional query of printable ASCII, giving what url.ParseRequestURI gives for it.
// It reports false, leaving u alone, for any other target.
func parsePlainRequestURI(uri string, u *url.URL) bool {
	if uri == "" || uri[0] != '/' {
		return false
	}
	path, query, hasQuery := strings.Cut(uri, "?")
	for i := 0; i < len(path); i++ {
		if !isPathByte[path[i]] {
			return false
		}
	}
	for i := 0; i < len(query); i++ {
		if c := query[i]; c <= ' ' || c >= 0x7f {
			return false
		}
	}
	*u = url.URL{Path: path, RawQuery: query, ForceQuery: hasQuery && query == ""}
	return true
}
