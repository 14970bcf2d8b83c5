package netfd

import "github.com/eventlet-go/eventlet/hub"

// RawControl calls f with the descriptor, keeping it open meanwhile (syscall.RawConn.Control).
func (fd *FD) RawControl(f func(uintptr)) error {
	if err := fd.incref(); err != nil {
		return err
	}
	defer fd.decref()
	f(uintptr(fd.Sysfd))
	return nil
}

// RawRead calls f until it returns true, waiting for readability whenever it returns false
// (syscall.RawConn.Read): the wait parks a greenlet. f's own syscalls expect a non-blocking
// descriptor: on a shared one RawRead first makes sure it is (see nowait.go).
func (fd *FD) RawRead(f func(uintptr) bool) error {
	return fd.raw(readLock, hub.Read, f)
}

// RawWrite is RawRead for writability.
func (fd *FD) RawWrite(f func(uintptr) bool) error {
	return fd.raw(writeLock, hub.Write, f)
}

func (fd *FD) raw(which int, m hub.Mode, f func(uintptr) bool) error {
	if err := fd.mu.rwlock(which); err != nil {
		return err
	}
	defer fd.mu.rwunlock(which)
	if err := fd.prepare(m); err != nil {
		return err
	}
	fd.ensureNonblock()
	for {
		if f(uintptr(fd.Sysfd)) {
			return nil
		}
		if err := fd.wait(m); err != nil {
			return err
		}
	}
}
