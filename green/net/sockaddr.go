package net

import (
	"os"
	"strconv"
	"sync"

	stdnet "net"

	"golang.org/x/sys/unix"
)

// The address helpers net has as methods on its address types (which are aliases here, so they
// are functions): family, wildcard, conversion to and from kernel socket addresses.

// addrFamily is the address family an Addr calls for.
func addrFamily(a Addr) int {
	switch a := opAddr(a).(type) {
	case *TCPAddr:
		return ipFamily(a.IP)
	case *UDPAddr:
		return ipFamily(a.IP)
	case *IPAddr:
		return ipFamily(a.IP)
	case *UnixAddr:
		return unix.AF_UNIX
	}
	return unix.AF_INET
}

func ipFamily(ip IP) int {
	if len(ip) <= IPv4len || ip.To4() != nil {
		return unix.AF_INET
	}
	return unix.AF_INET6
}

// isWildcard reports whether a leaves the address to the kernel.
func isWildcard(a Addr) bool {
	switch a := a.(type) {
	case *TCPAddr:
		return a == nil || a.IP == nil || a.IP.IsUnspecified()
	case *UDPAddr:
		return a == nil || a.IP == nil || a.IP.IsUnspecified()
	case *IPAddr:
		return a == nil || a.IP == nil || a.IP.IsUnspecified()
	case *UnixAddr:
		return a == nil || a.Name == ""
	}
	return a == nil
}

// opAddr returns a as an Addr, nil when it is a nil pointer (OpError must not hold a typed nil).
func opAddr(a Addr) Addr {
	switch a := a.(type) {
	case *TCPAddr:
		if a == nil {
			return nil
		}
	case *UDPAddr:
		if a == nil {
			return nil
		}
	case *IPAddr:
		if a == nil {
			return nil
		}
	case *UnixAddr:
		if a == nil {
			return nil
		}
	}
	return a
}

// toSockaddr converts a to the kernel's address for family (nil for a nil address).
func toSockaddr(a Addr, family int) (unix.Sockaddr, error) {
	switch a := a.(type) {
	case *TCPAddr:
		if a == nil {
			return nil, nil
		}
		return ipToSockaddr(family, a.IP, a.Port, a.Zone)
	case *UDPAddr:
		if a == nil {
			return nil, nil
		}
		return ipToSockaddr(family, a.IP, a.Port, a.Zone)
	case *IPAddr:
		if a == nil {
			return nil, nil
		}
		return ipToSockaddr(family, a.IP, 0, a.Zone)
	case *UnixAddr:
		if a == nil {
			return nil, nil
		}
		return &unix.SockaddrUnix{Name: a.Name}, nil
	}
	return nil, nil
}

func ipToSockaddr(family int, ip IP, port int, zone string) (unix.Sockaddr, error) {
	switch family {
	case unix.AF_INET:
		if len(ip) == 0 {
			ip = IPv4zero
		}
		ip4 := ip.To4()
		if ip4 == nil {
			return nil, &AddrError{Err: "non-IPv4 address", Addr: ip.String()}
		}
		sa := &unix.SockaddrInet4{Port: port}
		copy(sa.Addr[:], ip4)
		return sa, nil
	case unix.AF_INET6:
		if len(ip) == 0 || ip.Equal(IPv4zero) {
			ip = IPv6zero
		}
		ip6 := ip.To16()
		if ip6 == nil {
			return nil, &AddrError{Err: "non-IPv6 address", Addr: ip.String()}
		}
		sa := &unix.SockaddrInet6{Port: port, ZoneId: uint32(zoneIndex(zone))}
		copy(sa.Addr[:], ip6)
		return sa, nil
	}
	return nil, &AddrError{Err: "invalid address family", Addr: ip.String()}
}

// toLocal is a, with the unspecified address replaced by loopback (for connecting to oneself).
func toLocal(a Addr, net string) Addr {
	loop := func(ip IP) IP {
		if ip == nil || ip.IsUnspecified() {
			if ip != nil && ip.To4() == nil {
				return IPv6loopback
			}
			return IPv4(127, 0, 0, 1)
		}
		return ip
	}
	switch a := a.(type) {
	case *TCPAddr:
		return &TCPAddr{IP: loop(a.IP), Port: a.Port, Zone: a.Zone}
	case *UDPAddr:
		return &UDPAddr{IP: loop(a.IP), Port: a.Port, Zone: a.Zone}
	case *IPAddr:
		return &IPAddr{IP: loop(a.IP), Zone: a.Zone}
	}
	return a
}

func sockaddrToTCP(sa unix.Sockaddr) Addr {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return &TCPAddr{IP: sa.Addr[0:], Port: sa.Port}
	case *unix.SockaddrInet6:
		return &TCPAddr{IP: sa.Addr[0:], Port: sa.Port, Zone: zoneName(int(sa.ZoneId))}
	}
	return nil
}

