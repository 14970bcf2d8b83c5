package net

// This file mirrors net's network interfaces: their description, their
// flags, hardware addresses, and the functions that list them. Listing
// interfaces asks the kernel through a netlink socket and gets its answer
// at once, so these calls are net's own and do not park.

import stdnet "net"

// Interface is net.Interface, a network interface: its index, MTU, name,
// hardware address and flags.
type Interface = stdnet.Interface

// Flags is net.Flags, the flags of a network interface.
type Flags = stdnet.Flags

// The flags of a network interface, as net declares them.
const (
	FlagUp           = stdnet.FlagUp           // interface is administratively up
	FlagBroadcast    = stdnet.FlagBroadcast    // interface supports broadcast access capability
	FlagLoopback     = stdnet.FlagLoopback     // interface is a loopback interface
	FlagPointToPoint = stdnet.FlagPointToPoint // interface belongs to a point-to-point link
	FlagMulticast    = stdnet.FlagMulticast    // interface supports multicast access capability
	FlagRunning      = stdnet.FlagRunning      // interface is in running state
)

// HardwareAddr is net.HardwareAddr, a physical hardware address.
type HardwareAddr = stdnet.HardwareAddr

// ParseMAC parses s as an IEEE 802 MAC-48, EUI-48, EUI-64 or 20-octet
// IP over InfiniBand link-layer address, as net.ParseMAC does; a malformed
// s yields an *AddrError.
func ParseMAC(s string) (hw HardwareAddr, err error) { return stdnet.ParseMAC(s) }

// Interfaces returns the system's network interfaces, as net.Interfaces
// does.
func Interfaces() ([]Interface, error) { return stdnet.Interfaces() }

// InterfaceByIndex returns the interface with the given index, as
// net.InterfaceByIndex does.
func InterfaceByIndex(index int) (*Interface, error) { return stdnet.InterfaceByIndex(index) }

// InterfaceByName returns the interface with the given name, as
// net.InterfaceByName does.
func InterfaceByName(name string) (*Interface, error) { return stdnet.InterfaceByName(name) }

// InterfaceAddrs returns the system's unicast interface addresses, as
// net.InterfaceAddrs does.
func InterfaceAddrs() ([]Addr, error) { return stdnet.InterfaceAddrs() }
