package hub

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// reports collects what a blocking detector reports.
type reports struct {
	mu  sync.Mutex
	got []Report
}

func (r *reports) add(rep Report) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, rep)
}

func (r *reports) list() []Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Report(nil), r.got...)
}

// busyLoopWithoutYielding runs for d without ever yielding to its hub.
func busyLoopWithoutYielding(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

const detectAfter = 20 * time.Millisecond

// TestBlockDetectorReportsOnce: a greenlet that runs ten thresholds without yielding is reported
// once, with a stack naming the function that blocks.
func TestBlockDetectorReportsOnce(t *testing.T) {
	var rs reports
	h := newTestHub(t, WithBlockDetector(detectAfter, rs.add))
	ft := spawnIn(h, func() { busyLoopWithoutYielding(10 * detectAfter) })
	waitDone(t, ft.done, "the busy greenlet")
	time.Sleep(5 * detectAfter) // ticks after the stall: none may report it again
	got := rs.list()
	if len(got) != 1 {
		t.Fatalf("%d reports for one stall, want 1", len(got))
	}
	if got[0].Running < detectAfter {
		t.Errorf("reported running for %v, under the threshold", got[0].Running)
	}
	if !strings.Contains(got[0].Stack, "busyLoopWithoutYielding") {
		t.Errorf("the report's stack does not name the blocking function:\n%s", got[0].Stack)
	}
}

// TestBlockDetectorReportsEachStall: two separate stalls, two reports.
func TestBlockDetectorReportsEachStall(t *testing.T) {
	var rs reports
	h := newTestHub(t, WithBlockDetector(detectAfter, rs.add))
	ft := spawnIn(h, func() {
		busyLoopWithoutYielding(5 * detectAfter)
		Current().Yield()
		busyLoopWithoutYielding(5 * detectAfter)
	})
	waitDone(t, ft.done, "the busy greenlet")
	if n := len(rs.list()); n != 2 {
		t.Fatalf("%d reports for two stalls, want 2", n)
	}
}

// TestBlockDetectorQuietWhenGreenletsYield: greenlets that run long in total but yield often are
// never reported. (The threshold is wide here: the detector reads the wall clock, and a loaded
// machine may deschedule a short slice for a while.)
func TestBlockDetectorQuietWhenGreenletsYield(t *testing.T) {
	const threshold = 200 * time.Millisecond
	var rs reports
	h := newTestHub(t, WithBlockDetector(threshold, rs.add))
	var done []<-chan struct{}
	for range 3 {
		done = append(done, spawnIn(h, func() {
			for start := time.Now(); time.Since(start) < 2*threshold; {
				busyLoopWithoutYielding(50 * time.Microsecond)
				Current().Yield()
			}
		}).done)
	}
	done = append(done, spawnIn(h, func() {
		for range 20 {
			Current().Sleep(Now() + int64(threshold/10))
		}
	}).done)
	for _, d := range done {
		waitDone(t, d, "the greenlets")
	}
	if got := rs.list(); len(got) != 0 {
		t.Fatalf("%d reports for greenlets that yield, first after %v", len(got), got[0].Running)
	}
}

// TestBlockDetectorOffByDefault: a hub made without the option has no detector at all (and its
// loop skips the per-resumption bookkeeping).
func TestBlockDetectorOffByDefault(t *testing.T) {
	h := newTestHub(t)
	if h.detect != nil {
		t.Fatal("a hub made without WithBlockDetector has a detector")
	}
}

// The EVENTLET_BLOCK_DETECT variable is read once, by Default(), which a process creates once: so
// each case runs in a child process of this test binary, which starts the default hub, blocks it
// for a while and exits; the parent reads the child's log.

const childEnv = "HUB_TEST_BLOCK_DETECT_CHILD"

// TestBlockDetectEnvChild is the child's side; it does nothing in a normal run.
func TestBlockDetectEnvChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("run by TestBlockDetectEnv as a child process")
	}
	h := Default()
	ft := spawnIn(h, func() { busyLoopWithoutYielding(300 * time.Millisecond) })
	waitDone(t, ft.done, "the busy greenlet")
}

func TestBlockDetectEnv(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		t.Skip("the child runs only its own side")
	}
	for _, tc := range []struct {
		value    string
		reported bool // a report naming the busy function
		ignored  bool // the value was rejected, with a message
	}{
		{"100ms", true, false},
		{"", false, false},
		{"1h", false, false},
		{"0", false, true},
		{"-100ms", false, true},
		{"100", false, true}, // a bare number has no unit
		{"fast", false, true},
	} {
		t.Run(tc.value, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestBlockDetectEnvChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), childEnv+"=1", "EVENTLET_BLOCK_DETECT="+tc.value,
				"GORACE=atexit_sleep_ms=0") // a race-enabled child would idle a second on exit
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			log := string(out)
			reported := strings.Contains(log, "without yielding") && strings.Contains(log, "busyLoopWithoutYielding")
			ignored := strings.Contains(log, "ignoring EVENTLET_BLOCK_DETECT")
			if reported != tc.reported || ignored != tc.ignored {
				t.Fatalf("EVENTLET_BLOCK_DETECT=%q: reported %v ignored %v, want %v %v\n%s",
					tc.value, reported, ignored, tc.reported, tc.ignored, log)
			}
		})
	}
}
