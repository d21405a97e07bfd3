package catalog

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
)

// Rendering is bounded: a catalog template is code from a team, or from a
// repository until the user trusts it, and must not hang dockgen or
// exhaust memory. Every bound is far above what a Dockerfile or CI
// template needs.
const (
	maxOutput = 1 << 20          // bytes of one rendered file
	maxValue  = 1 << 20          // size of a value a function returns: string bytes plus one per item
	maxItems  = 10_000           // length of the lists until, untilStep and seq make
	maxWork   = 1_000_000        // loop iterations, template calls, function calls and items measured, per Render
	maxTime   = 10 * time.Second // wall-clock backstop per Render
)

// LimitError is a template stopped by a bound.
type LimitError struct {
	File string // the template file being rendered
	Msg  string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("render error at (%s): %s", e.File, e.Msg)
}

// budget is the work one Render may do.
type budget struct {
	work, calls int
	deadline    time.Time
}

func newBudget() *budget { return &budget{deadline: time.Now().Add(maxTime)} }

func (b *budget) spend(n int) error {
	b.work += n
	if b.work > maxWork {
		return &LimitError{Msg: fmt.Sprintf("the template runs more than %d steps (loop iterations, template calls, values built): a loop or recursion without a useful bound", maxWork)}
	}
	b.calls++
	if b.calls%256 == 0 && time.Now().After(b.deadline) {
		return &LimitError{Msg: fmt.Sprintf("rendering took longer than %s", maxTime)}
	}
	return nil
}

// limitWriter fails a write that takes the output past maxOutput, which
// stops the template.
type limitWriter struct {
	buf strings.Builder
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > maxOutput {
		return 0, &LimitError{Msg: fmt.Sprintf("the output is larger than %d KiB", maxOutput>>10)}
	}
	return w.buf.Write(p)
}

// tickFunc is called in each loop iteration, callFunc at the start of each
// template (a template call costs about ten loop iterations).
const (
	tickFunc = "dockgen_tick"
	callFunc = "dockgen_call"
)

// boundedFuncs is FuncMap with every function wrapped: it spends from b,
// checks the arguments of the functions whose result can be much larger
// than their input, and refuses a result larger than maxValue. printf,
// print and println (text/template built-ins) are wrapped the same way.
func boundedFuncs(b *budget) template.FuncMap {
	fm := FuncMap()
	fm["printf"], fm["print"], fm["println"] = fmt.Sprintf, fmt.Sprint, fmt.Sprintln
	out := template.FuncMap{}
	for name, f := range fm {
		out[name] = bound(b, name, f)
	}
	out[tickFunc] = func() (string, error) { return "", b.spend(1) }
	out[callFunc] = func() (string, error) { return "", b.spend(10) }
	return out
}

var errorType = reflect.TypeFor[error]()

func bound(b *budget, name string, f any) any {
	fv := reflect.ValueOf(f)
	ft := fv.Type()
	ins := make([]reflect.Type, ft.NumIn())
	for i := range ins {
		ins[i] = ft.In(i)
	}
	hasErr := ft.NumOut() == 2 && ft.Out(1) == errorType
	if ft.NumOut() == 0 || ft.NumOut() > 2 || (ft.NumOut() == 2 && !hasErr) {
		panic("catalog: cannot bound function " + name) // a programming error in the allowlist
	}
	wt := reflect.FuncOf(ins, []reflect.Type{ft.Out(0), errorType}, ft.IsVariadic())
	pre := argChecks[name]
	return reflect.MakeFunc(wt, func(args []reflect.Value) []reflect.Value {
		fail := func(err error) []reflect.Value {
			return []reflect.Value{reflect.Zero(ft.Out(0)), reflect.ValueOf(&err).Elem()}
		}
		if err := b.spend(1); err != nil {
			return fail(err)
		}
		if pre != nil {
			if err := pre(args); err != nil {
				return fail(&LimitError{Msg: name + ": " + err.Error()})
			}
		}
		var res []reflect.Value
		if ft.IsVariadic() {
			res = fv.CallSlice(args)
		} else {
			res = fv.Call(args)
		}
		if hasErr && !res[1].IsNil() {
			return res
		}
		n, nodes, err := measure(res[0], map[uintptr]bool{})
		if err == nil {
			err = b.spend(nodes)
		}
		if err == nil && n > maxValue {
			err = &LimitError{Msg: fmt.Sprintf("%s: the result is larger than %d KiB", name, maxValue>>10)}
		}
		if err != nil {
			return fail(err)
		}
		return []reflect.Value{res[0], reflect.Zero(errorType)}
	}).Interface()
}

