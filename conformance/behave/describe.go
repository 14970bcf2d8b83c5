package behave

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strings"
	"syscall"
)

// ErrDesc is everything a caller can observe of an error, in a form go-cmp compares: its text,
// the dynamic type of every error in its Unwrap chain, which well-known errors it matches under
// errors.Is, whether it is a net.Error and times out, and the fields of the *net.OpError,
// *net.AddrError, *net.DNSError and *os.SyscallError it holds. Addresses in the text and in the
// fields are replaced by the names the check gave them (see Env.Name), so that ephemeral ports
// and temporary paths do not differ between runs.
type ErrDesc struct {
	Text    string
	Chain   []string
	Is      []string
	NetErr  bool
	Timeout bool
	Op      *OpDesc
	Syscall string
	AddrErr *net.AddrError
	DNS     *DNSDesc
}

// OpDesc is the fields of a *net.OpError (Err is described by the enclosing ErrDesc's chain).
type OpDesc struct {
	Op, Net      string
	Source, Addr AddrDesc
}

// String renders the OpError's fields for a log.
func (o *OpDesc) String() string {
	return fmt.Sprintf("{Op:%s Net:%s Source:%+v Addr:%+v}", o.Op, o.Net, o.Source, o.Addr)
}

// DNSDesc is the fields of a *net.DNSError that do not depend on the resolver's configuration.
type DNSDesc struct {
	Err, Name                          string
	IsNotFound, IsTimeout, IsTemporary bool
}

// String renders the DNSError's fields for a log.
func (d *DNSDesc) String() string { return fmt.Sprintf("%+v", *d) }

// AddrDesc is a net.Addr: its dynamic type, network and (named) string. A nil Addr is all empty
// but Type, which is "<nil>".
type AddrDesc struct {
	Type, Network, String string
}

// sentinels are the errors whose errors.Is identity every error is checked against.
var sentinels = []struct {
	name string
	err  error
}{
	{"net.ErrClosed", net.ErrClosed},
	{"net.ErrWriteToConnected", net.ErrWriteToConnected},
	{"os.ErrDeadlineExceeded", os.ErrDeadlineExceeded},
	{"os.ErrNotExist", os.ErrNotExist},
	{"os.ErrExist", os.ErrExist},
	{"io.EOF", io.EOF},
	{"io.ErrUnexpectedEOF", io.ErrUnexpectedEOF},
	{"io.ErrClosedPipe", io.ErrClosedPipe},
	{"context.Canceled", context.Canceled},
	{"context.DeadlineExceeded", context.DeadlineExceeded},
	{"errors.ErrUnsupported", errors.ErrUnsupported},
	{"EADDRINUSE", syscall.EADDRINUSE},
	{"EADDRNOTAVAIL", syscall.EADDRNOTAVAIL},
	{"EAFNOSUPPORT", syscall.EAFNOSUPPORT},
	{"EAGAIN", syscall.EAGAIN},
	{"EBADF", syscall.EBADF},
	{"ECONNREFUSED", syscall.ECONNREFUSED},
	{"ECONNRESET", syscall.ECONNRESET},
	{"EDESTADDRREQ", syscall.EDESTADDRREQ},
	{"EINVAL", syscall.EINVAL},
	{"EISCONN", syscall.EISCONN},
	{"EMSGSIZE", syscall.EMSGSIZE},
	{"ENOENT", syscall.ENOENT},
	{"ENOTCONN", syscall.ENOTCONN},
	{"EPIPE", syscall.EPIPE},
	{"ETIMEDOUT", syscall.ETIMEDOUT},
}

// describeErr describes err, naming addresses with names.
func describeErr(err error, names *namer) *ErrDesc {
	if err == nil {
		return nil
	}
	d := &ErrDesc{Text: names.text(err.Error())}
	for e := err; e != nil; e = errors.Unwrap(e) {
		d.Chain = append(d.Chain, fmt.Sprintf("%T", e))
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			d.Is = append(d.Is, s.name)
		}
	}
	var ne net.Error
	if errors.As(err, &ne) {
		d.NetErr, d.Timeout = true, ne.Timeout()
	}
	var op *net.OpError
	if errors.As(err, &op) {
		d.Op = &OpDesc{Op: op.Op, Net: op.Net, Source: names.addr(op.Source), Addr: names.addr(op.Addr)}
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		d.Syscall = se.Syscall
	}
	var ae *net.AddrError
	if errors.As(err, &ae) {
		d.AddrErr = &net.AddrError{Err: ae.Err, Addr: names.text(ae.Addr)}
	}
	var de *net.DNSError
	if errors.As(err, &de) {
		d.DNS = &DNSDesc{Err: de.Err, Name: de.Name, IsNotFound: de.IsNotFound, IsTimeout: de.IsTimeout, IsTemporary: de.IsTemporary}
	}
	return d
}

// namer replaces the strings of addresses (and paths) a check named with their names.
type namer struct {
	// olds are the registered strings, longest first, so that "127.0.0.1:80" is replaced before
	// a prefix of it could be.
	olds  []string
	names map[string]string
}

// add names the string old.
func (n *namer) add(old, name string) {
	if old == "" {
		return
	}
	if n.names == nil {
		n.names = map[string]string{}
	}
	if _, ok := n.names[old]; !ok {
		n.olds = append(n.olds, old)
		sort.SliceStable(n.olds, func(i, j int) bool { return len(n.olds[i]) > len(n.olds[j]) })
	}
	n.names[old] = "<" + name + ">"
}

// text returns s with every registered string replaced by its name.
func (n *namer) text(s string) string {
	for _, old := range n.olds {
		s = strings.ReplaceAll(s, old, n.names[old])
	}
	return s
}

// addr describes a.
func (n *namer) addr(a net.Addr) AddrDesc {
	if a == nil {
		return AddrDesc{Type: "<nil>"}
	}
	return AddrDesc{Type: fmt.Sprintf("%T", a), Network: a.Network(), String: n.text(a.String())}
}
