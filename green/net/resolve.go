package net

import (
	"bufio"
	"bytes"
	"context"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
)

// addrList is the resolved addresses of one dial or listen.
type addrList []Addr

// parseNetwork splits "ip4:icmp" into its family network and protocol, and rejects unknown
// networks with net's UnknownNetworkError.
func parseNetwork(network string, needsProto bool) (afnet string, proto int, err error) {
	i := strings.LastIndexByte(network, ':')
	if i < 0 {
		switch network {
		case "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6", "unix", "unixgram", "unixpacket":
		case "ip", "ip4", "ip6":
			if needsProto {
				return "", 0, UnknownNetworkError(network)
			}
		default:
			return "", 0, UnknownNetworkError(network)
		}
		return network, 0, nil
	}
	afnet = network[:i]
	switch afnet {
	case "ip", "ip4", "ip6":
		protostr := network[i+1:]
		if n, err := strconv.Atoi(protostr); err == nil && n >= 0 && strconv.Itoa(n) == protostr {
			return afnet, n, nil
		}
		proto, err := lookupProtocol(protostr)
		if err != nil {
			return "", 0, err
		}
		return afnet, proto, nil
	}
	return "", 0, UnknownNetworkError(network)
}

// protocols is /etc/protocols, read once, with net's fallbacks for the common ones.
var protocols = sync.OnceValue(func() map[string]int {
	m := map[string]int{"icmp": 1, "igmp": 2, "tcp": 6, "udp": 17, "ipv6-icmp": 58}
	b, err := os.ReadFile("/etc/protocols")
	if err != nil {
		return m
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		n, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		for _, name := range append([]string{f[0]}, f[2:]...) {
			if _, ok := m[name]; !ok {
				m[name] = n
			}
		}
	}
	return m
})

func lookupProtocol(name string) (int, error) {
	if n, ok := protocols()[strings.ToLower(name)]; ok {
		return n, nil
	}
	return 0, &AddrError{Err: "unknown IP protocol specified", Addr: name}
}

// resolveAddrList resolves addr for a dial or listen on network, as net's resolver does.
func (r *Resolver) resolveAddrList(ctx context.Context, op, network, addr string, hint Addr) (addrList, error) {
	afnet, _, err := parseNetwork(network, true)
	if err != nil {
		return nil, err
	}
	if op == "dial" && addr == "" {
		return nil, errMissingAddress
	}
	hint = opAddr(hint)
	switch afnet {
	case "unix", "unixgram", "unixpacket":
		ua, err := ResolveUnixAddr(afnet, addr)
		if err != nil {
			return nil, err
		}
		if op == "dial" && hint != nil && ua.Network() != hint.Network() {
			return nil, &AddrError{Err: "mismatched local address type", Addr: hint.String()}
		}
		return addrList{ua}, nil
	}
	addrs, err := r.internetAddrList(ctx, afnet, addr)
	if err != nil || op != "dial" || hint == nil {
		return addrs, err
	}
	var hintIP IP
	switch h := hint.(type) {
	case *TCPAddr:
		hintIP = h.IP
	case *UDPAddr:
		hintIP = h.IP
	case *IPAddr:
		hintIP = h.IP
	}
	wildcard := isWildcard(hint)
	naddrs := addrs[:0]
	for _, a := range addrs {
		if a.Network() != hint.Network() {
			return nil, &AddrError{Err: "mismatched local address type", Addr: hint.String()}
		}
		if !wildcard && !isWildcard(a) && !matchAddrFamily(addrIP(a), hintIP) {
			continue
		}
		naddrs = append(naddrs, a)
	}
	if len(naddrs) == 0 {
		return nil, &AddrError{Err: errNoSuitableAddress, Addr: hint.String()}
	}
	return naddrs, nil
}

func addrIP(a Addr) IP {
	switch a := a.(type) {
	case *TCPAddr:
		return a.IP
	case *UDPAddr:
		return a.IP
	case *IPAddr:
		return a.IP
	}
	return nil
}

