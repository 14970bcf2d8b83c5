package net

import (
	"context"
	"errors"
	"net/netip"
	"syscall"

	"golang.org/x/sys/unix"
)

// UDPConn is net.UDPConn for green sockets.
type UDPConn struct {
	conn
}

func newUDPConn(fd *netFD) *UDPConn { return &UDPConn{conn{fd}} }

func (c *UDPConn) readErr(err error) error {
	if err != nil {
		return &OpError{Op: "read", Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
	}
	return nil
}

// ReadFromUDP reads a datagram and returns its sender. A datagram longer than b is truncated.
func (c *UDPConn) ReadFromUDP(b []byte) (n int, addr *UDPAddr, err error) {
	if !c.ok() {
		return 0, nil, syscall.EINVAL
	}
	n, sa, err := c.fd.readFrom(b)
	if err == nil {
		addr, _ = sockaddrToUDP(sa).(*UDPAddr)
	}
	return n, addr, c.readErr(err)
}

// ReadFrom implements the PacketConn ReadFrom method.
func (c *UDPConn) ReadFrom(b []byte) (int, Addr, error) {
	n, addr, err := c.ReadFromUDP(b)
	if addr == nil {
		return n, nil, err
	}
	return n, addr, err
}

// ReadFromUDPAddrPort is ReadFrom returning a netip.AddrPort.
func (c *UDPConn) ReadFromUDPAddrPort(b []byte) (n int, addr netip.AddrPort, err error) {
	if !c.ok() {
		return 0, netip.AddrPort{}, syscall.EINVAL
	}
	n, sa, err := c.fd.readFrom(b)
	if err == nil {
		addr = sockaddrToAddrPort(sa)
	}
	return n, addr, c.readErr(err)
}

func sockaddrToAddrPort(sa unix.Sockaddr) netip.AddrPort {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port))
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(sa.Addr).WithZone(zoneName(int(sa.ZoneId))), uint16(sa.Port))
	}
	return netip.AddrPort{}
}

// ReadMsgUDP reads a message with ancillary data into oob; flags are the message's.
func (c *UDPConn) ReadMsgUDP(b, oob []byte) (n, oobn, flags int, addr *UDPAddr, err error) {
	var ap netip.AddrPort
	n, oobn, flags, ap, err = c.ReadMsgUDPAddrPort(b, oob)
	if ap.IsValid() {
		addr = UDPAddrFromAddrPort(ap)
	}
	return
}

// ReadMsgUDPAddrPort is ReadMsgUDP returning a netip.AddrPort.
func (c *UDPConn) ReadMsgUDPAddrPort(b, oob []byte) (n, oobn, flags int, addr netip.AddrPort, err error) {
	if !c.ok() {
		return 0, 0, 0, netip.AddrPort{}, syscall.EINVAL
	}
	var sa unix.Sockaddr
	n, oobn, flags, sa, err = c.fd.readMsg(b, oob, 0)
	if sa == nil {
		// As net does, a failed read still reports the zero address of the socket's family.
		if c.fd.family == unix.AF_INET6 {
			sa = &unix.SockaddrInet6{}
		} else {
			sa = &unix.SockaddrInet4{}
		}
	}
	return n, oobn, flags, sockaddrToAddrPort(sa), c.readErr(err)
}

// WriteToUDP sends a datagram to addr.
func (c *UDPConn) WriteToUDP(b []byte, addr *UDPAddr) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.writeTo(b, addr)
	if err != nil {
		err = &OpError{Op: "write", Net: c.fd.net, Source: c.fd.laddr, Addr: opAddr(addr), Err: err}
	}
	return n, err
}

func (c *UDPConn) writeTo(b []byte, addr *UDPAddr) (int, error) {
	if c.fd.isConnected {
		return 0, ErrWriteToConnected
	}
	if addr == nil {
		return 0, errMissingAddress
	}
	sa, err := toSockaddr(addr, c.fd.family)
	if err != nil {
		return 0, err
	}
	return c.fd.writeTo(b, sa)
}

// WriteTo implements the PacketConn WriteTo method.
func (c *UDPConn) WriteTo(b []byte, addr Addr) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	a, ok := addr.(*UDPAddr)
	if !ok {
		return 0, &OpError{Op: "write", Net: c.fd.net, Source: c.fd.laddr, Addr: addr, Err: syscall.EINVAL}
	}
	return c.WriteToUDP(b, a)
}

// WriteToUDPAddrPort sends a datagram to addr.
func (c *UDPConn) WriteToUDPAddrPort(b []byte, addr netip.AddrPort) (int, error) {
	if !c.ok() {
		return 0, syscall.EINVAL
	}
	n, err := c.writeToAddrPort(b, addr)
	if err != nil {
		err = &OpError{Op: "write", Net: c.fd.net, Source: c.fd.laddr, Addr: udpAddrPortAddr(addr), Err: err}
	}
	return n, err
}

