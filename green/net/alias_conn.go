package net

// This file mirrors net's connection interfaces and the data types that
// configure or feed connections. The interfaces are net's own, so green
// connections satisfy every stdlib consumer of them (crypto/tls, bufio,
// io.Copy) and stdlib connections satisfy green code.

import stdnet "net"

// Conn is net.Conn, a generic stream-oriented network connection.
type Conn = stdnet.Conn

// PacketConn is net.PacketConn, a generic packet-oriented network
// connection.
type PacketConn = stdnet.PacketConn

// Listener is net.Listener, a generic network listener for stream-oriented
// protocols.
type Listener = stdnet.Listener

// KeepAliveConfig is net.KeepAliveConfig, the TCP keep-alive options of a
// dialer, a listen config or a connection.
type KeepAliveConfig = stdnet.KeepAliveConfig
