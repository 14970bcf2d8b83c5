package net

// This file mirrors net's error types and error values. The values are
// net's own, so errors.Is and == hold between errors of green and stdlib
// code; the types are aliases, so errors.As finds them in either.

import stdnet "net"

// Error is net.Error, a network error that says whether it is a timeout.
type Error = stdnet.Error

// OpError is net.OpError, the error the functions and methods of net (and
// of this package) return: the operation, network and addresses it
// concerned, and the underlying error.
type OpError = stdnet.OpError

// AddrError is net.AddrError, an error about an address.
type AddrError = stdnet.AddrError

// DNSError is net.DNSError, a DNS lookup error.
type DNSError = stdnet.DNSError

// DNSConfigError is net.DNSConfigError, an error reading the machine's DNS
// configuration.
type DNSConfigError = stdnet.DNSConfigError

// ParseError is net.ParseError, the error of a parser of addresses.
type ParseError = stdnet.ParseError

// UnknownNetworkError is net.UnknownNetworkError, the error of a network
// name no function knows.
type UnknownNetworkError = stdnet.UnknownNetworkError

// InvalidAddrError is net.InvalidAddrError, the error of an address that
// is not valid for the operation.
type InvalidAddrError = stdnet.InvalidAddrError

// ErrClosed is net.ErrClosed itself: the error of an I/O call on a network
// connection or listener that has been closed, wrapped in an *OpError.
var ErrClosed = stdnet.ErrClosed

// ErrWriteToConnected is net.ErrWriteToConnected itself: the error of a
// WriteTo call on a connected packet connection.
var ErrWriteToConnected = stdnet.ErrWriteToConnected
