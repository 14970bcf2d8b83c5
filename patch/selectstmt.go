package patch

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// selectStmt turns a select statement into a call of eventlet.Select (which
// has reflect.Select's contract) and a switch on the chosen case:
//
//	switch chosen, recv, recvOK := eventlet.Select([]reflect.SelectCase{
//		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c)},
//		{Dir: reflect.SelectSend, Chan: reflect.ValueOf(d), Send: reflect.ValueOf(x)},
//	}); chosen {
//	case 0:
//		v := recv.Interface().(int)
//		...
//	default:
//		...
//	}
//
// The case list is a composite literal, so every channel and send value is
// evaluated once, in source order, on entering the statement, as the spec
// orders; a chosen case then performs its assignment and runs its body, and
// break still leaves the statement. The last case is the switch's default,
// so the switch is a terminating statement exactly when the select was.
//
// A select with a default case never blocks, so it stays a plain select
// (its channel and value expressions are still rewritten). select {} parks
// forever: eventlet.Select(nil).
func (r *fileRewriter) selectStmt(s *ast.SelectStmt, stack []ast.Node) {
	clauses := s.Body.List
	if len(clauses) == 0 {
		r.emptySelect(s, stack)
		return
	}
	for _, c := range clauses {
		if c.(*ast.CommClause).Comm == nil {
			return
		}
	}
	w := r.typeWriter(s.Pos())
	names := selectNames{chosen: r.freshLocal("chosen"), recv: r.freshLocal("recv"), ok: r.freshLocal("recvOK")}
	var cases, bodies []string
	for i, c := range clauses {
		cc := c.(*ast.CommClause)
		sc, prologue, err := r.selectCase(cc, w, &names)
		if err != nil {
			r.diag(cc.Pos(), "select left as a plain select, which blocks the hub: %v", err)
			return
		}
		cases = append(cases, sc)
		end := s.Body.Rbrace
		if i+1 < len(clauses) {
			end = clauses[i+1].Pos()
		}
		label := "case " + strconv.Itoa(i) + ":"
		if i == len(clauses)-1 {
			label = "default:"
		}
		bodies = append(bodies, label+withPrologue(r.textRange(cc.Colon+1, end), prologue))
	}
	w.commit()
	var b strings.Builder
	fmt.Fprintf(&b, "switch %s, %s, %s := %s.Select([]%s.SelectCase{\n", names.chosen, blankUnless(names.recv, names.recvUsed), blankUnless(names.ok, names.okUsed), r.eventletName(), r.reflectName())
	for _, c := range cases {
		b.WriteString(c + ",\n")
	}
	fmt.Fprintf(&b, "}); %s {", names.chosen)
	b.WriteString(r.textRange(s.Body.Lbrace+1, clauses[0].Pos()))
	b.WriteString(strings.Join(bodies, ""))
	b.WriteString("}")
	r.replace(s, b.String())
}

// selectNames are the switch's variables: the chosen index, the received
// value and the ok result of the receive, and whether a case uses each.
type selectNames struct {
	chosen, recv, ok string
	recvUsed, okUsed bool
}

func blankUnless(name string, used bool) string {
	if used {
		return name
	}
	return "_"
}

