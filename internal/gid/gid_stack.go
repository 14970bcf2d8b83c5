//go:build !amd64 && !arm64

package gid

import "runtime"

// Get returns the identity of the calling goroutine: its goroutine id, parsed from the header
// line runtime.Stack prints ("goroutine 18 [running]:").
func Get() uintptr {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	const prefix = len("goroutine ")
	var id uintptr
	for i := prefix; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		id = id*10 + uintptr(b[i]-'0')
	}
	return id
}
