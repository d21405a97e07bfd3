package detect

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"

	"github.com/dockgen/dockgen/generator/kind"
)

// An import comment may follow the clause: package main // import "x/v2".
var packageMainRe = lazy(`(?m)^package\s+main\s*(?://.*|/\*.*)?$`)

// sqliteModules are SQLite drivers: the database file is written at run time.
var sqliteModules = []string{"github.com/mattn/go-sqlite3", "modernc.org/sqlite", "github.com/glebarez/sqlite", "github.com/glebarez/go-sqlite", "gorm.io/driver/sqlite", "github.com/ncruces/go-sqlite3", "zombiezen.com/go/sqlite", "crawshaw.io/sqlite"}

var goDetector = detector{kind: kind.Go, detect: detectGo, buildRoot: goWorkspace,
	deployable: func(p *Project) bool { return p.Entry != "" }} // a module without main is a library

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
		var cgo []kind.NativeDep
		for _, r := range f.Require {
			if slices.Contains(sqliteModules, r.Mod.Path) && !r.Indirect && !p.Go.Workdir {
				p.Go.Workdir = true
				p.Go.DataWhy = "SQLite (" + r.Mod.Path + ") keeps its database where the app says, often the working directory"
				p.evidence(d.path("go.mod"), r.Syntax.Start.Line, "requires %s: a writable working directory for its database", r.Mod.Path)
			}
			// Modules that need cgo are rows of the native table.
			if _, ok := kind.Native("go", r.Mod.Path); ok {
				cgo = append(cgo, kind.NativeDep{Name: r.Mod.Path, Where: fmt.Sprintf("go.mod:%d", r.Syntax.Start.Line)})
				p.evidence(d.path("go.mod"), r.Syntax.Start.Line, "requires %s, which needs cgo", r.Mod.Path)
			}
		}
		p.Go.Native, p.Go.CGO = kind.GoNative(cgo)
	}
	p.Go.HasGoSum = d.exists("go.sum")
	if d.exists("vendor/modules.txt") {
		// The go command builds from vendor/ by default only for a go
		// directive of 1.14 or later; before that it downloads modules, and
		// an old vendor/ is often out of date with go.mod.
		if p.Version == "" || semver.Compare("v"+p.Version, "v1.14") >= 0 {
			p.Go.Vendor = true
			p.evidence(d.path("vendor/modules.txt"), 1, "vendored modules: build with -mod=vendor")
		} else {
			p.evidence(d.path("vendor/modules.txt"), 1, "vendor/ is committed, but go %s predates default vendoring (1.14): modules are downloaded, as the go command does", p.Version)
		}
	}
	if !p.Go.CGO {
		if f, line := importsC(d, "."); f != "" {
			p.Go.CGO = true
			p.evidence(d.path(f), line, `import "C": needs cgo`)
		}
	}
	products, helpers, dirs := goMains(d)
	if len(products)+len(helpers) == 0 {
		// Building "." would compile a library (or nothing): the plan
		// refuses unless --entry names a main package.
		p.Go.NoMain = true
		p.evidence(d.path("go.mod"), 0, "no package main in the module (searched %d levels deep)", maxMainDepth)
	} else {
		c := pickMain(d, products, helpers, p.Go.Module)
		p.Entry, p.Alternatives = c.entry, c.others
		if f, line := importsC(d, strings.TrimPrefix(p.Entry, "./")); f != "" && !p.Go.CGO {
			p.Go.CGO = true
			p.evidence(d.path(f), line, `import "C": needs cgo`)
		}
		if c.file != "" {
			p.evidence(c.file, c.line, "package main: %s (%s)", p.Entry, c.why)
			if strings.Contains(c.file, "goreleaser") {
				if m := goreleaserBinaryRe.FindAllSubmatchIndex(d.read(path.Base(c.file)), -1); len(m) == 1 {
					data := d.read(path.Base(c.file))
					p.Go.Binary = string(data[m[0][2]:m[0][3]])
					p.evidence(c.file, lineAt(data, m[0][0]), "binary %s", p.Go.Binary)
				}
			}
		} else {
			p.evidence(d.path(strings.TrimPrefix(p.Entry, "./")), 0, "package main: %s (%s)", p.Entry, c.why)
		}
		if len(p.Alternatives) > 0 {
			p.evidence(d.path(strings.TrimPrefix(p.Alternatives[0], "./")), 0, "other main packages: %s", strings.Join(p.Alternatives, ", "))
		}
		detectGoRun(d, p, dirs)
		if tags, file, line := goBuildTags(d); len(tags) > 0 {
			p.Go.Tags = tags
			p.evidence(file, line, "builds with -tags %s", strings.Join(tags, ","))
		}
		if c.ambiguous {
			d.warn(".", 0, "several main packages and none is named like the module or built by the repository: building %s; pass --entry with one of %s", p.Entry, strings.Join(append([]string{p.Entry}, p.Alternatives...), ", "))
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

// Bounds of the search for main packages: a main nested deeper than this,
// or beyond this many directories, is not offered (--entry still builds it).
const (
	maxMainDepth = 6
	maxMainDirs  = 5000
	// maxClauseTries: files of one folder read for a package clause.
	maxClauseTries = 2
)

// mainSkip are directories that never hold the app's main package:
// dependencies, fixtures and build outputs.
var mainSkip = map[string]bool{"vendor": true, "testdata": true, "node_modules": true}

// goMains lists the main packages of the module, as ./paths: the root and
// every directory below it (breadth-first, bounded), skipping dot and
// underscore directories, vendor, testdata and nested modules (their own
// go.mod: built separately). Mains under a helper-like path (examples,
// tools, hack, generators) are listed apart.
func goMains(d *dir) (products, helpers, dirs []string) {
	queue := []string{"."}
	limit := maxMainDirs
	if d.cache != nil && d.cache.mainDirs > 0 {
		limit = d.cache.mainDirs
	}
	for n := 0; len(queue) > 0 && n < limit; n++ {
		rel := queue[0]
		queue = queue[1:]
		dirs = append(dirs, rel)
		if dirHasMain(d, rel) {
			m := "."
			if rel != "." {
				m = "./" + rel
			}
			if helperPath(rel) {
				helpers = append(helpers, m)
			} else {
				products = append(products, m)
			}
		}
		if strings.Count(rel, "/")+1 >= maxMainDepth && rel != "." {
			continue
		}
		for _, e := range d.list(rel) {
			name := e.Name()
			if !e.IsDir() || mainSkip[name] || goIgnored(name) {
				continue
			}
			sub := path.Join(rel, name)
			if d.exists(sub + "/go.mod") {
				continue
			}
			queue = append(queue, sub)
		}
	}
	sort.Strings(products)
	sort.Strings(helpers)
	return products, helpers, dirs
}

// helperPath reports a package path with a helper-like element (examples,
// tools, generators, tests): its mains are not the product.
func helperPath(rel string) bool {
	for _, el := range strings.Split(rel, "/") {
		if toolMainRe.MatchString(el) {
			return true
		}
	}
	return false
}

func dirHasMain(d *dir, name string) bool {
	tried := 0
	for _, e := range d.list(name) {
		n := e.Name()
		if e.IsDir() || goIgnored(n) || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		// Every Go file the go command accepts starts with its package
		// clause (after comments): a folder whose first files have none
		// (empty, junk) holds no buildable package and is not read to
		// its end: 100,000 such files must not cost seconds.
		if tried++; tried > maxClauseTries {
			return false
		}
		data, err := d.head(path.Join(name, n), 64<<10)
		if err != nil {
			continue
		}
		if ignoredByBuildTag(data) {
			continue
		}
		// The files of a directory are one package: the first that says
		// which decides (no need to read the rest of a big package).
		if pkg := packageClause(data); pkg != "" {
			return pkg == "main" && packageMainRe.Match(data)
		}
	}
	return false
}

// packageClause is the package name a Go file declares, "" when none is
// found (comments and blank lines may come first).
func packageClause(data []byte) string {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if rest, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte("package ")); ok {
			f := bytes.Fields(rest)
			if len(f) > 0 {
				return string(f[0])
			}
		}
	}
	return ""
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

// mainChoice is the main package to build, why, and the others.
type mainChoice struct {
	entry  string
	others []string
	why    string // the fact for the evidence
	file   string // where the reason was read ("" for a naming rule)
	line   int
	// ambiguous: several candidates and no rule chose one; the first is
	// built and the user is told the choices.
	ambiguous bool
}

// pickMain chooses among the main packages: the one the repository's own
// build names (a goreleaser main, a Dockerfile's go build), the one named
// like the module (without /vN), the root package, a server among
// clients and agents, the only product; else ambiguous. Helper mains
// (examples, tools) are chosen only when there is nothing else.
func pickMain(d *dir, products, helpers []string, module string) mainChoice {
	cands := products
	if len(cands) == 0 {
		cands = helpers
	}
	others := func(m string) []string {
		var out []string
		for _, o := range append(slices.Clone(products), helpers...) {
			if o != m {
				out = append(out, o)
			}
		}
		return out
	}
	choose := func(m, why, file string, line int) mainChoice {
		return mainChoice{entry: m, others: others(m), why: why, file: file, line: line}
	}
	all := append(slices.Clone(products), helpers...)
	if len(all) > 1 {
		if m, file, line := buildNamesMain(d, all, module); m != "" {
			return choose(m, "the repository's build compiles "+m, file, line)
		}
	}
	if len(all) == 1 {
		why := "the only main package"
		if len(products) == 0 {
			why = "the only main package (under a helper-like path)"
		}
		return choose(all[0], why, "", 0)
	}
	base := kind.GoModuleBase(module)
	for _, m := range cands {
		if m != "." && path.Base(m) == base {
			return choose(m, "named like the module "+module, "", 0)
		}
	}
	if slices.Contains(cands, ".") {
		return choose(".", "the module root is a main package", "", 0)
	}
	var servers []string
	for _, m := range cands {
		b := path.Base(m)
		if b == "server" || b == base+"-server" || b == base+"server" || b == base+"d" || b == base+"s" {
			servers = append(servers, m)
		}
	}
	if len(servers) == 1 {
		return choose(servers[0], "named as the server among "+strings.Join(cands, ", "), "", 0)
	}
	if len(cands) == 1 {
		return choose(cands[0], "the only main package that is not a helper", "", 0)
	}
	c := choose(cands[0], "first of several main packages", "", 0)
	c.ambiguous = true
	return c
}

// goreleaserBinaryRe is a build's binary name in a goreleaser config.
var goreleaserBinaryRe = lazy(`(?m)^[ \t-]*binary:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?[ \t]*$`)

// buildFiles are where a repository says which main it ships.
var buildFiles = []string{".goreleaser.yml", ".goreleaser.yaml", "goreleaser.yml", "goreleaser.yaml", "Dockerfile", "Makefile"}

// buildMainRe is a goreleaser `main:` or a `go build`/`go install` line.
var buildMainRe = lazy(`(?m)^[ \t-]*main:[ \t]*["']?([^"'\s#]+)|^.*\bgo[ \t]+(?:build|install)\b.*$`)

// buildNamesMain returns the one main package the repository's build files
// name (a goreleaser main, a go build/install line), with where; "" when
// none or several are named in the first file that names any.
func buildNamesMain(d *dir, mains []string, module string) (string, string, int) {
	for _, f := range buildFiles {
		data := d.read(f)
		if data == nil {
			continue
		}
		found, line := map[string]bool{}, 0
		for _, loc := range buildMainRe.FindAllSubmatchIndex(data, -1) {
			text := string(data[loc[0]:loc[1]])
			if loc[2] >= 0 {
				text = string(data[loc[2]:loc[3]])
			}
			for _, m := range mains {
				if m != "." && mentionsPackage(text, strings.TrimPrefix(m, "./"), module) {
					if len(found) == 0 {
						line = lineAt(data, loc[0])
					}
					found[m] = true
				}
			}
		}
		if len(found) == 1 {
			for m := range found {
				return m, d.path(f), line
			}
		}
		if len(found) > 1 {
			return "", "", 0
		}
	}
	return "", "", 0
}

// mentionsPackage reports whether text names the package directory pkg as
// a whole path (cmd/x, ./cmd/x, ./cmd/x/main.go, module/cmd/x), not a
// prefix or suffix of another.
func mentionsPackage(text, pkg, module string) bool {
	prefixes := []string{"./", ""}
	if module != "" {
		prefixes = append(prefixes, module+"/")
	}
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(" \t=\"';,[]", r) }) {
		for _, pre := range prefixes {
			rest, ok := strings.CutPrefix(tok, pre+pkg)
			if ok && (rest == "" || rest == "/" || rest == "/..." || (strings.HasPrefix(rest, "/") && strings.HasSuffix(rest, ".go") && !strings.Contains(rest[1:], "/"))) {
				return true
			}
		}
	}
	return false
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
