package net

// This file mirrors net's IP addresses and masks: the types, their
// constructors and parsers, and the well-known addresses. None of them
// blocks.

import stdnet "net"

// IP is net.IP, a single IPv4 or IPv6 address as a slice of bytes.
type IP = stdnet.IP

// IPMask is net.IPMask, a bitmask that selects the network part of an IP
// address.
type IPMask = stdnet.IPMask

// IPNet is net.IPNet, an IP network: an address and its mask.
type IPNet = stdnet.IPNet

// Lengths of IP addresses in bytes, as net declares them.
const (
	IPv4len = stdnet.IPv4len
	IPv6len = stdnet.IPv6len
)

// Well-known IPv4 addresses: the very same values as net's, so comparisons
// and mutations are shared with it.
var (
	IPv4bcast     = stdnet.IPv4bcast     // limited broadcast
	IPv4allsys    = stdnet.IPv4allsys    // all systems
	IPv4allrouter = stdnet.IPv4allrouter // all routers
	IPv4zero      = stdnet.IPv4zero      // all zeros
)

// Well-known IPv6 addresses: the very same values as net's.
var (
	IPv6zero                   = stdnet.IPv6zero
	IPv6unspecified            = stdnet.IPv6unspecified
	IPv6loopback               = stdnet.IPv6loopback
	IPv6interfacelocalallnodes = stdnet.IPv6interfacelocalallnodes
	IPv6linklocalallnodes      = stdnet.IPv6linklocalallnodes
	IPv6linklocalallrouters    = stdnet.IPv6linklocalallrouters
)

// IPv4 returns the IP address (in 16-byte form) of the IPv4 address
// a.b.c.d, as net.IPv4 does.
func IPv4(a, b, c, d byte) IP { return stdnet.IPv4(a, b, c, d) }

// IPv4Mask returns the IP mask (in 4-byte form) of the IPv4 mask a.b.c.d,
// as net.IPv4Mask does.
func IPv4Mask(a, b, c, d byte) IPMask { return stdnet.IPv4Mask(a, b, c, d) }

// CIDRMask returns an IPMask of ones 1 bits followed by 0s up to a total
// length of bits bits, or nil when the arguments are invalid, as
// net.CIDRMask does.
func CIDRMask(ones, bits int) IPMask { return stdnet.CIDRMask(ones, bits) }

// ParseIP parses s as an IPv4 dotted decimal, IPv6 or IPv4-mapped IPv6
// address and returns nil when s is none of them, as net.ParseIP does.
func ParseIP(s string) IP { return stdnet.ParseIP(s) }

// ParseCIDR parses s as a CIDR notation IP address and prefix length and
// returns the address and the network it implies, as net.ParseCIDR does;
// a malformed s yields a *ParseError.
func ParseCIDR(s string) (IP, *IPNet, error) { return stdnet.ParseCIDR(s) }
