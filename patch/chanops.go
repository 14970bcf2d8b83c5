package patch

import (
	"go/ast"
	"go/token"
	"go/types"
)

// recv turns <-ch into eventlet.RecvValue(ch), or eventlet.Recv(ch) where
// the ok result is used (v, ok := <-ch). Both are calls, which keep the
// receive's place in the evaluation order.
func (r *fileRewriter) recv(u *ast.UnaryExpr) {
	fn := ".RecvValue("
	if r.commaOK[u] {
		fn = ".Recv("
	}
	r.replace(u, r.eventletName()+fn+r.text(u.X)+")")
}

// send turns ch <- v into eventlet.Send(ch, v). The element type is given
// explicitly when inference would take it from v's type rather than the
// channel's (a concrete value sent on a channel of interfaces).
func (r *fileRewriter) send(s *ast.SendStmt) {
	targs := ""
	elem := coreChan(r.typeOf(s.Chan)).Elem()
	if v := r.naturalType(s.Value); !isUntyped(v) && !types.Identical(v, elem) {
		w := r.typeWriter(s.Pos())
		t, err := w.typeString(elem)
		if err != nil {
			r.diag(s.Pos(), "send left as a plain send, which blocks the hub: the element type cannot be named here (%v)", err)
			return
		}
		w.commit()
		targs = "[" + t + "]"
	}
	r.replace(s, r.eventletName()+".Send"+targs+"("+r.text(s.Chan)+", "+r.text(s.Value)+")")
}

// rangeStmt turns for v := range ch into for v := range eventlet.Range(ch):
// the loop, its labels, break and continue stay as they are.
func (r *fileRewriter) rangeStmt(s *ast.RangeStmt) {
	if coreChan(r.typeOf(s.X)) == nil {
		return
	}
	r.replace(s.X, r.eventletName()+".Range("+r.text(s.X)+")")
}

// coreChan returns the channel type underlying t (for a type parameter, the
// channel type of its type set), or nil.
func coreChan(t types.Type) *types.Chan {
	if t == nil {
		return nil
	}
	tp, ok := types.Unalias(t).(*types.TypeParam)
	if !ok {
		c, _ := t.Underlying().(*types.Chan)
		return c
	}
	var core *types.Chan
	iface := tp.Constraint().Underlying().(*types.Interface)
	for i := range iface.NumEmbeddeds() {
		terms := []types.Type{iface.EmbeddedType(i)}
		if u, ok := iface.EmbeddedType(i).(*types.Union); ok {
			terms = terms[:0]
			for j := range u.Len() {
				terms = append(terms, u.Term(j).Type())
			}
		}
		for _, term := range terms {
			c := coreChan(term)
			if c == nil || core != nil && !types.Identical(c.Elem(), core.Elem()) {
				return nil
			}
			if core == nil || c.Dir() != types.SendRecv {
				core = c
			}
		}
	}
	return core
}

// naturalType is the type e has on its own, outside the context that gave
// the recorded type: untyped for untyped constants, nil, comparisons and
// untyped shifts. x := e declares x with the default of this type.
func (r *fileRewriter) naturalType(e ast.Expr) types.Type {
	tv := r.info.Types[e]
	if tv.Value == nil && !tv.IsNil() && !mayBeUntyped(e) {
		return tv.Type
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue)}
	if err := types.CheckExpr(r.fset, r.pkg, e.Pos(), e, info); err != nil {
		return tv.Type
	}
	return info.Types[e].Type
}

// mayBeUntyped reports whether a non-constant expression can be untyped:
// comparisons and shifts can, and logical operations on them.
func mayBeUntyped(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		return true
	case *ast.UnaryExpr:
		return e.Op == token.NOT
	}
	return false
}

func isUntyped(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}
