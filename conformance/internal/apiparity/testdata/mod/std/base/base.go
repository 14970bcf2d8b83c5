// Package base plays a stdlib package whose types other packages mention.
package base

// Kind is a named basic type the mirror aliases.
type Kind int

// Addr is a struct the mirror aliases.
type Addr struct{ Host string }

// Conn blocks, so the mirror declares its own twin.
type Conn struct {
	Timeout int
	fd      int
}

// Read reads from the connection.
func (c *Conn) Read(p []byte) (int, error) { return c.fd, nil }

// Dup returns a copy of the connection.
func (c *Conn) Dup() *Conn { return c }

// Peer returns the remote address.
func (c Conn) Peer() Addr { return Addr{} }

// Dial connects to a.
func Dial(a Addr) (*Conn, error) { return nil, nil }
