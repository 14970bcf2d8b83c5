package sync

// This file mirrors sync's Locker interface, which the green Mutex and
// RWMutex satisfy as the stdlib ones do.

import stdsync "sync"

// Locker is sync.Locker, an object that can be locked and unlocked.
type Locker = stdsync.Locker
