package net

import (
	"context"
	stdnet "net"
	"net/netip"

	"github.com/eventlet-go/eventlet/hub"
)

// Resolver is net.Resolver: it looks names up through net's resolver, on a goroutine of its own
// (hub.Offload) while the calling greenlet parks, so a slow DNS server never stalls the hub. The
// answers and errors are net's. Dial, when set, is called from that goroutine: a green Dial
// works there too.
type Resolver struct {
	PreferGo     bool
	StrictErrors bool
	Dial         func(ctx context.Context, network, address string) (Conn, error)
}

// DefaultResolver is the resolver the package-level Lookup functions and dialing use.
var DefaultResolver = &Resolver{}

// std returns the net.Resolver r stands for.
func (r *Resolver) std() *stdnet.Resolver {
	if r == nil || (!r.PreferGo && !r.StrictErrors && r.Dial == nil) {
		return stdnet.DefaultResolver
	}
	return &stdnet.Resolver{PreferGo: r.PreferGo, StrictErrors: r.StrictErrors, Dial: r.Dial}
}

// offload runs a lookup off the hub and returns its results.
func offload[T any](f func() (T, error)) (T, error) {
	var v T
	var err error
	if oerr := hub.Offload(func() { v, err = f() }); oerr != nil {
		hub.Raise(oerr)
	}
	return v, err
}

// LookupHost looks up host and returns its addresses.
func (r *Resolver) LookupHost(ctx context.Context, host string) ([]string, error) {
	return offload(func() ([]string, error) { return r.std().LookupHost(ctx, host) })
}

// LookupIPAddr looks up host and returns its IPv4 and IPv6 addresses.
func (r *Resolver) LookupIPAddr(ctx context.Context, host string) ([]IPAddr, error) {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []IPAddr{{IP: IP(ip.AsSlice()).To16(), Zone: ip.Zone()}}, nil
	}
	return offload(func() ([]IPAddr, error) { return r.std().LookupIPAddr(ctx, host) })
}

// LookupIP looks up host for network "ip", "ip4" or "ip6".
func (r *Resolver) LookupIP(ctx context.Context, network, host string) ([]IP, error) {
	return offload(func() ([]IP, error) { return r.std().LookupIP(ctx, network, host) })
}

// LookupNetIP looks up host for network "ip", "ip4" or "ip6", as netip addresses.
func (r *Resolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	return offload(func() ([]netip.Addr, error) { return r.std().LookupNetIP(ctx, network, host) })
}

// LookupPort looks up the port of a service name for network ("tcp", "udp"...).
func (r *Resolver) LookupPort(ctx context.Context, network, service string) (int, error) {
	if numeric(service) {
		return r.std().LookupPort(ctx, network, service) // parses the number; no I/O
	}
	return offload(func() (int, error) { return r.std().LookupPort(ctx, network, service) })
}

// numeric reports whether a service is a port number (possibly signed), which needs no lookup.
func numeric(s string) bool {
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// LookupCNAME returns the canonical name of host.
func (r *Resolver) LookupCNAME(ctx context.Context, host string) (string, error) {
	return offload(func() (string, error) { return r.std().LookupCNAME(ctx, host) })
}

// LookupSRV looks up an SRV record.
func (r *Resolver) LookupSRV(ctx context.Context, service, proto, name string) (string, []*SRV, error) {
	type srv struct {
		cname string
		addrs []*SRV
	}
	res, err := offload(func() (srv, error) {
		c, a, err := r.std().LookupSRV(ctx, service, proto, name)
		return srv{c, a}, err
	})
	return res.cname, res.addrs, err
}

// LookupMX returns the MX records of name.
func (r *Resolver) LookupMX(ctx context.Context, name string) ([]*MX, error) {
	return offload(func() ([]*MX, error) { return r.std().LookupMX(ctx, name) })
}

// LookupNS returns the NS records of name.
func (r *Resolver) LookupNS(ctx context.Context, name string) ([]*NS, error) {
	return offload(func() ([]*NS, error) { return r.std().LookupNS(ctx, name) })
}

// LookupTXT returns the TXT records of name.
func (r *Resolver) LookupTXT(ctx context.Context, name string) ([]string, error) {
	return offload(func() ([]string, error) { return r.std().LookupTXT(ctx, name) })
}

// LookupAddr returns the names of addr (reverse lookup).
func (r *Resolver) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	return offload(func() ([]string, error) { return r.std().LookupAddr(ctx, addr) })
}

