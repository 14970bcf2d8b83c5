package net

import (
	"context"
	"net/netip"
	"sync"
	"syscall"
	"time"

	"github.com/eventlet-go/eventlet/hub"
)

// Dialer is net.Dialer: the same fields, the same behaviour, with green connections.
type Dialer struct {
	Timeout         time.Duration
	Deadline        time.Time
	LocalAddr       Addr
	DualStack       bool
	FallbackDelay   time.Duration
	KeepAlive       time.Duration
	KeepAliveConfig KeepAliveConfig
	Resolver        *Resolver
	Cancel          <-chan struct{}
	Control         func(network, address string, c syscall.RawConn) error
	ControlContext  func(ctx context.Context, network, address string, c syscall.RawConn) error
	mptcp           bool
}

// Dial connects to address on network, as net.Dial does.
func Dial(network, address string) (Conn, error) {
	var d Dialer
	return d.Dial(network, address)
}

// DialTimeout is Dial with a timeout that covers name resolution too.
func DialTimeout(network, address string, timeout time.Duration) (Conn, error) {
	d := Dialer{Timeout: timeout}
	return d.Dial(network, address)
}

// Dial connects to address on network.
func (d *Dialer) Dial(network, address string) (Conn, error) {
	return d.DialContext(context.Background(), network, address)
}

// MultipathTCP reports whether MPTCP was asked for with SetMultipathTCP.
func (d *Dialer) MultipathTCP() bool { return d.mptcp }

// SetMultipathTCP asks for MPTCP. Green sockets use plain TCP (net falls back to it too when the
// kernel lacks MPTCP); the setting is kept for MultipathTCP.
func (d *Dialer) SetMultipathTCP(use bool) { d.mptcp = use }

func (d *Dialer) resolver() *Resolver {
	if d.Resolver != nil {
		return d.Resolver
	}
	return DefaultResolver
}

func (d *Dialer) fallbackDelay() time.Duration {
	if d.FallbackDelay > 0 {
		return d.FallbackDelay
	}
	return 300 * time.Millisecond
}

func (d *Dialer) dualStack() bool { return d.FallbackDelay >= 0 }

func minNonzeroTime(a, b time.Time) time.Time {
	if a.IsZero() {
		return b
	}
	if b.IsZero() || a.Before(b) {
		return a
	}
	return b
}

// deadline is the earliest of now+Timeout, ctx's deadline and Deadline.
func (d *Dialer) deadline(ctx context.Context, now time.Time) time.Time {
	var earliest time.Time
	if d.Timeout != 0 {
		earliest = now.Add(d.Timeout)
	}
	if dl, ok := ctx.Deadline(); ok {
		earliest = minNonzeroTime(earliest, dl)
	}
	return minNonzeroTime(earliest, d.Deadline)
}

// dialCtx derives the context of one dial: its deadline, and the deprecated Cancel channel.
func (d *Dialer) dialCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		panic("nil context")
	}
	cancel := func() {}
	if dl := d.deadline(ctx, time.Now()); !dl.IsZero() {
		if old, ok := ctx.Deadline(); !ok || dl.Before(old) {
			var c context.CancelFunc
			ctx, c = context.WithDeadline(ctx, dl)
			cancel = c
		}
	}
	if d.Cancel != nil {
		var c context.CancelFunc
		ctx, c = context.WithCancel(ctx)
		stopCancel := c
		stopWatch := make(chan struct{})
		go func() {
			select {
			case <-d.Cancel:
				stopCancel()
			case <-stopWatch:
			}
		}()
		prev := cancel
		cancel = func() {
			close(stopWatch)
			stopCancel()
			prev()
		}
	}
	return ctx, cancel
}

// DialContext connects to address on network, honouring ctx's deadline and cancellation.
func (d *Dialer) DialContext(ctx context.Context, network, address string) (Conn, error) {
	ctx, cancel := d.dialCtx(ctx)
	defer cancel()
	addrs, err := d.resolver().resolveAddrList(ctx, "dial", network, address, d.LocalAddr)
	if err != nil {
		return nil, &OpError{Op: "dial", Net: network, Source: nil, Addr: nil, Err: err}
	}
	sd := &sysDialer{Dialer: *d, network: network, address: address}
	var primaries, fallbacks addrList
	if d.dualStack() && network == "tcp" {
		primaries, fallbacks = addrs.partition(isIPv4)
	} else {
		primaries = addrs
	}
	return sd.dialParallel(ctx, primaries, fallbacks)
}

