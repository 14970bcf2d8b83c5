package sync

// This file mirrors sync's Map. Its operations hold an internal lock only
// for a short critical section and never across a park, so a greenlet that
// uses it cannot stall the hub waiting on another.

import stdsync "sync"

// Map is sync.Map, a map safe for concurrent use whose zero value is empty
// and ready to use.
type Map = stdsync.Map
