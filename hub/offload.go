package hub

import (
	"fmt"
	"runtime/debug"
)

// OffloadPanic carries a panic raised by an offloaded function back to the greenlet.
type OffloadPanic struct {
	Value any
	Stack []byte
}

func (p *OffloadPanic) Error() string { return fmt.Sprintf("offloaded call panicked: %v", p.Value) }

// Offload runs fn on a goroutine of its own while the calling greenlet parks, so a blocking call
// (a syscall, cgo, a stdlib lock) stalls only that goroutine (eventlet's tpool.execute). From a
// plain goroutine it just calls fn. It returns nil when fn returned, an *OffloadPanic when fn
// panicked, or what interrupted the greenlet's wait (fn keeps running to completion regardless).
func Offload(fn func()) error {
	t := Current()
	if t == nil {
		fn()
		return nil
	}
	w := t.prepare()
	token := w.Token()
	var p *OffloadPanic
	go func() {
		defer func() {
			if r := recover(); r != nil {
				p = &OffloadPanic{Value: r, Stack: debug.Stack()}
			}
			w.WakeToken(token)
		}()
		fn()
	}()
	if err := w.Park(0); err != nil {
		return err
	}
	if p != nil {
		return p
	}
	return nil
}
