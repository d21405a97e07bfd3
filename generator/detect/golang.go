package detect

import (
	"bufio"
	"bytes"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/dockgen/dockgen/generator/kind"
)

var packageMainRe = lazy(`(?m)^package\s+main\s*$`)

// cgoModules are dependencies that need cgo at build time.
var cgoModules = []string{"github.com/mattn/go-sqlite3", "github.com/confluentinc/confluent-kafka-go"}

var goDetector = detector{kind.Go, detectGo}

func detectGo(d *dir) (*Project, bool) {
	data := d.read("go.mod")
	if data == nil {
		return nil, false
	}
	p := &Project{Tool: "go", Framework: "none"}
	// Parse keeps the toolchain directive; ParseLax tolerates what a newer
	// or older Go wrote that this parser rejects.
	f, err := modfile.Parse(d.path("go.mod"), data, nil)
	if err != nil {
		f, err = modfile.ParseLax(d.path("go.mod"), data, nil)
	}
	if err != nil {
		d.warn("go.mod", errLine(err), "malformed go.mod: %v", firstLine(err.Error()))
	} else {
		if f.Module != nil {
			p.Go.Module = f.Module.Mod.Path
			p.evidence(d.path("go.mod"), f.Module.Syntax.Start.Line, "module %s", p.Go.Module)
		}
		if f.Go != nil {
			p.Version = f.Go.Version
			p.evidence(d.path("go.mod"), f.Go.Syntax.Start.Line, "go %s", f.Go.Version)
		}
		if f.Toolchain != nil {
			p.evidence(d.path("go.mod"), f.Toolchain.Syntax.Start.Line, "toolchain %s", f.Toolchain.Name)
		}
		for _, r := range f.Require {
			for _, c := range cgoModules {
				if r.Mod.Path == c {
					p.Go.CGO = true
					p.evidence(d.path("go.mod"), r.Syntax.Start.Line, "requires %s, which needs cgo", c)
				}
			}
		}
	}
	p.Go.HasGoSum = d.exists("go.sum")
	if d.exists("vendor/modules.txt") {
		p.Go.Vendor = true
		p.evidence(d.path("vendor/modules.txt"), 1, "vendored modules: build with -mod=vendor")
	}
	if !p.Go.CGO {
		if f, line := importsC(d, "."); f != "" {
			p.Go.CGO = true
			p.evidence(d.path(f), line, `import "C": needs cgo`)
		}
	}
	mains := goMains(d)
	if len(mains) > 0 {
		p.Entry, p.Alternatives = pickMain(mains, p.Go.Module)
		if f, line := importsC(d, strings.TrimPrefix(p.Entry, "./")); f != "" && !p.Go.CGO {
			p.Go.CGO = true
			p.evidence(d.path(f), line, `import "C": needs cgo`)
		}
		p.evidence(d.path(strings.TrimPrefix(p.Entry, "./")), 0, "package main: %s", p.Entry)
		if len(p.Alternatives) > 0 {
			p.evidence(d.path(strings.TrimPrefix(p.Alternatives[0], "./")), 0, "other main packages: %s", strings.Join(p.Alternatives, ", "))
		}
	}
	return p, true
}

var importCRe = lazy(`(?m)^import\s+"C"\s*$`)

// importsC finds a non-test .go file of package dir that imports "C".
func importsC(d *dir, pkg string) (string, int) {
	for _, e := range d.list(pkg) {
		n := e.Name()
		if e.IsDir() || goIgnored(n) || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f := path.Join(pkg, n)
		data := d.read(f)
		if loc := importCRe.FindIndex(data); loc != nil {
			return f, lineAt(data, loc[0])
		}
	}
	return "", 0
}

// goMains lists the main packages at the root and under cmd/*, as ./paths.
func goMains(d *dir) []string {
	var mains []string
	if dirHasMain(d, ".") {
		mains = append(mains, ".")
	}
	for _, e := range d.list("cmd") {
		if e.IsDir() && !goIgnored(e.Name()) && dirHasMain(d, "cmd/"+e.Name()) {
			mains = append(mains, "./cmd/"+e.Name())
		}
	}
	if len(mains) == 0 && dirHasMain(d, "cmd") {
		mains = append(mains, "./cmd")
	}
	sort.Strings(mains)
	return mains
}

func dirHasMain(d *dir, name string) bool {
	for _, e := range d.list(name) {
		n := e.Name()
		if e.IsDir() || goIgnored(n) || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		data := d.read(path.Join(name, n))
		if len(data) > 64<<10 {
			data = data[:64<<10]
		}
		if packageMainRe.Match(data) && !ignoredByBuildTag(data) {
			return true
		}
	}
	return false
}

// goIgnored reports the names the go command skips: ./cmd/... never
// matches cmd/.hid or cmd/_old, and files named so are not compiled.
func goIgnored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata"
}

// ignoredByBuildTag reports a //go:build ignore (tools, generators) header.
func ignoredByBuildTag(data []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(l, "package ") {
			return false
		}
		if strings.HasPrefix(l, "//go:build") && strings.Contains(l, "ignore") {
			return true
		}
	}
	return false
}

// toolMainRe names main packages that are a repo's helpers, not its product:
// generators, docs builders, examples, dev tools.
var toolMainRe = lazy(`(?i)(^|[-_])(gen|generate|generator|docs?|tools?|example|examples|demo|mock|mocks|test|tests|bench|hack|script|scripts|lint|migrate|codegen|fixtures?)($|[-_])`)

// majorSuffixRe is a module path's major-version element ("/v2").
var majorSuffixRe = lazy(`^v[0-9]+$`)

// pickMain returns the main package to build and the others: the one named
// like the module (without its /vN suffix), then the root package, then the
// only one that is not a helper; ambiguous otherwise (first non-helper).
func pickMain(mains []string, module string) (string, []string) {
	base := path.Base(module)
	if majorSuffixRe.MatchString(base) {
		base = path.Base(path.Dir(module))
	}
	pick := func(m string) (string, []string) {
		var others []string
		for _, o := range mains {
			if o != m {
				others = append(others, o)
			}
		}
		return m, others
	}
	for _, m := range mains {
		if path.Base(m) == base && m != "." {
			return pick(m)
		}
	}
	if slices.Contains(mains, ".") {
		return pick(".")
	}
	var products []string
	for _, m := range mains {
		if !toolMainRe.MatchString(path.Base(m)) {
			products = append(products, m)
		}
	}
	if len(products) > 0 {
		return pick(products[0])
	}
	return pick(mains[0])
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

var errLineRe = lazy(`:(\d+)(?::\d+)?:`)

// errLine digs the line number out of a parser error, 0 when there is none.
func errLine(err error) int {
	m := errLineRe.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	n := 0
	for _, c := range m[1] {
		n = n*10 + int(c-'0')
	}
	return n
}