// measure returns v's size (string bytes plus one per item), stopping
// past maxValue, and how many values it visited. A map that contains
// itself (set $d "a" $d) is refused: printing it would never end.
func measure(v reflect.Value, path map[uintptr]bool) (size, nodes int, err error) {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) {
		if v.IsNil() {
			return 1, 1, nil
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return 1, 1, nil
	}
	switch v.Kind() {
	case reflect.String:
		return v.Len() + 1, 1, nil
	case reflect.Slice, reflect.Array, reflect.Map:
		if v.Kind() == reflect.Map {
			p := v.Pointer()
			if path[p] {
				return 0, 1, &LimitError{Msg: "a dict that contains itself"}
			}
			path[p] = true
			defer delete(path, p)
		}
		size, nodes = 1, 1
		add := func(e reflect.Value) bool {
			s, n, e2 := measure(e, path)
			size, nodes, err = size+s, nodes+n, e2
			return err == nil && size <= maxValue
		}
		if v.Kind() == reflect.Map {
			for it := v.MapRange(); it.Next(); {
				if !add(it.Key()) || !add(it.Value()) {
					break
				}
			}
		} else {
			for i := 0; i < v.Len(); i++ {
				if !add(v.Index(i)) {
					break
				}
			}
		}
		return size, nodes, err
	}
	return 1, 1, nil
}

// argChecks refuse, before the call, arguments that would make a result
// far larger than maxValue (the allocation itself would exhaust memory).
var argChecks = map[string]func(args []reflect.Value) error{
	"repeat": func(a []reflect.Value) error { return product(a[0].Int(), int64(a[1].Len())) },
	"until":  func(a []reflect.Value) error { return items(abs(a[0].Int())) },
	"untilStep": func(a []reflect.Value) error {
		start, stop, step := a[0].Int(), a[1].Int(), a[2].Int()
		if step == 0 {
			return nil
		}
		return items(abs(stop-start) / abs(step))
	},
	"seq": func(a []reflect.Value) error {
		p := a[0] // the variadic []int
		var first, last, step int64 = 1, 0, 1
		switch p.Len() {
		case 1:
			last = p.Index(0).Int()
		case 2:
			first, last = p.Index(0).Int(), p.Index(1).Int()
		case 3:
			first, step, last = p.Index(0).Int(), p.Index(1).Int(), p.Index(2).Int()
		}
		if step == 0 {
			return nil
		}
		return items(abs(last-first) / abs(step))
	},
	"indent":  indentCheck,
	"nindent": indentCheck,
	"replace": func(a []reflect.Value) error {
		old, repl, src := a[0].String(), a[1].String(), a[2].String()
		n := int64(len(src) + 1)
		if old != "" {
			n = int64(strings.Count(src, old))
		}
		return product(n, int64(len(repl)))
	},
	// Each match is replaced by at most len(repl) copies of itself ($1...).
	"regexReplaceAll":        regexCheck,
	"regexReplaceAllLiteral": regexCheck,
	"wrapWith": func(a []reflect.Value) error {
		return product(int64(a[2].Len()+1), int64(a[1].Len()))
	},
	"join": func(a []reflect.Value) error {
		size, _, err := measure(a[1], map[uintptr]bool{})
		if err != nil {
			return err
		}
		return product(int64(size), int64(a[0].Len())+1)
	},
}

func indentCheck(a []reflect.Value) error {
	return product(a[0].Int(), int64(strings.Count(a[1].String(), "\n")+1))
}

func regexCheck(a []reflect.Value) error {
	if _, err := regexp.Compile(a[0].String()); err != nil {
		return err // sprig would panic
	}
	return product(int64(a[1].Len()+1), int64(a[2].Len()+1))
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// product refuses n copies of size bytes past maxValue.
func product(n, size int64) error {
	if n > 0 && size > 0 && n > maxValue/size {
		return fmt.Errorf("%d × %d bytes is more than %d KiB", n, size, maxValue>>10)
	}
	return nil
}

func items(n int64) error {
	if n > maxItems {
		return fmt.Errorf("%d items is more than %d", n, maxItems)
	}
	return nil
}

// instrument makes every loop iteration and template call spend from the
// budget: it puts a call of tickFunc first in each range body and each
// template's body, so `range 100000000000` or exponential recursion stops
// at maxWork.
func instrument(root *template.Template) error {
	nop := func() string { return "" }
	ticks, err := template.New(tickFunc).Funcs(template.FuncMap{tickFunc: nop, callFunc: nop}).Parse("{{" + tickFunc + "}}{{" + callFunc + "}}")
	if err != nil {
		return err
	}
	node, call := ticks.Tree.Root.Nodes[0], ticks.Tree.Root.Nodes[1]
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
			n.List.Nodes = append([]parse.Node{node}, n.List.Nodes...)
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	for _, t := range root.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		walk(t.Tree.Root)
		t.Tree.Root.Nodes = append([]parse.Node{call}, t.Tree.Root.Nodes...)
	}
	return nil
}
