package sync

// This file mirrors sync's Pool. Get and Put never wait for another
// goroutine, so a greenlet that uses it cannot stall the hub.

import stdsync "sync"

// Pool is sync.Pool, a set of temporary objects that may be saved and
// retrieved individually, and freed by the garbage collector at any time.
type Pool = stdsync.Pool