// DialTCP connects to raddr from laddr, as net's Dialer.DialTCP does.
func (d *Dialer) DialTCP(ctx context.Context, network string, laddr netip.AddrPort, raddr netip.AddrPort) (*TCPConn, error) {
	ctx, cancel := d.dialCtx(ctx)
	defer cancel()
	return dialTCP(ctx, d, network, TCPAddrFromAddrPort(laddr), TCPAddrFromAddrPort(raddr))
}

// DialUDP connects to raddr from laddr.
func (d *Dialer) DialUDP(ctx context.Context, network string, laddr netip.AddrPort, raddr netip.AddrPort) (*UDPConn, error) {
	ctx, cancel := d.dialCtx(ctx)
	defer cancel()
	return dialUDP(ctx, d, network, UDPAddrFromAddrPort(laddr), UDPAddrFromAddrPort(raddr))
}

// DialIP connects to raddr from laddr.
func (d *Dialer) DialIP(ctx context.Context, network string, laddr netip.Addr, raddr netip.Addr) (*IPConn, error) {
	ctx, cancel := d.dialCtx(ctx)
	defer cancel()
	return dialIP(ctx, d, network, &IPAddr{IP: laddr.AsSlice(), Zone: laddr.Zone()}, &IPAddr{IP: raddr.AsSlice(), Zone: raddr.Zone()})
}

// DialUnix connects to raddr from laddr.
func (d *Dialer) DialUnix(ctx context.Context, network string, laddr *UnixAddr, raddr *UnixAddr) (*UnixConn, error) {
	ctx, cancel := d.dialCtx(ctx)
	defer cancel()
	return dialUnix(ctx, d, network, laddr, raddr)
}

// sysDialer is one dial in progress.
type sysDialer struct {
	Dialer
	network, address string
}

func (sd *sysDialer) ctrl() ctrlFunc {
	if sd.ControlContext != nil {
		return sd.ControlContext
	}
	if sd.Control != nil {
		return func(_ context.Context, network, address string, c syscall.RawConn) error {
			return sd.Control(network, address, c)
		}
	}
	return nil
}

// dialParallel races the fallback addresses against the primaries after FallbackDelay (RFC 6555
// "happy eyeballs"), as net does; without fallbacks it is dialSerial. Each racer is a greenlet;
// a connection that wins too late is closed by its racer.
func (sd *sysDialer) dialParallel(ctx context.Context, primaries, fallbacks addrList) (Conn, error) {
	if len(fallbacks) == 0 {
		return sd.dialSerial(ctx, primaries)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	box := &dialResults{}
	defer box.close()
	start := func(primary bool) {
		ras := primaries
		if !primary {
			ras = fallbacks
		}
		hub.Go(func() {
			c, err := sd.dialSerial(ctx, ras)
			box.put(dialResult{c, err, primary})
		})
	}
	start(true)
	fallbackAt := hub.Now() + int64(sd.fallbackDelay())
	fallbackStarted := false
	var primaryErr error
	var primaryDone, fallbackDone bool
	for {
		deadline := int64(0)
		if !fallbackStarted {
			deadline = fallbackAt
		}
		r, ok := box.get(deadline)
		if !ok {
			fallbackStarted = true
			start(false)
			continue
		}
		if r.err == nil {
			return r.c, nil
		}
		if r.primary {
			primaryErr, primaryDone = r.err, true
		} else {
			fallbackDone = true
		}
		if primaryDone && fallbackDone {
			return nil, primaryErr
		}
		if r.primary && !fallbackStarted {
			// The primaries failed before the delay: start the fallbacks at once.
			fallbackStarted = true
			start(false)
		}
	}
}

// dialResult is what one racer of dialParallel found.
type dialResult struct {
	c       Conn
	err     error
	primary bool
}

// dialResults hands racers' results to dialParallel; once it is closed, a late connection is
// closed instead of delivered.
type dialResults struct {
	mu      sync.Mutex
	results []dialResult
	waiters hub.WaitQueue
	closed  bool
}

func (b *dialResults) put(r dialResult) {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		if r.c != nil {
			r.c.Close()
		}
		return
	}
	b.results = append(b.results, r)
	b.waiters.WakeOne()
	b.mu.Unlock()
}

