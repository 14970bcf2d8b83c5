package net

// This file mirrors net's network addresses: the Addr interface, the
// address of each network, and host:port joining and splitting. None of
// them blocks; resolving a name into an address does, and lives with the
// resolver.

import (
	stdnet "net"
	"net/netip"
)

// Addr is net.Addr, a network end point address.
type Addr = stdnet.Addr

// TCPAddr is net.TCPAddr, the address of a TCP end point.
type TCPAddr = stdnet.TCPAddr

// UDPAddr is net.UDPAddr, the address of a UDP end point.
type UDPAddr = stdnet.UDPAddr

// UnixAddr is net.UnixAddr, the address of a Unix domain socket end point.
type UnixAddr = stdnet.UnixAddr

// IPAddr is net.IPAddr, the address of an IP end point.
type IPAddr = stdnet.IPAddr

// TCPAddrFromAddrPort returns addr as a *TCPAddr, as
// net.TCPAddrFromAddrPort does; an invalid addr yields a TCPAddr with a nil
// IP.
func TCPAddrFromAddrPort(addr netip.AddrPort) *TCPAddr { return stdnet.TCPAddrFromAddrPort(addr) }

// UDPAddrFromAddrPort returns addr as a *UDPAddr, as
// net.UDPAddrFromAddrPort does; an invalid addr yields a UDPAddr with a nil
// IP.
func UDPAddrFromAddrPort(addr netip.AddrPort) *UDPAddr { return stdnet.UDPAddrFromAddrPort(addr) }

// JoinHostPort combines host and port into a network address of the form
// "host:port", bracketing a host that contains a colon, as net.JoinHostPort
// does.
func JoinHostPort(host, port string) string { return stdnet.JoinHostPort(host, port) }

// SplitHostPort splits a network address of the form "host:port",
// "host%zone:port", "[host]:port" or "[host%zone]:port" into host (or
// host%zone) and port, as net.SplitHostPort does; a malformed hostport
// yields an *AddrError.
func SplitHostPort(hostport string) (host, port string, err error) {
	return stdnet.SplitHostPort(hostport)
}
