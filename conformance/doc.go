// Package conformance holds the parity suite that proves the green
// packages stand in for the stdlib ones they mirror.
//
// API parity (apiparity_test.go, and the command in cmd/parity): every
// exported name of net, time, sync and net/http exists in green/net,
// green/time, green/sync and green/http with the same kind and type, green
// types substituted for their stdlib twins, or is listed with the reason
// it cannot be mirrored.
package conformance