// get waits for a result until deadline (hub clock; 0: forever); ok is false on timeout.
func (b *dialResults) get(deadline int64) (dialResult, bool) {
	b.mu.Lock()
	for len(b.results) == 0 {
		w := hub.Prepare()
		b.waiters.PushBack(w)
		b.mu.Unlock()
		err := w.Park(deadline)
		b.mu.Lock()
		if err != nil {
			b.waiters.Remove(w)
			b.mu.Unlock()
			w.Release()
			if err == hub.ErrTimeout {
				return dialResult{}, false
			}
			hub.Raise(err)
		}
		w.Release()
	}
	r := b.results[0]
	b.results = b.results[1:]
	b.mu.Unlock()
	return r, true
}

func (b *dialResults) close() {
	b.mu.Lock()
	b.closed = true
	left := b.results
	b.results = nil
	b.mu.Unlock()
	for _, r := range left {
		if r.c != nil {
			r.c.Close()
		}
	}
}

// dialSerial tries each address in turn, splitting the time left between the remaining ones.
func (sd *sysDialer) dialSerial(ctx context.Context, ras addrList) (Conn, error) {
	var firstErr error
	for i, ra := range ras {
		select {
		case <-ctx.Done():
			return nil, &OpError{Op: "dial", Net: sd.network, Source: opAddr(sd.LocalAddr), Addr: ra, Err: mapErr(ctx.Err())}
		default:
		}
		dialCtx := ctx
		if deadline, ok := ctx.Deadline(); ok {
			partial, err := partialDeadline(time.Now(), deadline, len(ras)-i)
			if err != nil {
				if firstErr == nil {
					firstErr = &OpError{Op: "dial", Net: sd.network, Source: opAddr(sd.LocalAddr), Addr: ra, Err: err}
				}
				break
			}
			if partial.Before(deadline) {
				var cancel context.CancelFunc
				dialCtx, cancel = context.WithDeadline(ctx, partial)
				defer cancel()
			}
		}
		c, err := sd.dialSingle(dialCtx, ra)
		if err == nil {
			return c, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = &OpError{Op: "dial", Net: sd.network, Source: nil, Addr: nil, Err: errMissingAddress}
	}
	return nil, firstErr
}

func partialDeadline(now, deadline time.Time, addrsRemaining int) (time.Time, error) {
	if deadline.IsZero() {
		return deadline, nil
	}
	timeRemaining := deadline.Sub(now)
	if timeRemaining <= 0 {
		return time.Time{}, errTimeout
	}
	timeout := timeRemaining / time.Duration(addrsRemaining)
	const saneMinimum = 2 * time.Second
	if timeout < saneMinimum {
		if timeRemaining < saneMinimum {
			timeout = timeRemaining
		} else {
			timeout = saneMinimum
		}
	}
	return now.Add(timeout), nil
}

// dialSingle dials one address.
func (sd *sysDialer) dialSingle(ctx context.Context, ra Addr) (Conn, error) {
	la := opAddr(sd.LocalAddr)
	var c Conn
	var err error
	switch ra := ra.(type) {
	case *TCPAddr:
		la, _ := la.(*TCPAddr)
		var tc *TCPConn
		if tc, err = sd.dialTCP(ctx, la, ra); err == nil {
			c = tc
		}
	case *UDPAddr:
		la, _ := la.(*UDPAddr)
		var uc *UDPConn
		if uc, err = sd.dialUDP(ctx, la, ra); err == nil {
			c = uc
		}
	case *IPAddr:
		la, _ := la.(*IPAddr)
		var ic *IPConn
		if ic, err = sd.dialIP(ctx, la, ra); err == nil {
			c = ic
		}
	case *UnixAddr:
		la, _ := la.(*UnixAddr)
		var uc *UnixConn
		if uc, err = sd.dialUnix(ctx, la, ra); err == nil {
			c = uc
		}
	default:
		return nil, &OpError{Op: "dial", Net: sd.network, Source: la, Addr: ra, Err: &AddrError{Err: "unexpected address type", Addr: sd.address}}
	}
	if err != nil {
		return nil, &OpError{Op: "dial", Net: sd.network, Source: la, Addr: ra, Err: err}
	}
	return c, nil
}

// ListenConfig is net.ListenConfig, with green listeners.
type ListenConfig struct {
	Control         func(network, address string, c syscall.RawConn) error
	KeepAlive       time.Duration
	KeepAliveConfig KeepAliveConfig
	mptcp           bool
}

// MultipathTCP reports whether MPTCP was asked for.
func (lc *ListenConfig) MultipathTCP() bool { return lc.mptcp }

// SetMultipathTCP asks for MPTCP; green listeners use plain TCP (see Dialer.SetMultipathTCP).
func (lc *ListenConfig) SetMultipathTCP(use bool) { lc.mptcp = use }

func (lc *ListenConfig) ctrl() ctrlFunc {
	if lc.Control == nil {
		return nil
	}
	return func(_ context.Context, network, address string, c syscall.RawConn) error {
		return lc.Control(network, address, c)
	}
}

// Listen announces on the local network address.
func (lc *ListenConfig) Listen(ctx context.Context, network, address string) (Listener, error) {
	addrs, err := DefaultResolver.resolveAddrList(ctx, "listen", network, address, nil)
	if err != nil {
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: nil, Err: err}
	}
	sl := &sysListener{ListenConfig: *lc, network: network, address: address}
	var l Listener
	la := addrs.first(isIPv4)
	switch la := la.(type) {
	case *TCPAddr:
		l, err = sl.listenTCP(ctx, la)
	case *UnixAddr:
		l, err = sl.listenUnix(ctx, la)
	default:
		return nil, &OpError{Op: "listen", Net: sl.network, Source: nil, Addr: la, Err: &AddrError{Err: "unexpected address type", Addr: address}}
	}
	if err != nil {
		return nil, &OpError{Op: "listen", Net: sl.network, Source: nil, Addr: la, Err: err}
	}
	return l, nil
}

