// Package other declares a Conn that is no mirror's twin of base.Conn.
package other

// Conn has base.Conn's name in a package that mirrors nothing.
type Conn struct{ Timeout int }
