package kind

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dockgen/dockgen/generator/plan"
)

// Python is a WSGI/ASGI app served by gunicorn or uvicorn.
var Python = &Kind{
	Name:    "python",
	Title:   "Python",
	Label:   "Python",
	Aliases: []Alias{{Name: "py", InHelp: true}, {Name: "flask", InHelp: true}},
	Tools:   []string{"pip", "poetry", "pipenv", "uv"},
	Version: pythonVersion,
	// The line detection chose from the constraints and the lock's wheels
	// (Facts.Python.Version) wins over mapping the declared string.
	Image: func(p *plan.Plan, declared string) string {
		if p.Python.Version != "" {
			return p.Python.Version
		}
		return pythonVersion.Image(declared)
	},
	Port: 8000,
	// --build-secret: mounted into the steps that fetch dependencies.
	BuildSecrets: true,

	Manifests: []string{"pyproject.toml", "Pipfile", "setup.py", "requirements*.txt"},
	LookedFor: []string{"pyproject.toml", "requirements.txt"},
	CodeFiles: func(entry string, list ListDir) []string {
		var files []string
		if mod, _, ok := strings.Cut(entry, ":"); ok {
			f := strings.ReplaceAll(mod, ".", "/")
			files = append(files, f+".py", f+"/__init__.py")
		}
		// A program: its script, or the module python -m runs.
		if strings.HasSuffix(entry, ".py") {
			files = append(files, entry)
		} else if mod, ok := strings.CutPrefix(entry, "-m "); ok {
			f := strings.ReplaceAll(mod, ".", "/")
			files = append(files, f+".py", f+"/__main__.py", f+"/__init__.py")
		}
		files = append(files, "gunicorn.conf.py", "gunicorn_config.py", "manage.py")
		for _, e := range list(".") {
			if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".py") {
				files = append(files, n)
			}
		}
		return files
	},

	EntryHelp:      "Python module:app or script.py",
	EntryTitle:     "WSGI/ASGI target",
	VersionExample: "3.12",

	Entry: func(p *plan.Plan, entry string, given bool) {
		p.Entry = entry
		if p.Entry == "" {
			p.Entry = "app:app"
		}
		if pythonProgram(p, entry, given) {
			return
		}
		// gunicorn's and uvicorn's bind is dockgen's own choice: a privileged
		// port becomes 8080 (PrivilegedPort), said in the Dockerfile, never
		// refused.
		if asked := p.Port; PrivilegedPort(p, true, "10001") != "" {
			p.Python.PrivilegedPort = asked
		}
		// A Procfile's server command wins, unless the user named another
		// entry (an answers file replaying the detected one keeps it).
		if given && !slices.Contains(p.Python.Start, entry) && !slices.Contains(p.Python.Start, strings.TrimSuffix(entry, ":application")) {
			p.Python.Start = nil
		}
		if len(p.Python.Start) > 0 {
			p.Python.Start = pythonStart(p.Python.Start, p.Port)
		}
		// The version is final here (flag, answers or detection): the
		// native needs depend on which wheels it has.
		p.Python.Native = pythonNeeds(p)
	},
	Validate: func(p *plan.Plan, _ Source) error {
		if len(p.Python.Program) > 0 {
			if err := validateProgram(p); err != nil {
				return err
			}
		} else if !wsgiRe.MatchString(p.Entry) {
			return &plan.FieldError{Field: "WSGI target (--entry)", Value: p.Entry, Want: "want module:variable or module:factory(), e.g. app:app or wsgi:create_app(), or a script the app starts with, e.g. app.py"}
		}
		if len(p.Python.Start) > 0 && p.Python.Start[0] != "gunicorn" && p.Python.Start[0] != "uvicorn" {
			return &plan.FieldError{Field: "server command", Value: strings.Join(p.Python.Start, " "), Want: "want gunicorn or uvicorn"}
		}
		for _, w := range slices.Concat(p.Python.Start, p.Python.Django.SecretEnv) {
			if w == "" || strings.ContainsFunc(w, func(r rune) bool { return r < ' ' || r == 0x7f }) {
				return &plan.FieldError{Field: "server command word", Value: w, Want: "want printable text"}
			}
		}
		for _, n := range p.Python.Django.SecretEnv {
			if !envNameRe.MatchString(n) {
				return &plan.FieldError{Field: "SECRET_KEY environment name", Value: n, Want: "want A-Z, 0-9 and _"}
			}
		}
		if dj := p.Python.Django; dj.Dir != "" && !plan.SafeRel(dj.Dir) || dj.Settings != "" && !pyModRe.MatchString(dj.Settings) {
			return &plan.FieldError{Field: "Django project", Value: dj.Dir + " " + dj.Settings, Want: "want a relative folder and a dotted module name"}
		}
		for _, w := range slices.Concat(p.Python.Writable, p.Python.WritableFiles, strings.Split(p.Vars["writable"], ",")) {
			if w = strings.TrimSpace(w); w != "" && (!plan.SafeRel(w) || w == ".") {
				return &plan.FieldError{Field: "writable path", Value: w, Want: "want a path relative to the app folder (/app), e.g. --set writable=data,uploads"}
			}
		}
		for _, w := range p.Python.Native.Why {
			if strings.ContainsFunc(w, func(r rune) bool { return r < ' ' || r == 0x7f }) {
				return &plan.FieldError{Field: "native build reason", Value: w, Want: "want a single line of text"}
			}
		}
		for _, inc := range p.Python.Includes {
			if !plan.SafeRel(inc) {
				return &plan.FieldError{Field: "included requirements file", Value: inc, Want: "want a relative path below the requirements file's folder"}
			}
		}
		for _, g := range p.Python.Groups {
			if !groupRe.MatchString(g) {
				return &plan.FieldError{Field: "dependency group", Value: g, Want: "want a group name of letters, digits, '.', '_' and '-'"}
			}
		}
		if p.Python.Requirements != "" && !plan.SafeRel(p.Python.Requirements) {
			return &plan.FieldError{Field: "requirements file", Value: p.Python.Requirements, Want: "want a relative path"}
		}
		return nil
	},

	Sample: "python-pip",

	FromBuildRoot: true,
	Lint: Lint{
		Commands:     []Command{{Re: `pip3? install\b|python3? -m pip install\b|poetry install\b|uv (sync|pip install)\b`, Download: true}},
		BuildOutputs: []BuildOutput{{"dist", "pyproject.toml", "python -m build"}},
		ImageEnv:     []ImageEnv{{"python:", []string{"PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "PYTHON_VERSION=3.13"}}},
	},
}

var (
	envNameRe = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)
	groupRe   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	pyModRe   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)
)