// ListenPacket announces on the local network address.
func (lc *ListenConfig) ListenPacket(ctx context.Context, network, address string) (PacketConn, error) {
	addrs, err := DefaultResolver.resolveAddrList(ctx, "listen", network, address, nil)
	if err != nil {
		return nil, &OpError{Op: "listen", Net: network, Source: nil, Addr: nil, Err: err}
	}
	sl := &sysListener{ListenConfig: *lc, network: network, address: address}
	var c PacketConn
	la := addrs.first(isIPv4)
	switch la := la.(type) {
	case *UDPAddr:
		c, err = sl.listenUDP(ctx, la)
	case *IPAddr:
		c, err = sl.listenIP(ctx, la)
	case *UnixAddr:
		c, err = sl.listenUnixgram(ctx, la)
	default:
		return nil, &OpError{Op: "listen", Net: sl.network, Source: nil, Addr: la, Err: &AddrError{Err: "unexpected address type", Addr: address}}
	}
	if err != nil {
		return nil, &OpError{Op: "listen", Net: sl.network, Source: nil, Addr: la, Err: err}
	}
	return c, nil
}

// first returns the first address that satisfies strategy, or the first one.
func (addrs addrList) first(strategy func(Addr) bool) Addr {
	for _, a := range addrs {
		if strategy(a) {
			return a
		}
	}
	return addrs[0]
}

// sysListener is one listen in progress.
type sysListener struct {
	ListenConfig
	network, address string
}

// Listen announces on the local network address ("tcp", "tcp4", "tcp6", "unix", "unixpacket").
func Listen(network, address string) (Listener, error) {
	var lc ListenConfig
	return lc.Listen(context.Background(), network, address)
}

// ListenPacket announces on the local network address ("udp", "udp4", "udp6", "ip:proto",
// "unixgram"...).
func ListenPacket(network, address string) (PacketConn, error) {
	var lc ListenConfig
	return lc.ListenPacket(context.Background(), network, address)
}
