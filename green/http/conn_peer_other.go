//go:build !linux

package http

import "net"

// peerClosed cannot look at an idle connection without blocking here; it
// assumes it alive, and a dead one is found when used (and the request
// retried when that is safe).
func peerClosed(net.Conn) bool { return false }
