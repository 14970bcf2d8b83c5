// Command parity checks that the green packages declare every exported
// name of the stdlib packages they mirror, with the same kind and type.
//
// Usage:
//
//	go run ./conformance/cmd/parity [-pkg net,time,sync,net/http] [-v]
//
// It prints, per stdlib package, how many names are mirrored, excepted (a
// reason is recorded in apiparity.Exceptions) and missing, out of the
// total; -v adds one line per name, saying how it is mirrored or what is
// wrong. Run it from inside the module. It exits 1 when any name is missing
// without a reason, 2 when it cannot run.
package main