// LookupHost is DefaultResolver.LookupHost.
func LookupHost(host string) ([]string, error) {
	return DefaultResolver.LookupHost(context.Background(), host)
}

// LookupIP is DefaultResolver.LookupIPAddr, as IPs.
func LookupIP(host string) ([]IP, error) {
	addrs, err := DefaultResolver.LookupIPAddr(context.Background(), host)
	if err != nil {
		return nil, err
	}
	ips := make([]IP, len(addrs))
	for i, a := range addrs {
		ips[i] = a.IP
	}
	return ips, nil
}

// LookupPort is DefaultResolver.LookupPort.
func LookupPort(network, service string) (int, error) {
	return DefaultResolver.LookupPort(context.Background(), network, service)
}

// LookupCNAME is DefaultResolver.LookupCNAME.
func LookupCNAME(host string) (string, error) {
	return DefaultResolver.LookupCNAME(context.Background(), host)
}

// LookupSRV is DefaultResolver.LookupSRV.
func LookupSRV(service, proto, name string) (string, []*SRV, error) {
	return DefaultResolver.LookupSRV(context.Background(), service, proto, name)
}

// LookupMX is DefaultResolver.LookupMX.
func LookupMX(name string) ([]*MX, error) {
	return DefaultResolver.LookupMX(context.Background(), name)
}

// LookupNS is DefaultResolver.LookupNS.
func LookupNS(name string) ([]*NS, error) {
	return DefaultResolver.LookupNS(context.Background(), name)
}

// LookupTXT is DefaultResolver.LookupTXT.
func LookupTXT(name string) ([]string, error) {
	return DefaultResolver.LookupTXT(context.Background(), name)
}

// LookupAddr is DefaultResolver.LookupAddr.
func LookupAddr(addr string) ([]string, error) {
	return DefaultResolver.LookupAddr(context.Background(), addr)
}

// ResolveTCPAddr returns the address of a TCP end point, as net.ResolveTCPAddr does (resolving
// names off the hub).
func ResolveTCPAddr(network, address string) (*TCPAddr, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	case "":
		network = "tcp"
	default:
		return nil, UnknownNetworkError(network)
	}
	addrs, err := DefaultResolver.internetAddrList(context.Background(), network, address)
	if err != nil {
		return nil, err
	}
	return addrs.forResolve(network, address).(*TCPAddr), nil
}

// ResolveUDPAddr returns the address of a UDP end point.
func ResolveUDPAddr(network, address string) (*UDPAddr, error) {
	switch network {
	case "udp", "udp4", "udp6":
	case "":
		network = "udp"
	default:
		return nil, UnknownNetworkError(network)
	}
	addrs, err := DefaultResolver.internetAddrList(context.Background(), network, address)
	if err != nil {
		return nil, err
	}
	return addrs.forResolve(network, address).(*UDPAddr), nil
}

// ResolveIPAddr returns the address of an IP end point.
func ResolveIPAddr(network, address string) (*IPAddr, error) {
	if network == "" {
		network = "ip"
	}
	afnet, _, err := parseNetwork(network, false)
	if err != nil {
		return nil, err
	}
	switch afnet {
	case "ip", "ip4", "ip6":
	default:
		return nil, UnknownNetworkError(network)
	}
	addrs, err := DefaultResolver.internetAddrList(context.Background(), afnet, address)
	if err != nil {
		return nil, err
	}
	return addrs.forResolve(afnet, address).(*IPAddr), nil
}

// ResolveUnixAddr returns the address of a Unix domain socket (nothing to look up: it is net's).
func ResolveUnixAddr(network, address string) (*UnixAddr, error) {
	return stdnet.ResolveUnixAddr(network, address)
}
