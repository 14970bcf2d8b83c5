// Package cases mirrors example.test/std/cases: each name either stands
// for its stdlib twin or breaks it in the one way its name says.
package cases

import (
	"errors"

	"example.test/green/base"
	"example.test/other"
	"example.test/std/cases"
)

const Size = cases.Size

const WrongValue base.Kind = 3

const WrongConstType = 2

var ErrGone = cases.ErrGone

var Default *base.Conn

var WrongVarType int64

var Rebound = errors.New("rebound")

var WrongKind = cases.WrongKind

func Open(a *base.Addr) (*base.Conn, error) { return nil, nil }

func WrongResult(s string) int64 { return 0 }

func Variadic(xs []int) {}

func Impostor() *other.Conn { return nil }

func Route(m map[string][]chan<- *base.Conn) {}

func WrongDirection(c <-chan int) {}

func Keys[K comparable, V any](m map[K]V) []K { return cases.Keys(m) }

func LooseKeys[K any](xs []K) []K { return nil }

func SwappedParams[K comparable, V any](m map[K]V) []K { return nil }

func Arity[A any]() {}

func TooFew(a int) {}

func Wrapped(s string) int { return cases.Wrapped(s) }

func Misdirected(s string) int { return cases.Wrapped(s) }

func ExcusedNeedlessly() { cases.ExcusedNeedlessly() }

type Alias = cases.Alias

type WrongAlias = cases.Alias

type Session struct {
	Name  string
	Conn  *base.Conn
	green bool
}

func (s Session) String() string { return s.Name }

func (s *Session) Close() error { return nil }

func (s *Session) Swap(c *base.Conn) *base.Conn { return c }

type MissingField struct{ Name string }

type WrongFieldType struct{ Port string }

type MissingMethod struct{}

func (MissingMethod) A() {}

type ValueReceiver struct{}

func (*ValueReceiver) Get() int { return 0 }

type PointerReceiver struct{}

func (PointerReceiver) Get() int { return 0 }

type WrongMethod struct{}

func (*WrongMethod) Do(n int64) error { return nil }

type WrongUnderlying int

type Handler func(c *base.Conn)

type WrongHandler func(c *base.Conn) error

type Waiter interface{ Wait(c *base.Conn) error }

type ExtraMethod interface {
	Wait()
	Extra()
}

type Box[T any] struct{ V T }

func (b *Box[T]) Put(v T) { b.V = v }

type Pair[K comparable, V any] = cases.Pair[K, V]

type SwappedAlias[K, V any] = cases.SwappedAlias[V, K]

type WrongConstraint[T comparable] struct{ V T }

type Outer struct{ Depth int }

func (*Outer) Level() int { return 0 }
