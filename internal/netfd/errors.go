package netfd

import (
	"errors"
	"net"
	"os"

	"github.com/eventlet-go/eventlet/hub"
)

// errClosing is what an operation on a closed FD returns: the very net.ErrClosed, as
// internal/poll's ErrNetClosing is.
var errClosing = net.ErrClosed

// waitErr maps a hub wait error to internal/poll's: closing → net.ErrClosed, deadline →
// os.ErrDeadlineExceeded. An interruption of a greenlet (Kill, Timeout) is raised as its panic.
func waitErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, hub.ErrFDClosing):
		return errClosing
	case errors.Is(err, hub.ErrDeadline):
		return os.ErrDeadlineExceeded
	}
	hub.Raise(err)
	return err
}