// pythonProgram decides whether the app runs as its own program: the one
// detection read (unless the user named another entry) or a script the
// user named (--entry app.py). The program listens where it says, so the
// port is not moved off a privileged one; ${PORT} in its words is the port.
func pythonProgram(p *plan.Plan, entry string, given bool) bool {
	prog := p.Python.Program
	if given && len(prog) > 0 && programEntry(prog) != entry {
		prog = nil
	}
	if len(prog) == 0 && strings.HasSuffix(entry, ".py") {
		prog = []string{"python", entry}
	}
	if mod, ok := strings.CutPrefix(entry, "-m "); ok && len(prog) == 0 {
		prog = []string{"python", "-m", strings.TrimSpace(mod)}
	}
	if len(prog) == 0 {
		p.Python.Program, p.Python.DataDirs = nil, nil
		return false
	}
	ps := strconv.Itoa(p.Port)
	out := make([]string, len(prog))
	for i, w := range prog {
		out[i] = strings.ReplaceAll(w, "${PORT}", ps)
	}
	p.Python.Program, p.Python.Start = out, nil
	p.Python.Native = pythonNeeds(p)
	return true
}

// programEntry is the entry a program is named by: its script, or "-m MODULE".
func programEntry(prog []string) string {
	if len(prog) >= 3 && prog[1] == "-m" {
		return "-m " + prog[2]
	}
	if len(prog) >= 2 {
		return prog[1]
	}
	return ""
}

