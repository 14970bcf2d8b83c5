package behave

import (
	"bytes"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// hangAfter bounds every wait for something that must happen: a deadlock fails the check
// instead of hanging the suite.
const hangAfter = 20 * time.Second

// goid returns the calling goroutine's id, from the header of its stack trace ("goroutine 7
// [running]:"). Only tests use it, to find their helpers in a dump of every goroutine.
func goid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	id, _ := strconv.ParseInt(string(b[:bytes.IndexByte(b, ' ')]), 10, 64)
	return id
}

// waitBlocked polls a dump of every goroutine until each of ids waits (or is gone). A goroutine
// in a system call counts as waiting once it has stayed there for stuckPolls polls in a row: a
// blocking syscall (a read on a descriptor in blocking mode) is a wait too, a short one is not.
func waitBlocked(t testing.TB, ids []int64) {
	t.Helper()
	deadline := time.Now().Add(hangAfter)
	buf := make([]byte, 1<<20)
	inSyscall := map[int64]int{}
	for {
		n := runtime.Stack(buf, true)
		if n == len(buf) {
			buf = make([]byte, 2*len(buf))
			continue
		}
		if allBlocked(buf[:n], ids, inSyscall) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("helpers %v did not block within %v", ids, hangAfter)
		}
		time.Sleep(time.Millisecond)
	}
}

// stuckPolls is how many polls in a row a goroutine must be seen in a system call to count as
// blocked in it.
const stuckPolls = 20

// allBlocked reports whether the dump shows each of ids waiting, counting in inSyscall the polls
// in a row each has been seen in a system call.
func allBlocked(dump []byte, ids []int64, inSyscall map[int64]int) bool {
	all := true
	for _, id := range ids {
		header := []byte("goroutine " + strconv.FormatInt(id, 10) + " [")
		i := bytes.Index(dump, header)
		if i < 0 {
			continue
		}
		state := dump[i+len(header):]
		state = state[:bytes.IndexByte(state, ']')]
		switch {
		case bytes.HasPrefix(state, []byte("syscall")):
			inSyscall[id]++
			if inSyscall[id] < stuckPolls {
				all = false
			}
		case bytes.HasPrefix(state, []byte("running")), bytes.HasPrefix(state, []byte("runnable")):
			inSyscall[id] = 0
			all = false
		}
	}
	return all
}
