package sync

// This file mirrors sync.OnceFunc, OnceValue and OnceValues.

// onceCall runs a function once through a Once and remembers whether it returned or what it
// panicked with: the state shared by OnceFunc, OnceValue and OnceValues.
type onceCall struct {
	once     Once
	returned bool
	panicked any
}

// do runs call the first time, and panics on every call, the first included, with what call
// panicked with if it did not return (a runtime.Goexit, too, panics).
func (c *onceCall) do(call func()) {
	c.once.Do(func() {
		defer func() {
			if !c.returned {
				// Re-panic from inside the deferred call, so the first caller's stack trace still
				// reaches into the function.
				c.panicked = recover()
				panic(c.panicked)
			}
		}()
		call()
		c.returned = true
	})
	if !c.returned {
		panic(c.panicked)
	}
}

// OnceFunc returns a function that calls f only once; it may be called concurrently, and callers
// that arrive while f runs wait for it (greenlets park). If f panics, the returned function
// panics with the same value on every call. f is not kept alive after it has run.
func OnceFunc(f func()) func() {
	s := &struct {
		onceCall
		f func()
	}{f: f}
	return func() {
		s.do(func() {
			f := s.f
			s.f = nil
			f()
		})
	}
}

// OnceValue returns a function that calls f only once and returns its value, as OnceFunc does.
func OnceValue[T any](f func() T) func() T {
	s := &struct {
		onceCall
		f func() T
		v T
	}{f: f}
	return func() T {
		s.do(func() {
			f := s.f
			s.f = nil
			s.v = f()
		})
		return s.v
	}
}

// OnceValues returns a function that calls f only once and returns its values, as OnceFunc does.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	s := &struct {
		onceCall
		f  func() (T1, T2)
		v1 T1
		v2 T2
	}{f: f}
	return func() (T1, T2) {
		s.do(func() {
			f := s.f
			s.f = nil
			s.v1, s.v2 = f()
		})
		return s.v1, s.v2
	}
}
