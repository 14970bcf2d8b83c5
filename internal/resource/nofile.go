package resource

import (
	"fmt"
	"syscall"
)

// RaiseNofile raises the soft limit on open descriptors to at least n; it fails when the hard
// limit is lower.
func RaiseNofile(n uint64) error {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return err
	}
	if lim.Cur >= n {
		return nil
	}
	if lim.Max < n {
		return fmt.Errorf("need %d descriptors, the hard limit is %d", n, lim.Max)
	}
	lim.Cur = n
	return syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
}
