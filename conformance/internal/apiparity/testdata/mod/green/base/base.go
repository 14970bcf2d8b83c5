// Package base mirrors example.test/std/base correctly.
package base

import "example.test/std/base"

// Kind aliases base.Kind.
type Kind = base.Kind

// Addr aliases base.Addr.
type Addr = base.Addr

// Conn is the green twin of base.Conn.
type Conn struct {
	Timeout int
	parked  bool
}

// Read reads from the connection.
func (c *Conn) Read(p []byte) (int, error) { return 0, nil }

// Dup returns a copy of the connection.
func (c *Conn) Dup() *Conn { return c }

// Peer returns the remote address.
func (c Conn) Peer() Addr { return Addr{} }

// Dial connects to a.
func Dial(a Addr) (*Conn, error) { return nil, nil }
