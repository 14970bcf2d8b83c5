// Package cases plays a stdlib package with one exported name per check;
// example.test/green/cases mirrors each one correctly or breaks it on
// purpose.
package cases

import (
	"errors"

	"example.test/std/base"
)

const Size = 4

const WrongValue base.Kind = 2

const WrongConstType base.Kind = 2

var ErrGone = errors.New("gone")

var Default *base.Conn

var WrongVarType int

var Rebound = errors.New("rebound")

func NotDeclared() {}

func WrongKind() {}

func Open(a *base.Addr) (*base.Conn, error) { return nil, nil }

func WrongResult(s string) int { return 0 }

func Variadic(xs ...int) {}

func Impostor() *base.Conn { return nil }

func Route(m map[string][]chan<- *base.Conn) {}

func WrongDirection(c chan<- int) {}

func Keys[K comparable, V any](m map[K]V) []K { return nil }

func LooseKeys[K comparable](xs []K) []K { return nil }

func SwappedParams[K comparable, V any](m map[K]V) []V { return nil }

func Arity[A, B any]() {}

func TooFew(a, b int) {}

func Wrapped(s string) int { return len(s) }

func Misdirected(s string) int { return 0 }

func Excused() {}

func ExcusedNeedlessly() {}

type Alias struct{ X int }

type WrongAlias struct{ X int }

type Session struct {
	Name   string
	Conn   *base.Conn
	secret int
}

func (s Session) String() string { return s.Name }

func (s *Session) Close() error { return nil }

func (s *Session) Swap(c *base.Conn) *base.Conn { return c }

type MissingField struct {
	Name string
	Port int
}

type WrongFieldType struct{ Port int }

type MissingMethod struct{}

func (MissingMethod) A() {}

func (*MissingMethod) B() {}

type ValueReceiver struct{}

func (ValueReceiver) Get() int { return 0 }

type PointerReceiver struct{}

func (*PointerReceiver) Get() int { return 0 }

type WrongMethod struct{}

func (*WrongMethod) Do(n int) error { return nil }

type WrongUnderlying struct{}

type Handler func(c *base.Conn)

type WrongHandler func(c *base.Conn)

type Waiter interface{ Wait(c *base.Conn) error }

type ExtraMethod interface{ Wait() }

type Box[T any] struct{ V T }

func (b *Box[T]) Put(v T) { b.V = v }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type SwappedAlias[K, V any] struct{}

type WrongConstraint[T any] struct{ V T }

type inner struct{ Depth int }

func (*inner) Level() int { return 0 }

type Outer struct{ inner }
