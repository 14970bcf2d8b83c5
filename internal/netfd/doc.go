// Package netfd is eventlet-go's internal/poll: a non-blocking file descriptor registered with a
// hub, whose I/O methods park the calling greenlet (or block the calling goroutine) instead of
// blocking a thread.
//
// It has the shape of the stdlib's internal/poll.FD, on purpose: every method tries the syscall
// first and waits for readiness only on EAGAIN; concurrent readers are serialised, as are
// concurrent writers; Close marks the descriptor closing, wakes every parked reader and writer,
// waits for the operations still using it to return, and only then closes it (so the number can
// never be reused under a running operation). Errors come back as internal/poll returns them:
// bare errnos, net.ErrClosed after Close, os.ErrDeadlineExceeded after a deadline, io.EOF at the
// end of a stream. Wrapping them (os.SyscallError, net.OpError) is the caller's job, once, at its
// API boundary.
//
// A greenlet interrupted while it waits here (Kill, an expiring Timeout) unwinds with the
// interruption's panic; the deferred unlocks leave the descriptor consistent.
package netfd
