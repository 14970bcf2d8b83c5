package httpdiff

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"time"
)

// Case is one raw exchange of the corpus.
type Case struct {
	Name    string
	Request string   // the bytes sent
	Methods []string // the method of each request expecting an answer; nil means one GET
	Trickle bool     // send the request one byte at a time
	// HalfClose closes the sending side after the request, for requests
	// that end early. The server's answers are then read to the end of
	// the connection, with no probe.
	HalfClose bool
	Profile   string // the server profile, "" for the default one
}

// Outcome is what a server did with a Case.
type Outcome struct {
	// Wire is every byte received, with the Date header's value replaced
	// by "*", including the answer to the probe request sent after the
	// expected answers.
	Wire string
	// Closed reports that the server closed the connection after its
	// answers, instead of answering the probe.
	Closed bool
	// Stalled reports that the server neither answered nor closed within
	// the exchange's time limit.
	Stalled bool
}

// probe is the request sent after the expected answers to learn whether
// the connection was kept alive.
const probe = "GET /hello HTTP/1.1\r\nHost: probe\r\n\r\n"

// Values that differ between any two runs of the same server: the Date
// header's, and the random boundary of multipart/byteranges bodies.
var (
	dateValue = regexp.MustCompile(`(?m)^Date: [^\r\n]*\r$`)
	boundary  = regexp.MustCompile(`[0-9a-f]{60}`)
)

// normalize blanks out the values that differ between runs.
func normalize(wire string) string {
	wire = dateValue.ReplaceAllString(wire, "Date: *\r")
	return boundary.ReplaceAllString(wire, "BOUNDARY")
}

// Exchange sends c's request to addr, reads the expected answers (1xx
// answers other than 101 do not count), then sends the probe. The whole
// exchange is bounded by limit; a server still silent then is Stalled.
func Exchange(addr string, c Case, limit time.Duration) Outcome {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return Outcome{Wire: "dial: " + err.Error()}
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(limit))

	var wire bytes.Buffer
	br := bufio.NewReader(io.TeeReader(conn, &wire))
	send(conn, c.Request, c.Trickle)
	if c.HalfClose {
		conn.(*net.TCPConn).CloseWrite()
	}

	methods := c.Methods
	if methods == nil {
		methods = []string{"GET"}
	}
	out := func(err error) Outcome {
		o := Outcome{Wire: normalize(wire.String())}
		switch {
		case err == nil:
		case errors.Is(err, os.ErrDeadlineExceeded):
			o.Stalled = true
		default:
			o.Closed = true
		}
		return o
	}
	if c.HalfClose {
		_, err := io.Copy(io.Discard, br)
		if err == nil {
			err = io.EOF
		}
		return out(err)
	}
	for _, m := range methods {
		if err := readAnswer(br, m); err != nil {
			return out(err)
		}
	}
	io.WriteString(conn, probe)
	return out(readAnswer(br, "GET"))
}

// send writes s, at once or a byte at a time. Write errors are ignored:
// the server may close early, and what it said is read afterwards.
func send(conn net.Conn, s string, trickle bool) {
	if !trickle {
		io.WriteString(conn, s)
		return
	}
	for i := 0; i < len(s); i++ {
		if _, err := io.WriteString(conn, s[i:i+1]); err != nil {
			return
		}
		time.Sleep(time.Millisecond) // pacing, so each byte is its own segment
	}
}

// readAnswer reads one final response to a request with the given
// method, skipping informational ones, and consumes its body. A 101
// answer switches protocols: the rest of the connection is read to EOF.
func readAnswer(br *bufio.Reader, method string) error {
	for {
		resp, err := http.ReadResponse(br, &http.Request{Method: method})
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusSwitchingProtocols {
			_, err := io.Copy(io.Discard, br)
			if err == nil {
				err = io.EOF
			}
			return err
		}
		if resp.StatusCode >= 100 && resp.StatusCode < 200 {
			continue
		}
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			return err
		}
		return nil
	}
}
