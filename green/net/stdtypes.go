package net

import (
	"errors"
	stdnet "net"
	"net/netip"
	"os"
	"reflect"
	"sync"
	"syscall"
)

// errInvalid is what methods of a nil or zero connection return, as in net.
var errInvalid error = syscall.EINVAL

// Some values net puts in its errors and addresses have unexported types: the address of a
// Pipe, the address FileConn's errors name, the address a WriteToUDPAddrPort error names. So that
// green/net's are identical (same type, same value), their types are learnt from net itself,
// lazily, and values of them are made with reflect.

// pipeAddr is net.Pipe's address.
var pipeAddr = sync.OnceValue(func() Addr {
	a, b := stdnet.Pipe()
	defer a.Close()
	defer b.Close()
	return a.LocalAddr()
})

// fileAddrType is the type of the address in FileConn's errors ("file+net").
var fileAddrType = sync.OnceValue(func() reflect.Type {
	f, err := os.Open(os.DevNull)
	if err != nil {
		return nil
	}
	defer f.Close()
	_, err = stdnet.FileConn(f)
	var op *OpError
	if errors.As(err, &op) && op.Addr != nil {
		return reflect.TypeOf(op.Addr)
	}
	return nil
})

// fileAddr is net's fileAddr(name).
func fileAddr(name string) Addr {
	if t := fileAddrType(); t != nil && t.Kind() == reflect.String {
		v := reflect.New(t).Elem()
		v.SetString(name)
		if a, ok := v.Interface().(Addr); ok {
			return a
		}
	}
	return namedAddr{"file+net", name}
}

// addrPortType is the type of the address in WriteToUDPAddrPort's errors.
var addrPortType = sync.OnceValue(func() reflect.Type {
	c, err := stdnet.ListenUDP("udp4", &UDPAddr{IP: IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil
	}
	defer c.Close()
	_, err = c.WriteToUDPAddrPort(nil, netip.AddrPort{})
	var op *OpError
	if errors.As(err, &op) && op.Addr != nil {
		return reflect.TypeOf(op.Addr)
	}
	return nil
})

// udpAddrPortAddr is net's addrPortUDPAddr{ap}.
func udpAddrPortAddr(ap netip.AddrPort) Addr {
	if t := addrPortType(); t != nil && t.Kind() == reflect.Struct && t.NumField() == 1 && t.Field(0).Type == reflect.TypeOf(ap) {
		v := reflect.New(t).Elem()
		v.Field(0).Set(reflect.ValueOf(ap))
		if a, ok := v.Interface().(Addr); ok {
			return a
		}
	}
	return namedAddr{"udp", ap.String()}
}

// namedAddr stands in for net's address types should net ever change them.
type namedAddr struct{ network, s string }

func (a namedAddr) Network() string { return a.network }
func (a namedAddr) String() string  { return a.s }
