package behave_test

import (
	"bytes"
	"io"
	"net"
	"testing"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// TestBuffersWriteTo: Buffers.WriteTo writes every piece to a connection (writev) or any other
// writer, consumes the buffers, and fails on a closed connection as net's does.
func TestBuffersWriteTo(t *testing.T) {
	for _, tt := range []struct {
		name   string
		pieces func() [][]byte
	}{
		{"three pieces", func() [][]byte { return [][]byte{[]byte("GET "), []byte("/ "), []byte("HTTP/1.1\r\n")} }},
		{"empty pieces", func() [][]byte { return [][]byte{nil, []byte("a"), {}, []byte("b"), nil} }},
		{"no pieces", func() [][]byte { return nil }},
		{"more pieces than IOV_MAX", func() [][]byte {
			v := make([][]byte, 3000)
			for i := range v {
				v[i] = []byte{byte('a' + i%26), byte('0' + i%10)}
			}
			return v
		}},
		{"4 MiB in 4 pieces", func() [][]byte {
			v := make([][]byte, 4)
			for i := range v {
				v[i] = bytes.Repeat([]byte{byte('w' + i)}, 1<<20)
			}
			return v
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			forStreams(t, func(e *behave.Env, c, s net.Conn) {
				v := tt.pieces()
				want := bytes.Join(v, nil)
				var got []byte
				var rerr error
				wait := e.Go(func() { got, rerr = io.ReadAll(s) })
				n, err := e.Net.WriteBuffers(&v, c)
				e.Record("WriteTo conn", n, len(v), err)
				e.Record("Close", c.Close())
				wait()
				e.Record("peer ReadAll", len(got), bytes.Equal(got, want), rerr)

				v = tt.pieces()
				var buf bytes.Buffer
				n, err = e.Net.WriteBuffers(&v, &buf)
				e.Record("WriteTo bytes.Buffer", n, len(v), bytes.Equal(buf.Bytes(), want), err)

				v = tt.pieces()
				n, err = e.Net.WriteBuffers(&v, c)
				e.Record("WriteTo closed conn", n, len(v), err)
			})
		})
	}
}
