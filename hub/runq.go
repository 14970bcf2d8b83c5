package hub

// runq is a FIFO ring of tasks ready to run, grown by doubling and never shrunk, so steady
// state allocates nothing. Owned by the hub goroutine.
type runq struct {
	buf        []*Task
	head, size int
}

func (q *runq) len() int { return q.size }

func (q *runq) push(t *Task) {
	if q.size == len(q.buf) {
		q.grow()
	}
	q.buf[(q.head+q.size)&(len(q.buf)-1)] = t
	q.size++
}

func (q *runq) pop() *Task {
	if q.size == 0 {
		return nil
	}
	t := q.buf[q.head]
	q.buf[q.head] = nil
	q.head = (q.head + 1) & (len(q.buf) - 1)
	q.size--
	return t
}

func (q *runq) grow() {
	n := 2 * len(q.buf)
	if n == 0 {
		n = 64
	}
	buf := make([]*Task, n)
	for i := range q.size {
		buf[i] = q.buf[(q.head+i)&(len(q.buf)-1)]
	}
	q.buf, q.head = buf, 0
}
