package hub

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestSpinFollowsIdleSpells: a hub polls before sleeping only while its idle spells end within
// the spin time — messages sent back to back turn polling on, a long quiet spell turns it off —
// and WithSpin(0) never polls.
func TestSpinFollowsIdleSpells(t *testing.T) {
	const spin = 20 * time.Millisecond
	const quiet = 10 * spin
	for _, tt := range []struct {
		name       string
		opt        Option
		backToBack bool // what the hub's flag should say after a message sent right after the last
	}{
		{"WithSpin(20ms)", WithSpin(spin), true},
		{"WithSpin(0)", WithSpin(0), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestHub(t, tt.opt)
			pd, fd, peer := registeredPair(t, h)
			// The reader notes, as each message wakes it, whether the hub will poll next time.
			seen := make(chan bool, 16)
			reader := spawnIn(h, func() {
				for {
					s, err := readFD(pd, fd)
					if err != nil || s == "" {
						return
					}
					seen <- h.spinning
				}
			})
			send := func() bool {
				t.Helper()
				if _, err := unix.Write(peer, []byte("x")); err != nil {
					t.Fatal(err)
				}
				select {
				case s := <-seen:
					return s
				case <-time.After(hangAfter):
					t.Fatal("the reader was not woken")
					return false
				}
			}
			send() // the first follows an idle spell of unknown length
			for i := range 5 {
				if got := send(); got != tt.backToBack {
					t.Fatalf("message %d sent back to back: polling %v, want %v", i+2, got, tt.backToBack)
				}
			}
			time.Sleep(quiet) // the spell under test, not a synchronisation
			if send() {
				t.Fatalf("after %v of quiet the hub still polls before sleeping", quiet)
			}
			unix.Shutdown(peer, unix.SHUT_WR)
			waitDone(t, reader.done, "the reader")
		})
	}
}

// TestEnvDuration: the environment's durations (EVENTLET_BLOCK_DETECT, EVENTLET_SPIN) are taken
// when valid and ignored, with a log line naming the variable, when not.
func TestEnvDuration(t *testing.T) {
	const name = "EVENTLET_TEST_DURATION"
	for _, tt := range []struct {
		value  string
		zeroOK bool
		want   time.Duration
		ok     bool
		logged bool
	}{
		{"", true, 0, false, false},
		{"50us", false, 50 * time.Microsecond, true, false},
		{"0", true, 0, true, false},
		{"0", false, 0, false, true},
		{"-1ms", true, 0, false, true},
		{"soon", true, 0, false, true},
	} {
		t.Setenv(name, tt.value)
		logged := captureLog()
		d, ok := envDuration(name, "a duration", tt.zeroOK)
		out := logged()
		if d != tt.want || ok != tt.ok || strings.Contains(out, "ignoring "+name) != tt.logged {
			t.Errorf("%s=%q (zero ok %v): %v, %v, log %q; want %v, %v, logged %v",
				name, tt.value, tt.zeroOK, d, ok, out, tt.want, tt.ok, tt.logged)
		}
	}
}