func sockaddrToUDP(sa unix.Sockaddr) Addr {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return &UDPAddr{IP: sa.Addr[0:], Port: sa.Port}
	case *unix.SockaddrInet6:
		return &UDPAddr{IP: sa.Addr[0:], Port: sa.Port, Zone: zoneName(int(sa.ZoneId))}
	}
	return nil
}

func sockaddrToIP(sa unix.Sockaddr) Addr {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return &IPAddr{IP: sa.Addr[0:]}
	case *unix.SockaddrInet6:
		return &IPAddr{IP: sa.Addr[0:], Zone: zoneName(int(sa.ZoneId))}
	}
	return nil
}

func sockaddrToUnix(sa unix.Sockaddr) Addr       { return unixAddr(sa, "unix") }
func sockaddrToUnixgram(sa unix.Sockaddr) Addr   { return unixAddr(sa, "unixgram") }
func sockaddrToUnixpacket(sa unix.Sockaddr) Addr { return unixAddr(sa, "unixpacket") }

func unixAddr(sa unix.Sockaddr, net string) Addr {
	if s, ok := sa.(*unix.SockaddrUnix); ok {
		return &UnixAddr{Name: s.Name, Net: net}
	}
	return nil
}

// addrFunc returns the converter of kernel addresses for fd's family and type.
func (fd *netFD) addrFunc() func(unix.Sockaddr) Addr {
	switch fd.family {
	case unix.AF_INET, unix.AF_INET6:
		switch fd.sotype {
		case unix.SOCK_STREAM:
			return sockaddrToTCP
		case unix.SOCK_DGRAM:
			return sockaddrToUDP
		case unix.SOCK_RAW:
			return sockaddrToIP
		}
	case unix.AF_UNIX:
		switch fd.sotype {
		case unix.SOCK_STREAM:
			return sockaddrToUnix
		case unix.SOCK_DGRAM:
			return sockaddrToUnixgram
		case unix.SOCK_SEQPACKET:
			return sockaddrToUnixpacket
		}
	}
	return func(unix.Sockaddr) Addr { return nil }
}

// zoneIndex and zoneName convert IPv6 zones (interface names) to and from indexes, as net's
// zone cache does: a number is taken as an index.
func zoneIndex(zone string) int {
	if zone == "" {
		return 0
	}
	if ifi, err := stdnet.InterfaceByName(zone); err == nil {
		return ifi.Index
	}
	n, err := strconv.Atoi(zone)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

func zoneName(index int) string {
	if index == 0 {
		return ""
	}
	if ifi, err := stdnet.InterfaceByIndex(index); err == nil {
		return ifi.Name
	}
	return strconv.Itoa(index)
}

// The kernel's IP support, probed once as net does.
var ipStack struct {
	once       sync.Once
	ipv4       bool
	ipv6       bool
	ipv4MapIP6 bool
}

func probeIPStack() {
	ipStack.once.Do(func() {
		ipStack.ipv4 = probeBind(unix.AF_INET, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}, false)
		ipStack.ipv6 = probeBind(unix.AF_INET6, &unix.SockaddrInet6{Addr: [16]byte{15: 1}}, true)
		ipStack.ipv4MapIP6 = probeBind(unix.AF_INET6, &unix.SockaddrInet6{Addr: [16]byte{10: 0xff, 11: 0xff, 12: 127, 15: 1}}, false)
	})
}

func probeBind(family int, sa unix.Sockaddr, v6only bool) bool {
	s, err := unix.Socket(family, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, unix.IPPROTO_TCP)
	if err != nil {
		return false
	}
	defer unix.Close(s)
	if family == unix.AF_INET6 {
		unix.SetsockoptInt(s, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, boolint(v6only))
	}
	return unix.Bind(s, sa) == nil
}

func supportsIPv4() bool    { probeIPStack(); return ipStack.ipv4 }
func supportsIPv4map() bool { probeIPStack(); return ipStack.ipv4MapIP6 }

// favoriteAddrFamily picks the family of a socket for network and its addresses, as net does:
// a dual-stack IPv6 socket for a wildcard listener when the kernel maps IPv4 into IPv6.
func favoriteAddrFamily(network string, laddr, raddr Addr, mode string) (family int, ipv6only bool) {
	switch network[len(network)-1] {
	case '4':
		return unix.AF_INET, false
	case '6':
		return unix.AF_INET6, true
	}
	laddr, raddr = opAddr(laddr), opAddr(raddr)
	if mode == "listen" && (laddr == nil || isWildcard(laddr)) {
		if supportsIPv4map() || !supportsIPv4() {
			return unix.AF_INET6, false
		}
		if laddr == nil {
			return unix.AF_INET, false
		}
		return addrFamily(laddr), false
	}
	if (laddr == nil || addrFamily(laddr) == unix.AF_INET) && (raddr == nil || addrFamily(raddr) == unix.AF_INET) {
		return unix.AF_INET, false
	}
	return unix.AF_INET6, false
}

// readFileSmall reads a small file (a /proc entry, /etc/protocols).
func readFileSmall(name string) ([]byte, error) { return os.ReadFile(name) }