var (
	pyScriptRe = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./-]*\.py$`)
	dataDirRe  = regexp.MustCompile(`^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$`)
)

// validateProgram checks a program start: python running a relative script
// or a dotted module, printable words, absolute data folders.
func validateProgram(p *plan.Plan) error {
	prog := p.Python.Program
	entry := programEntry(prog)
	switch {
	case prog[0] != "python" || len(prog) < 2:
		return &plan.FieldError{Field: "program", Value: strings.Join(prog, " "), Want: "want python SCRIPT.py or python -m MODULE"}
	case prog[1] == "-m" && (len(prog) < 3 || !pyModRe.MatchString(prog[2])):
		return &plan.FieldError{Field: "program module", Value: entry, Want: "want a dotted module name"}
	case prog[1] != "-m" && (!pyScriptRe.MatchString(prog[1]) || !plan.SafeRel(prog[1])):
		return &plan.FieldError{Field: "program (--entry)", Value: prog[1], Want: "want a .py file relative to the project, e.g. app.py, or a WSGI target module:app"}
	}
	for _, w := range prog {
		if w == "" || len(w) > 200 || strings.ContainsFunc(w, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return &plan.FieldError{Field: "program word", Value: w, Want: "want printable text"}
		}
	}
	for _, d := range p.Python.DataDirs {
		if !dataDirRe.MatchString(d) || strings.Contains("/"+d+"/", "/../") {
			return &plan.FieldError{Field: "data folder", Value: d, Want: "want an absolute path such as /data"}
		}
	}
	return nil
}

// vcsPackages are the Debian packages of the tools pip clones
// version-control requirements with.
var vcsPackages = map[string]string{"git": "git", "hg": "mercurial", "svn": "subversion", "bzr": "bzr"}

// pythonNeeds is what the build stage installs from Debian: the native
// needs of the packages on the chosen Python, and the version-control tools
// of requirements installed from a repository URL.
func pythonNeeds(p *plan.Plan) plan.NativeNeeds {
	n := PythonNative(p.Python.Packages, p.LangVersion)
	for _, v := range p.Python.VCS {
		pkg := vcsPackages[v.Tool]
		if pkg == "" {
			continue
		}
		if !slices.Contains(n.Build, pkg) {
			n.Build = append(n.Build, pkg)
			slices.Sort(n.Build)
		}
		n.Why = append(n.Why, fmt.Sprintf("%s is installed from a %s repository (%s): %s to build", cmp.Or(v.Name, "a requirement"), v.Tool, v.Where, pkg))
	}
	return n
}

// pythonStart completes a Procfile's server command with dockgen's bind
// address (the project's own bind flags were dropped by detection).
func pythonStart(start []string, port int) []string {
	ps := strconv.Itoa(port)
	if slices.Contains(start, "--bind") || slices.Contains(start, "--host") {
		return start // already complete
	}
	if start[0] == "uvicorn" {
		return append(slices.Clone(start), "--host", "0.0.0.0", "--port", ps)
	}
	return slices.Concat([]string{start[0], "--bind", "0.0.0.0:" + ps}, start[1:])
}

var pythonVersion = Version{Default: "3.13", Map: pythonMinor}

var wsgiRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*(\((?:'[A-Za-z0-9_.-]*'|"[A-Za-z0-9_.-]*")?\))?$`)

// Python image lines, oldest first: the official python images publish
// these (older ones frozen on older Debian releases).
var pythonLines = []int{6, 7, 8, 9, 10, 11, 12, 13, 14}

// PyConstraint is a declared Python version constraint: a requires-python
// or Poetry specifier, a Pipfile or .python-version pin, a classifier list.
type PyConstraint struct {
	Spec  string // "^3.10", ">=3.11,<3.12", "3.11.4", "3.12.*"; "||" separates alternatives
	Where string // file:line, for evidence
}

// PyReason is why a Python line was passed over, and where that was read.
type PyReason struct {
	Where string // file:line
	Fact  string
}

// ChoosePython picks the Python line to build on: the newest (the kind's
// default first, then older, then newer) that every constraint allows and
// for which every compiled package in pkgs has a wheel; when no line has all
// the wheels, the one with the fewest missing. It returns "" when nothing
// constrains the choice, and the reasons a newer line was passed over.
func ChoosePython(cons []PyConstraint, pkgs []plan.PyPackage) (string, []PyReason) {
	var bounded []plan.PyPackage
	for _, p := range pkgs {
		if p.Bounded() {
			bounded = append(bounded, p)
		}
	}
	if len(cons) == 0 && len(bounded) == 0 {
		return "", nil
	}
	var why []PyReason
	allowed := linesAllowed(cons)
	if len(allowed) == 0 && len(cons) > 0 {
		// Conflicting declarations: the first (the most explicit) wins.
		allowed = linesAllowed(cons[:1])
		why = append(why, PyReason{cons[0].Where, fmt.Sprintf("the declared Python versions conflict; following %s", cons[0].Spec)})
	}
	if len(allowed) == 0 {
		return "", why
	}
	best, bestMissing := 0, -1
	for _, m := range allowed {
		missing := 0
		for _, p := range bounded {
			if !p.HasWheel(m) {
				missing++
			}
		}
		if bestMissing < 0 || missing < bestMissing {
			best, bestMissing = m, missing
		}
	}
	// Why the lines preferred over the choice were passed over: each package
	// that lacks a wheel for one of them, once.
	// The line named is the one nearest the choice that the package rules out.
	for _, p := range bounded {
		missing := 0
		for _, m := range allowed {
			if m == best {
				break
			}
			if !p.HasWheel(m) && p.HasWheel(best) {
				missing = m
			}
		}
		if missing > 0 {
			why = append(why, PyReason{p.Where, fmt.Sprintf("%s has wheels up to cp3%d, none for Python 3.%d", nameVersion(p), newestWheel(p), missing)})
		}
	}
	for _, p := range bounded {
		if !p.HasWheel(best) {
			why = append(why, PyReason{p.Where, fmt.Sprintf("%s has no wheel for Python 3.%d: pip builds it from source", nameVersion(p), best)})
		}
	}
	return "3." + strconv.Itoa(best), why
}