func (c *UDPConn) writeToAddrPort(b []byte, addr netip.AddrPort) (int, error) {
	if c.fd.isConnected {
		return 0, ErrWriteToConnected
	}
	if !addr.IsValid() {
		return 0, errMissingAddress
	}
	sa, err := addrPortToSockaddr(c.fd.family, addr)
	if err != nil {
		return 0, err
	}
	return c.fd.writeTo(b, sa)
}

func addrPortToSockaddr(family int, ap netip.AddrPort) (unix.Sockaddr, error) {
	ip := ap.Addr()
	if family == unix.AF_INET {
		if !ip.Is4() {
			return nil, &AddrError{Err: "non-IPv4 address", Addr: ip.String()}
		}
		return &unix.SockaddrInet4{Addr: ip.As4(), Port: int(ap.Port())}, nil
	}
	if !ip.IsValid() {
		return nil, &AddrError{Err: "non-IPv6 address", Addr: ip.String()}
	}
	return &unix.SockaddrInet6{Addr: ip.As16(), Port: int(ap.Port()), ZoneId: uint32(zoneIndex(ip.Zone()))}, nil
}

// WriteMsgUDP sends a message with ancillary data (to addr, or the peer of a connected socket).
func (c *UDPConn) WriteMsgUDP(b, oob []byte, addr *UDPAddr) (n, oobn int, err error) {
	if !c.ok() {
		return 0, 0, syscall.EINVAL
	}
	n, oobn, err = c.writeMsg(b, oob, addr)
	if err != nil {
		err = &OpError{Op: "write", Net: c.fd.net, Source: c.fd.laddr, Addr: opAddr(addr), Err: err}
	}
	return
}

func (c *UDPConn) writeMsg(b, oob []byte, addr *UDPAddr) (int, int, error) {
	if c.fd.isConnected && addr != nil {
		return 0, 0, ErrWriteToConnected
	}
	if !c.fd.isConnected && addr == nil {
		return 0, 0, errMissingAddress
	}
	sa, err := toSockaddr(addr, c.fd.family)
	if err != nil {
		return 0, 0, err
	}
	return c.fd.writeMsg(b, oob, sa)
}

// WriteMsgUDPAddrPort is WriteMsgUDP to a netip.AddrPort.
func (c *UDPConn) WriteMsgUDPAddrPort(b, oob []byte, addr netip.AddrPort) (n, oobn int, err error) {
	if !c.ok() {
		return 0, 0, syscall.EINVAL
	}
	n, oobn, err = c.writeMsgAddrPort(b, oob, addr)
	if err != nil {
		err = &OpError{Op: "write", Net: c.fd.net, Source: c.fd.laddr, Addr: udpAddrPortAddr(addr), Err: err}
	}
	return
}

func (c *UDPConn) writeMsgAddrPort(b, oob []byte, addr netip.AddrPort) (int, int, error) {
	if c.fd.isConnected && addr.IsValid() {
		return 0, 0, ErrWriteToConnected
	}
	if !c.fd.isConnected && !addr.IsValid() {
		return 0, 0, errMissingAddress
	}
	sa, err := addrPortToSockaddr(c.fd.family, addr)
	if err != nil {
		return 0, 0, err
	}
	return c.fd.writeMsg(b, oob, sa)
}

// DialUDP connects a UDP socket to raddr from laddr, if not nil.
func DialUDP(network string, laddr, raddr *UDPAddr) (*UDPConn, error) {
	return dialUDP(context.Background(), nil, network, laddr, raddr)
}

func dialUDP(ctx context.Context, dialer *Dialer, network string, laddr, raddr *UDPAddr) (*UDPConn, error) {
	switch network {
	case "udp", "udp4", "udp6":
	default:
		return nil, &OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: UnknownNetworkError(network)}
	}
	if raddr == nil {
		return nil, &OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: nil, Err: errMissingAddress}
	}
	sd := &sysDialer{network: network, address: raddr.String()}
	if dialer != nil {
		sd.Dialer = *dialer
	}
	c, err := sd.dialUDP(ctx, laddr, raddr)
	if err != nil {
		return nil, &OpError{Op: "dial", Net: network, Source: opAddr(laddr), Addr: opAddr(raddr), Err: err}
	}
	return c, nil
}

func (sd *sysDialer) dialUDP(ctx context.Context, laddr, raddr *UDPAddr) (*UDPConn, error) {
	fd, err := internetSocket(ctx, sd.network, laddr, raddr, unix.SOCK_DGRAM, 0, "dial", sd.ctrl())
	if err != nil {
		return nil, err
	}
	return newUDPConn(fd), nil
}

