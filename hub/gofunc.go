package hub

// Go starts f in a greenthread of its own — on the caller's hub, or on the default hub when the
// caller is a plain goroutine — with no handle to wait for it: eventlet's spawn_n, for the green
// packages, which cannot import package eventlet. Any goroutine may call it; f starts once the
// hub gets to it. A panic in f ends that greenthread only: it is logged with its stack and the
// hub carries on, as eventlet prints a greenthread's traceback. ErrGreenletExit unwinding f (a
// kill, the hub closing) ends it quietly.
func Go(f func()) {
	h := CurrentHub()
	if h == nil {
		h = Default()
	}
	h.Start(h.NewFuncTask(f))
}
