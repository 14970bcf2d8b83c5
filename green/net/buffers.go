package net

import (
	"io"
	stdnet "net"
)

// Buffers is net.Buffers: bytes to write, in pieces. Written to a green connection, it goes out
// with writev(2), as net.Buffers does on net's connections; to any other writer, it behaves as
// net.Buffers does. It is a type of its own (net's Buffers recognises only net's connections),
// convertible to and from net.Buffers.
type Buffers [][]byte

// buffersWriter is implemented by the green connections that can writev.
type buffersWriter interface {
	writeBuffers(*Buffers) (int64, error)
}

// WriteTo writes the buffers to w, consuming them, and implements io.WriterTo.
func (v *Buffers) WriteTo(w io.Writer) (int64, error) {
	if bw, ok := w.(buffersWriter); ok {
		return bw.writeBuffers(v)
	}
	return (*stdnet.Buffers)(v).WriteTo(w)
}

// Read reads from the buffers, consuming them, and implements io.Reader.
func (v *Buffers) Read(p []byte) (int, error) {
	return (*stdnet.Buffers)(v).Read(p)
}

// writeBuffers writes v with writev, as net's connections do for net.Buffers.
func (c *conn) writeBuffers(v *Buffers) (int64, error) {
	if !c.ok() {
		return 0, errInvalid
	}
	n, err := c.fd.writeBuffers((*[][]byte)(v))
	if err != nil {
		return n, &OpError{Op: "writev", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return n, nil
}