// ListenUDP opens a UDP socket on laddr (nil or a zero port: the kernel picks).
func ListenUDP(network string, laddr *UDPAddr) (*UDPConn, error) {
	switch network {
	case "udp", "udp4", "udp6":
	default:
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: UnknownNetworkError(network)}
	}
	if laddr == nil {
		laddr = &UDPAddr{}
	}
	sl := &sysListener{network: network, address: laddr.String()}
	c, err := sl.listenUDP(context.Background(), laddr)
	if err != nil {
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(laddr), Err: err}
	}
	return c, nil
}

func (sl *sysListener) listenUDP(ctx context.Context, laddr *UDPAddr) (*UDPConn, error) {
	fd, err := internetSocket(ctx, sl.network, laddr, nil, unix.SOCK_DGRAM, 0, "listen", sl.ctrl())
	if err != nil {
		return nil, err
	}
	return newUDPConn(fd), nil
}

// ListenMulticastUDP listens for datagrams of the group gaddr on ifi (nil: the system's choice),
// with multicast loopback off, as net does.
func ListenMulticastUDP(network string, ifi *Interface, gaddr *UDPAddr) (*UDPConn, error) {
	switch network {
	case "udp", "udp4", "udp6":
	default:
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(gaddr), Err: UnknownNetworkError(network)}
	}
	if gaddr == nil || gaddr.IP == nil {
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(gaddr), Err: errMissingAddress}
	}
	sl := &sysListener{network: network, address: gaddr.String()}
	c, err := sl.listenMulticastUDP(context.Background(), ifi, gaddr)
	if err != nil {
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: opAddr(gaddr), Err: err}
	}
	return c, nil
}

func (sl *sysListener) listenMulticastUDP(ctx context.Context, ifi *Interface, gaddr *UDPAddr) (*UDPConn, error) {
	fd, err := internetSocket(ctx, sl.network, gaddr, nil, unix.SOCK_DGRAM, 0, "listen", sl.ctrl())
	if err != nil {
		return nil, err
	}
	c := newUDPConn(fd)
	if ip4 := gaddr.IP.To4(); ip4 != nil {
		err = joinIPv4(fd, ifi, ip4)
	} else {
		err = joinIPv6(fd, ifi, gaddr.IP)
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// joinIPv4 sets the multicast interface, turns loopback off and joins the group.
func joinIPv4(fd *netFD, ifi *Interface, group IP) error {
	var ifaddr [4]byte
	if ifi != nil {
		ip, err := interfaceIPv4(ifi)
		if err != nil {
			return err
		}
		copy(ifaddr[:], ip)
	}
	return fd.rawSetsockopt(func(s int) error {
		if ifi != nil {
			if err := unix.SetsockoptInet4Addr(s, unix.IPPROTO_IP, unix.IP_MULTICAST_IF, ifaddr); err != nil {
				return err
			}
		}
		if err := unix.SetsockoptByte(s, unix.IPPROTO_IP, unix.IP_MULTICAST_LOOP, 0); err != nil {
			return err
		}
		mreq := &unix.IPMreq{Interface: ifaddr}
		copy(mreq.Multiaddr[:], group)
		return unix.SetsockoptIPMreq(s, unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP, mreq)
	})
}

// joinIPv6 is joinIPv4 for IPv6 groups.
func joinIPv6(fd *netFD, ifi *Interface, group IP) error {
	index := 0
	if ifi != nil {
		index = ifi.Index
	}
	return fd.rawSetsockopt(func(s int) error {
		if ifi != nil {
			if err := unix.SetsockoptInt(s, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_IF, index); err != nil {
				return err
			}
		}
		if err := unix.SetsockoptInt(s, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_LOOP, 0); err != nil {
			return err
		}
		mreq := &unix.IPv6Mreq{Interface: uint32(index)}
		copy(mreq.Multiaddr[:], group)
		return unix.SetsockoptIPv6Mreq(s, unix.IPPROTO_IPV6, unix.IPV6_JOIN_GROUP, mreq)
	})
}

func interfaceIPv4(ifi *Interface) (IP, error) {
	addrs, err := ifi.Addrs()
	if err != nil {
		return nil, err
	}
	for _, a := range addrs {
		if n, ok := a.(*IPNet); ok {
			if ip4 := n.IP.To4(); ip4 != nil {
				return ip4, nil
			}
		}
	}
	return nil, errNoSuchInterface
}

// errNoSuchInterface is net's error for an interface without the address asked for.
var errNoSuchInterface = errors.New("no such network interface")

// rawSetsockopt runs f with the descriptor and wraps its error as net wraps setsockopt's.
func (fd *netFD) rawSetsockopt(f func(s int) error) error {
	var err error
	if cerr := fd.pfd.RawControl(func(s uintptr) { err = f(int(s)) }); cerr != nil {
		return cerr
	}
	return wrapSyscallError("setsockopt", err)
}
