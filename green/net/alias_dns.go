package net

// This file mirrors the DNS records net's lookups return. Looking them up
// blocks and lives with the resolver; the records themselves are data.

import stdnet "net"

// MX is net.MX, a DNS mail exchange record.
type MX = stdnet.MX

// NS is net.NS, a DNS name server record.
type NS = stdnet.NS

// SRV is net.SRV, a DNS service record.
type SRV = stdnet.SRV
