// Package apiparity checks that a mirror package declares every exported
// name of the stdlib package it stands in for, with the same kind and the
// same type.
//
// A mirror may stand in for a stdlib type in two ways: by aliasing it
// (type IP = net.IP), or by declaring its own named type of the same name,
// a green twin, with the same exported fields and methods. Wherever a
// stdlib declaration mentions a type X of a mirrored package and the
// mirror of that package declares its own X, the mirror's X is accepted in
// X's place, recursively and across packages (a mirror of net/http may
// mention the mirror of net's types where net/http mentions net's).
//
// Check loads every package in one go/packages call, from the compiler's
// export data, and compares declarations with go/types. Names that cannot
// be mirrored are listed, each with its reason, in Exceptions; the check
// counts them as accounted for.
package apiparity
