//go:build !linux

package http

import "github.com/eventlet-go/eventlet/green/net"

// peekOne is not available here; canPollReadable says so.
func peekOne(uintptr) bool { return true }

// canPollReadable reports that readiness cannot be waited for here
// without reading: idle connections read one byte ahead instead.
const canPollReadable = false

// peerClosed cannot look at an idle connection without blocking here; it
// assumes it alive, and a dead one is found when used (and the request
// retried when that is safe).
func peerClosed(net.Conn) bool { return false }