func matchAddrFamily(ip, x IP) bool {
	return ip.To4() != nil && x.To4() != nil || ip.To16() != nil && ip.To4() == nil && x.To16() != nil && x.To4() == nil
}

// internetAddrList resolves "host:port" (or a bare host for IP networks) to addresses.
func (r *Resolver) internetAddrList(ctx context.Context, net, addr string) (addrList, error) {
	var host, port string
	var portnum int
	var err error
	switch net {
	case "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6":
		if addr != "" {
			if host, port, err = SplitHostPort(addr); err != nil {
				return nil, err
			}
			if portnum, err = r.LookupPort(ctx, net, port); err != nil {
				return nil, err
			}
		}
	case "ip", "ip4", "ip6":
		host = addr
	default:
		return nil, UnknownNetworkError(net)
	}
	inetaddr := func(ip IPAddr) Addr {
		switch net {
		case "tcp", "tcp4", "tcp6":
			return &TCPAddr{IP: ip.IP, Port: portnum, Zone: ip.Zone}
		case "udp", "udp4", "udp6":
			return &UDPAddr{IP: ip.IP, Port: portnum, Zone: ip.Zone}
		}
		return &IPAddr{IP: ip.IP, Zone: ip.Zone}
	}
	if host == "" {
		return addrList{inetaddr(IPAddr{})}, nil
	}
	ips, err := r.lookupIPAddr(ctx, net, host)
	if err != nil {
		return nil, err
	}
	if len(ips) == 1 && ips[0].IP.Equal(IPv6unspecified) {
		ips = append(ips, IPAddr{IP: IPv4zero})
	}
	var filter func(IPAddr) bool
	switch net[len(net)-1] {
	case '4':
		filter = func(a IPAddr) bool { return a.IP.To4() != nil }
	case '6':
		filter = func(a IPAddr) bool { return len(a.IP) == IPv6len && a.IP.To4() == nil }
	}
	var addrs addrList
	for _, ip := range ips {
		if filter == nil || filter(ip) {
			addrs = append(addrs, inetaddr(ip))
		}
	}
	if len(addrs) == 0 {
		return nil, &AddrError{Err: errNoSuitableAddress, Addr: host}
	}
	return addrs, nil
}

// lookupIPAddr resolves host: a literal at once, a name through the resolver (off the hub).
func (r *Resolver) lookupIPAddr(ctx context.Context, net, host string) ([]IPAddr, error) {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []IPAddr{{IP: IP(ip.AsSlice()).To16(), Zone: ip.Zone()}}, nil
	}
	switch net[len(net)-1] {
	case '4', '6':
		ips, err := r.LookupIP(ctx, "ip"+net[len(net)-1:], host)
		if err != nil {
			return nil, err
		}
		out := make([]IPAddr, len(ips))
		for i, ip := range ips {
			out[i] = IPAddr{IP: ip}
		}
		return out, nil
	}
	return r.LookupIPAddr(ctx, host)
}

// partition splits addrs into the leading run of one family (primaries) and the rest.
func (addrs addrList) partition(strategy func(Addr) bool) (primaries, fallbacks addrList) {
	var primaryLabel bool
	for i, a := range addrs {
		label := strategy(a)
		if i == 0 || label == primaryLabel {
			primaryLabel = label
			primaries = append(primaries, a)
		} else {
			fallbacks = append(fallbacks, a)
		}
	}
	return primaries, fallbacks
}

func isIPv4(a Addr) bool {
	return addrIP(a).To4() != nil
}

// forResolve picks the address a Resolve*Addr function returns, as net does.
func (addrs addrList) forResolve(network, addr string) Addr {
	var want6 bool
	switch network {
	case "ip":
		want6 = strings.Count(addr, ":") > 0
	case "tcp", "udp":
		want6 = strings.Count(addr, "[") > 0
	}
	for _, a := range addrs {
		if isIPv4(a) != want6 {
			return a
		}
	}
	return addrs[0]
}