// newestWheel is the newest line p has a wheel for among the image lines.
func newestWheel(p plan.PyPackage) int {
	n := 0
	for _, m := range pythonLines {
		if p.HasWheel(m) {
			n = m
		}
	}
	return n
}

// linesAllowed returns the image lines every constraint allows, in order of
// preference: the default line, older ones newest first, then newer ones.
func linesAllowed(cons []PyConstraint) []int {
	def := atoi(strings.Split(Python.Version.Default, ".")[1])
	var order []int
	for i := len(pythonLines) - 1; i >= 0; i-- {
		if pythonLines[i] <= def {
			order = append(order, pythonLines[i])
		}
	}
	for _, m := range pythonLines {
		if m > def {
			order = append(order, m)
		}
	}
	var out []int
	for _, m := range order {
		ok := true
		for _, c := range cons {
			ok = ok && PySpecAllows(c.Spec, m)
		}
		if ok {
			out = append(out, m)
		}
	}
	return out
}

// PySpecAllows reports whether some 3.minor.x release satisfies spec (PEP
// 440 or Poetry syntax, "||" alternatives, a bare version as a prefix).
// Clauses it cannot read allow everything.
func PySpecAllows(spec string, minor int) bool {
	for _, alt := range strings.Split(spec, "||") {
		for patch := 0; patch <= 30; patch++ {
			if specMatch(alt, [3]int{3, minor, patch}) {
				return true
			}
		}
	}
	return false
}

var clauseRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(===|==|!=|<=|>=|~=|<|>|\^|~)?\s*v?([0-9]+(?:\.[0-9]+|\.\*)*)`)
})

func specMatch(spec string, v [3]int) bool {
	for _, cl := range strings.Split(spec, ",") {
		cl = strings.TrimSpace(cl)
		if cl == "" || cl == "*" {
			continue
		}
		m := clauseRe().FindStringSubmatch(cl)
		if m == nil {
			continue
		}
		op, ver := m[1], m[2]
		wild := strings.HasSuffix(ver, ".*")
		parts := strings.Split(strings.TrimSuffix(ver, ".*"), ".")
		var w [3]int
		for i := 0; i < len(parts) && i < 3; i++ {
			w[i] = atoi(parts[i])
		}
		n := min(len(parts), 3)
		prefix := func() bool { // v starts with the written components
			for i := 0; i < n; i++ {
				if v[i] != w[i] {
					return false
				}
			}
			return true
		}
		upper := func(k int) [3]int { // bump component k (0-based)
			u := w
			u[k]++
			for i := k + 1; i < 3; i++ {
				u[i] = 0
			}
			return u
		}
		ok := true
		switch op {
		case "", "==", "===":
			ok = prefix()
		case "!=":
			ok = cmpV(v, w) != 0
			if wild {
				ok = !prefix()
			}
		case ">=":
			ok = cmpV(v, w) >= 0
		case "<=":
			ok = cmpV(v, w) <= 0
		case ">":
			// ">3.10" reads as "past the 3.10 line", as people mean it.
			ok = cmpV(v, w) > 0 && !(n < 3 && prefix())
		case "<":
			ok = cmpV(v, w) < 0
		case "^":
			ok = cmpV(v, w) >= 0 && cmpV(v, upper(0)) < 0
		case "~":
			ok = cmpV(v, w) >= 0 && cmpV(v, upper(min(n-1, 1))) < 0
		case "~=":
			ok = cmpV(v, w) >= 0 && cmpV(v, upper(max(n-2, 0))) < 0
		}
		if !ok {
			return false
		}
	}
	return true
}

func cmpV(a, b [3]int) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// pythonMinor picks a 3.x line for .python-version, runtime.txt or a
// requires-python / Poetry specifier.
func pythonMinor(d, def string) string {
	if !strings.ContainsAny(d, "<>=~^!,*") {
		return majorMinor(d, def) // "3.11.4" -> "3.11"
	}
	defMinor := atoi(strings.Split(def, ".")[1])
	lo, hi := 0, 1000 // minor bounds, inclusive
	for _, spec := range strings.Split(d, ",") {
		spec = strings.TrimSpace(spec)
		v := numRe.FindString(spec)
		parts := strings.Split(v, ".")
		if len(parts) < 2 || parts[0] != "3" {
			continue
		}
		minor := atoi(parts[1])
		switch {
		case strings.HasPrefix(spec, ">="), strings.HasPrefix(spec, "^"), strings.HasPrefix(spec, "~="):
			lo = max(lo, minor)
		case strings.HasPrefix(spec, ">"):
			lo = max(lo, minor)
			if len(parts) == 2 {
				lo = max(lo, minor+1)
			}
		case strings.HasPrefix(spec, "<="):
			hi = min(hi, minor)
		case strings.HasPrefix(spec, "<"):
			if len(parts) > 2 && parts[2] != "0" {
				hi = min(hi, minor)
			} else {
				hi = min(hi, minor-1)
			}
		case strings.HasPrefix(spec, "=="), strings.HasPrefix(spec, "~"):
			lo, hi = max(lo, minor), min(hi, minor)
		}
	}
	switch {
	case lo > hi:
		return def
	case defMinor < lo:
		return "3." + strconv.Itoa(lo)
	case defMinor > hi:
		return "3." + strconv.Itoa(hi)
	}
	return def
}

// PythonNative is what installing pkgs on Python line version ("3.12")
// needs from Debian: the rows of native.yaml that apply, and for a package
// with no wheel for that line and no row (compiled for other lines, or
// recorded in the lock as a source distribution only), a C compiler.
func PythonNative(pkgs []plan.PyPackage, version string) plan.NativeNeeds {
	var n plan.NativeNeeds
	minor := -1
	if parts := strings.Split(version, "."); len(parts) >= 2 && parts[0] == "3" {
		minor = atoi(parts[1])
	}
	var compiled []string // packages with no row that pip compiles
	locked := map[string]bool{}
	for _, p := range pkgs {
		locked[PyName(p.Name)] = true
	}
	add := func(list *[]string, items []string) {
		for _, it := range items {
			if !slices.Contains(*list, it) {
				*list = append(*list, it)
			}
		}
	}
	for _, p := range pkgs {
		row, known := Native("python", p.Name)
		noWheel := minor >= 0 && !p.HasWheel(minor)
		if known && slices.ContainsFunc(row.Unless, func(u string) bool { return locked[u] }) {
			continue
		}
		where := ""
		if p.Where != "" {
			where = " (" + p.Where + ")"
		}
		switch {
		case known && row.When == NativeAlways, known && row.When == NativeNoWheel && noWheel:
			add(&n.Build, row.Build)
			add(&n.Runtime, pyRuntime(row, minor))
			why := fmt.Sprintf("%s is built from source%s: %s to build", nameVersion(p), where, strings.Join(row.Build, " "))
			if rt := pyRuntime(row, minor); len(rt) > 0 {
				why += ", " + strings.Join(rt, " ") + " to run"
			}
			n.Why = append(n.Why, why)
		case known && row.When == NativeRuntime:
			add(&n.Runtime, pyRuntime(row, minor))
			n.Why = append(n.Why, fmt.Sprintf("%s loads %s at run time%s", nameVersion(p), strings.Join(pyRuntime(row, minor), " "), where))
		// Source-only in a lock: no wheel for any Python the lock resolved
		// for (uv keeps only those), so pip compiles it or runs its setup.
		case !known && noWheel && (p.Bounded() || p.SourceOnly):
			add(&n.Build, []string{"gcc", "libc6-dev"})
			compiled = append(compiled, nameVersion(p))
		}
	}
	if len(compiled) > 0 {
		n.Why = append(n.Why, fmt.Sprintf("no wheel for Python %s, built from source: %s: gcc libc6-dev to build", version, strings.Join(compiled, ", ")))
	}
	slices.Sort(n.Build)
	slices.Sort(n.Runtime)
	return n
}

// pyRuntime is the row's runtime packages for the Debian release of the
// python:3.minor-slim image (3.8 and older were last built on Debian 12).
func pyRuntime(row NativeNeed, minor int) []string {
	if minor >= 0 && minor <= 8 && row.Debian12 != nil {
		return row.Debian12
	}
	return row.Runtime
}

// nameVersion is "psycopg2 2.9.9", or the name alone for an unpinned package.
func nameVersion(p plan.PyPackage) string {
	if p.Version == "" {
		return p.Name
	}
	return p.Name + " " + p.Version
}