// freshLocal picks a name no identifier of the file uses: the switch
// variables are in scope across the case bodies.
func (r *fileRewriter) freshLocal(base string) string {
	name := base
	for i := 2; r.taken[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	return name
}

// selectCase returns the reflect.SelectCase literal of a communication
// clause and the statements that perform its assignment once chosen.
func (r *fileRewriter) selectCase(cc *ast.CommClause, w *typeWriter, names *selectNames) (string, []string, error) {
	refl := r.reflect
	switch comm := cc.Comm.(type) {
	case *ast.SendStmt:
		ch := coreChan(r.typeOf(comm.Chan))
		v, err := r.sendValue(comm.Value, ch.Elem(), w)
		if err != nil {
			return "", nil, err
		}
		return fmt.Sprintf("{Dir: %s.SelectSend, Chan: %s.ValueOf(%s), Send: %s}", refl, refl, r.text(comm.Chan), v), nil, nil
	case *ast.ExprStmt:
		u := recvExpr(comm.X)
		return fmt.Sprintf("{Dir: %s.SelectRecv, Chan: %s.ValueOf(%s)}", refl, refl, r.text(u.X)), nil, nil
	case *ast.AssignStmt:
		u := recvExpr(comm.Rhs[0])
		prologue, err := r.recvAssign(comm, coreChan(r.typeOf(u.X)).Elem(), w, names)
		if err != nil {
			return "", nil, err
		}
		return fmt.Sprintf("{Dir: %s.SelectRecv, Chan: %s.ValueOf(%s)}", refl, refl, r.text(u.X)), prologue, nil
	}
	return "", nil, fmt.Errorf("unexpected communication %T", cc.Comm)
}

// sendValue spells the reflect.Value of a send case. reflect.ValueOf(v)
// gives v's own dynamic type, so it serves only when that is the element
// type: otherwise (an untyped constant or nil, a value sent on a channel of
// interfaces, a nil interface) the value is first converted to the element
// type as the send would convert it, through a one-element slice.
func (r *fileRewriter) sendValue(v ast.Expr, elem types.Type, w *typeWriter) (string, error) {
	tv := r.info.Types[v]
	if tv.Value == nil && !tv.IsNil() && !types.IsInterface(elem) && types.Identical(r.naturalType(v), elem) {
		return r.reflect + ".ValueOf(" + r.text(v) + ")", nil
	}
	t, err := w.typeString(elem)
	if err != nil {
		return "", fmt.Errorf("the element type cannot be named here (%v)", err)
	}
	return fmt.Sprintf("%s.ValueOf([]%s{%s}).Index(0)", r.reflect, t, r.text(v)), nil
}

// recvAssign returns the statements that perform a receive case's
// assignment (v := <-c, v, ok = <-c...) from the received reflect.Value.
func (r *fileRewriter) recvAssign(a *ast.AssignStmt, elem types.Type, w *typeWriter, names *selectNames) ([]string, error) {
	value, ok := a.Lhs[0], ast.Expr(nil)
	if len(a.Lhs) == 2 {
		ok = a.Lhs[1]
	}
	valueBlank, okBlank := isBlank(value), ok == nil || isBlank(ok)
	op := a.Tok.String()
	if valueBlank && okBlank {
		return nil, nil
	}
	if valueBlank {
		names.okUsed = true
		return []string{r.text(ok) + " " + op + " " + names.ok}, nil
	}
	names.recvUsed = true
	// plain is a single-valued expression of the element type; when the
	// element type is an interface (or a type parameter) a nil value makes
	// a plain assertion panic, so it is asserted with the comma-ok form.
	plain, asserted := names.recv+".Interface()", ""
	if !isEmptyInterfaceLiteral(elem) {
		t, err := w.typeString(elem)
		if err != nil {
			return nil, fmt.Errorf("the element type cannot be named here (%v)", err)
		}
		if types.IsInterface(elem) {
			asserted, plain = names.recv+".Interface().("+t+")", ""
		} else {
			plain += ".(" + t + ")"
		}
	}
	lhs := r.text(value)
	if okBlank {
		if plain != "" {
			return []string{lhs + " " + op + " " + plain}, nil
		}
		return []string{lhs + ", _ " + op + " " + asserted}, nil
	}
	names.okUsed = true
	if plain != "" {
		return []string{lhs + ", " + r.text(ok) + " " + op + " " + plain + ", " + names.ok}, nil
	}
	if a.Tok == token.DEFINE {
		return []string{lhs + ", _ := " + asserted, r.text(ok) + " := " + names.ok}, nil
	}
	// Assign both at once, as the case would: the left operands are
	// evaluated before either is assigned.
	tmp := r.freshLocal("received")
	return []string{tmp + ", _ := " + asserted, lhs + ", " + r.text(ok) + " = " + tmp + ", " + names.ok}, nil
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}

// isEmptyInterfaceLiteral reports whether t is interface{} (or any) itself,
// which recv.Interface() already is.
func isEmptyInterfaceLiteral(t types.Type) bool {
	i, ok := types.Unalias(t).(*types.Interface)
	return ok && i.Empty()
}

// withPrologue puts a chosen case's assignment statements before its body,
// after a comment on the case line, if any.
func withPrologue(body string, prologue []string) string {
	if len(prologue) == 0 {
		return body
	}
	head := ""
	rest := strings.TrimLeft(body, " \t")
	if strings.HasPrefix(rest, "//") {
		nl := strings.IndexByte(rest, '\n')
		if nl < 0 {
			nl = len(rest)
		}
		head, rest = " "+rest[:nl], rest[nl:]
	} else {
		rest = body
	}
	return head + "\n" + strings.Join(prologue, "\n") + rest
}

// emptySelect turns select {} into eventlet.Select(nil). select {} is a
// terminating statement and a call is not, so where a function with results
// ends with it, a panic("unreachable") follows to keep the function valid.
func (r *fileRewriter) emptySelect(s *ast.SelectStmt, stack []ast.Node) {
	text := r.eventlet + ".Select(nil)"
	if endsFuncWithResults(stack) {
		if _, err := r.typeWriter(s.Pos()).universe("panic"); err != nil {
			r.diag(s.Pos(), "select {} left as it is, which blocks the hub: %v", err)
			return
		}
		text += "\npanic(\"unreachable\")"
	}
	r.needEventlet = true
	r.replace(s, text)
}

// endsFuncWithResults reports whether the statement on top of stack is the
// last of its list in a function that has results.
func endsFuncWithResults(stack []ast.Node) bool {
	i := len(stack) - 1
	stmt := stack[i]
	for i > 0 {
		if l, ok := stack[i-1].(*ast.LabeledStmt); ok && l.Stmt == stmt {
			i--
			stmt = l
			continue
		}
		break
	}
	if i == 0 {
		return false
	}
	var list []ast.Stmt
	switch p := stack[i-1].(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	default:
		return false
	}
	if len(list) == 0 || list[len(list)-1] != stmt {
		return false
	}
	for j := i - 1; j >= 0; j-- {
		switch f := stack[j].(type) {
		case *ast.FuncDecl:
			return f.Type.Results != nil && len(f.Type.Results.List) > 0
		case *ast.FuncLit:
			return f.Type.Results != nil && len(f.Type.Results.List) > 0
		}
	}
	return false
}
