package http

import (
	"net/textproto"
	"strings"
)

// hasToken reports whether token (lower case ASCII) appears in v as a
// whole element of a comma or space separated list, ignoring ASCII case.
func hasToken(v, token string) bool {
	if len(token) > len(v) || token == "" {
		return false
	}
	if v == token {
		return true
	}
	for sp := 0; sp <= len(v)-len(token); sp++ {
		if b := v[sp]; b != token[0] && b|0x20 != token[0] {
			continue
		}
		if sp > 0 && !isTokenBoundary(v[sp-1]) {
			continue
		}
		if end := sp + len(token); end != len(v) && !isTokenBoundary(v[end]) {
			continue
		}
		if equalFoldASCII(v[sp:sp+len(token)], token) {
			return true
		}
	}
	return false
}

func isTokenBoundary(b byte) bool {
	return b == ' ' || b == ',' || b == '\t'
}

// equalFoldASCII is strings.EqualFold restricted to ASCII: "chunKed" with
// a Kelvin sign must not pass for "chunked".
func equalFoldASCII(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lowerASCII(s[i]) != lowerASCII(t[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + ('a' - 'A')
	}
	return b
}

// headerGet is Header.Get for a key already in canonical form.
func headerGet(h Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// headerHas reports whether h has key (canonical), even with no values.
func headerHas(h Header, key string) bool {
	_, ok := h[key]
	return ok
}

// foreachHeaderElement calls fn for each non-empty element of the
// comma-separated list v.
func foreachHeaderElement(v string, fn func(string)) {
	v = textproto.TrimString(v)
	if v == "" {
		return
	}
	if !strings.Contains(v, ",") {
		fn(v)
		return
	}
	for f := range strings.SplitSeq(v, ",") {
		if f = textproto.TrimString(f); f != "" {
			fn(f)
		}
	}
}

// shouldClose reports whether a message of the given version and header
// asks for the connection to close after it: always before HTTP/1, on
// "Connection: close", and for HTTP/1.0 unless it says keep-alive.
func shouldClose(major, minor int, header Header, removeCloseHeader bool) bool {
	if major < 1 {
		return true
	}
	conv := header["Connection"]
	hasClose := headerValuesContainsToken(conv, "close")
	if major == 1 && minor == 0 {
		return hasClose || !headerValuesContainsToken(conv, "keep-alive")
	}
	if hasClose && removeCloseHeader {
		header.Del("Connection")
	}
	return hasClose
}

// bodyAllowedForStatus reports whether a response with status may carry
// a body: not 1xx, 204 or 304.
func bodyAllowedForStatus(status int) bool {
	switch {
	case status >= 100 && status <= 199:
		return false
	case status == 204, status == 304:
		return false
	}
	return true
}

var (
	suppressedHeaders304    = []string{"Content-Type", "Content-Length", "Transfer-Encoding"}
	suppressedHeadersNoBody = []string{"Content-Length", "Transfer-Encoding"}
	excludedHeadersNoBody   = map[string]bool{"Content-Length": true, "Transfer-Encoding": true}
)

// suppressedHeaders lists the headers a bodiless status must not send.
func suppressedHeaders(status int) []string {
	switch {
	case status == 304:
		return suppressedHeaders304
	case !bodyAllowedForStatus(status):
		return suppressedHeadersNoBody
	}
	return nil
}

// isProtocolSwitchResponse reports whether a response switches protocols
// (101 with Upgrade and "Connection: Upgrade").
func isProtocolSwitchResponse(code int, h *headerSnapshot) bool {
	return code == StatusSwitchingProtocols && h.get("Upgrade") != "" &&
		headerValuesContainsToken(h.values("Connection"), "Upgrade")
}
