package behave_test

import (
	"net"
	"slices"
	"testing"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// TestLookup: the Lookup functions answer and fail as net's do (green/net asks net's resolver
// off the hub).
func TestLookup(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		addrs, err := e.Net.LookupHost("localhost")
		slices.Sort(addrs)
		e.Record("LookupHost localhost", addrs, err)
		addrs, err = e.Net.LookupHost("no-such-host.invalid")
		e.Record("LookupHost .invalid", addrs, err)
		for _, tt := range []struct{ network, service string }{
			{"tcp", "http"}, {"udp", "domain"}, {"tcp", "8080"}, {"tcp", "no-such-service"}, {"tcpx", "80"}, {"tcp", "99999"},
		} {
			port, err := e.Net.LookupPort(tt.network, tt.service)
			e.Record("LookupPort "+tt.network+" "+tt.service, port, err)
		}
		ips, err := e.Net.LookupIP("127.0.0.1")
		e.Record("LookupIP literal", len(ips), err)
		ips, err = e.Net.LookupIP("no-such-host.invalid")
		e.Record("LookupIP .invalid", ips == nil, err)
	})
}

// TestDialName: dialing "localhost" reaches a listener on a loopback address it resolves to, or
// fails as net's does (on a host whose localhost has no IPv6 address, say).
func TestDialName(t *testing.T) {
	for _, tt := range []struct{ network, address string }{
		{"tcp4", "127.0.0.1:0"},
		{"tcp6", "[::1]:0"},
	} {
		t.Run(tt.network, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) {
				ln, err := e.Net.Listen(tt.network, tt.address)
				e.Must(err)
				defer ln.Close()
				_, port, err := net.SplitHostPort(ln.Addr().String())
				e.Must(err)
				e.Name(ln.Addr(), "listener")
				e.NameString(net.JoinHostPort("127.0.0.1", port), "127.0.0.1:port")
				c, err := e.Net.Dial("tcp", net.JoinHostPort("localhost", port))
				if err != nil {
					e.Record("Dial", err)
					return
				}
				defer c.Close()
				e.Record("RemoteAddr", c.RemoteAddr())
			})
		})
	}
}
