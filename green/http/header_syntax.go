package http

import (
	"net/textproto"
	"strings"
)

// The syntax checks of RFC 9110 and RFC 3986 the server applies to what
// in golang.org/x/text for its IDNA helpers.)

// tokenChars are the bytes of an RFC 9110 token (tchar).
const tokenChars = "!#$%&'*+-.^_`|~0123456789" +
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// hostChars are the bytes a Host header may contain: RFC 3986's
// unreserved and sub-delims characters, '%' of percent-encoding and IPv6
// zones, and ":[]" of IPv6 literals and ports.
const hostChars = "-._~" + "!$&'()*+,;=" + "%:[]" +
	"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

var isTokenByte, isHostByte = byteSet(tokenChars), byteSet(hostChars)

func byteSet(chars string) (set [256]bool) {
	for i := 0; i < len(chars); i++ {
		set[chars[i]] = true
	}
	return set
}

// validHeaderFieldName reports whether v is a non-empty token.
func validHeaderFieldName(v string) bool {
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !isTokenByte[v[i]] {
			return false
		}
	}
	return true
}

// validHeaderFieldValue reports whether v has no control bytes other than
// space and tab.
func validHeaderFieldValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if b := v[i]; (b < ' ' && b != '\t') || b == 0x7f {
			return false
		}
	}
	return true
}

// validHostHeader reports whether every byte of h may appear in a host
// and port. It checks bytes only, not the grammar.
func validHostHeader(h string) bool {
	for i := 0; i < len(h); i++ {
		if !isHostByte[h[i]] {
			return false
		}
	}
	return true
}

// forbiddenTrailers are the fields RFC 9110 section 6.5.1 forbids in a
// trailer: framing, routing, authentication, controls and content metadata.
var forbiddenTrailers = map[string]bool{
	"Authorization": true, "Cache-Control": true, "Connection": true,
	"Content-Encoding": true, "Content-Length": true, "Content-Range": true,
	"Content-Type": true, "Expect": true, "Host": true, "Keep-Alive": true,
	"Max-Forwards": true, "Pragma": true, "Proxy-Authenticate": true,
	"Proxy-Authorization": true, "Proxy-Connection": true, "Range": true,
	"Realm": true, "Te": true, "Trailer": true, "Transfer-Encoding": true,
	"Www-Authenticate": true,
}

// validTrailerHeader reports whether name may be sent as a trailer
// (conditional "If-" fields may not either).
func validTrailerHeader(name string) bool {
	name = textproto.CanonicalMIMEHeaderKey(name)
	return !strings.HasPrefix(name, "If-") && !forbiddenTrailers[name]
}

// headerValuesContainsToken reports whether any comma-separated element
// of values equals token, ignoring ASCII case and surrounding spaces and
// tabs.
func headerValuesContainsToken(values []string, token string) bool {
	for _, v := range values {
		for elem := range strings.SplitSeq(v, ",") {
			if tokenEqualFold(strings.Trim(elem, " \t"), token) {
				return true
			}
		}
	}
	return false
}

// tokenEqualFold is equalFoldASCII that rejects non-ASCII bytes in t.
func tokenEqualFold(t, token string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] >= 0x80 {
			return false
		}
	}
	return equalFoldASCII(t, token)
}
