package resource

import (
	"os"
	"syscall"
	"testing"
)

// TestRSS: this process's resident size is read, the same through its pid, and grows when
// memory is touched.
func TestRSS(t *testing.T) {
	self, err := RSS(0)
	if err != nil || self <= 0 {
		t.Fatalf("RSS(0) = %d, %v", self, err)
	}
	touched := make([]byte, 64<<20)
	for i := range touched {
		touched[i] = 1
	}
	byPid, err := RSS(os.Getpid())
	if err != nil || byPid < self+32<<20 {
		t.Fatalf("RSS(own pid) after touching 64 MiB = %d, %v; before %d", byPid, err, self)
	}
	if _, err := RSS(-1); err == nil {
		t.Fatal("RSS of no process: no error")
	}
	_ = touched[len(touched)-1]
}

// TestRaiseNofile: the limit is raised to what is asked, and asking for less changes nothing.
func TestRaiseNofile(t *testing.T) {
	if err := RaiseNofile(1024); err != nil {
		t.Fatal(err)
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Cur < 1024 {
		t.Fatalf("after RaiseNofile(1024) the limit is %d (%v)", lim.Cur, err)
	}
	if err := RaiseNofile(1); err != nil {
		t.Fatal(err)
	}
	if err := RaiseNofile(1 << 62); err == nil {
		t.Fatal("raising past the hard limit: no error")
	}
}
