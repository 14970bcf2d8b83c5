package hub

import (
	"math/rand"
	"testing"
)

// TestRunqIsFIFO pushes and pops at random across growth and wrap-around and compares with a
// slice.
func TestRunqIsFIFO(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var q runq
	var ref []*Task
	tasks := make([]Task, 500)
	next := 0
	for step := range 20000 {
		if r.Intn(3) > 0 && next < len(tasks) || len(ref) == 0 && next < len(tasks) {
			q.push(&tasks[next])
			ref = append(ref, &tasks[next])
			next++
		} else {
			got := q.pop()
			var want *Task
			if len(ref) > 0 {
				want, ref = ref[0], ref[1:]
			}
			if got != want {
				t.Fatalf("step %d: popped the wrong task", step)
			}
		}
		if q.len() != len(ref) {
			t.Fatalf("step %d: len %d, want %d", step, q.len(), len(ref))
		}
		if next == len(tasks) && len(ref) == 0 {
			next = 0 // reuse the tasks: the ring has wrapped many times by now
		}
	}
	if len(q.buf)&(len(q.buf)-1) != 0 {
		t.Fatalf("ring of %d slots: not a power of two", len(q.buf))
	}
}

func TestRunqPopEmpty(t *testing.T) {
	var q runq
	if q.pop() != nil || q.len() != 0 {
		t.Fatal("an empty run queue popped something")
	}
	var a Task
	q.push(&a)
	if q.pop() != &a || q.pop() != nil {
		t.Fatal("push then pop")
	}
}

// TestRunqDropsPopped: a popped slot no longer references its task (finished greenthreads can be
// collected).
func TestRunqDropsPopped(t *testing.T) {
	var q runq
	var a Task
	q.push(&a)
	q.pop()
	for i, p := range q.buf {
		if p != nil {
			t.Fatalf("slot %d still holds a popped task", i)
		}
	}
}
