package detect

import (
	"bytes"
	"errors"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/google/shlex"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
)

type pyproject struct {
	Project struct {
		RequiresPython string   `toml:"requires-python"`
		Dependencies   []string `toml:"dependencies"`
	} `toml:"project"`
	BuildSystem *struct {
		BuildBackend string `toml:"build-backend"`
	} `toml:"build-system"`
	Tool struct {
		Poetry *struct {
			PackageMode  *bool          `toml:"package-mode"`
			Dependencies map[string]any `toml:"dependencies"`
		} `toml:"poetry"`
		UV *struct {
			DefaultGroups any `toml:"default-groups"`
		} `toml:"uv"`
	} `toml:"tool"`
	DependencyGroups map[string][]any `toml:"dependency-groups"`
}

var (
	flaskAppRe        = lazy(`(?m)^(\w+)\s*(?::\s*\w+\s*)?=\s*(?:flask\.|fastapi\.)?(Flask|FastAPI|Quart|create_app|make_app)\(`)
	wsgiAppRe         = lazy(`(?m)^application\s*=\s*get_[wa]sgi_application\(`)
	asgiAppRe         = lazy(`(?m)^application\s*(?::[^=\n]*)?=`) // get_asgi_application() or a channels router
	djangoManageRe    = lazy(`DJANGO_SETTINGS_MODULE|django\.core\.management`)
	asgiReqRe         = lazy(`(?m)^\s*(?:channels|daphne|uvicorn|granian|hypercorn)\b`)
	settingsRe        = lazy(`DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+?)\.settings(?:\.[\w.]+)?["']`)
	settingsModRe     = lazy(`DJANGO_SETTINGS_MODULE["']\s*,\s*["']([A-Za-z_][\w.]*)["']`)
	staticRootRe      = lazy(`(?m)^\s*STATIC_ROOT\s*=`)
	compressOfflineRe = lazy(`(?m)^\s*COMPRESS_OFFLINE\s*=\s*True\b`)
	// A static files storage that serves names from collectstatic's manifest
	// (Django's own, WhiteNoise's Compressed... variant, a subclass of the mixin).
	debugRe           = lazy(`(?m)^DEBUG\s*=\s*(\S.*?)\s*(?:#.*)?$`)
	manifestStorageRe = lazy(`(?m)^[^#\n]*\b\w*(ManifestStaticFilesStorage|ManifestFilesMixin)\b`)
	secretKeyRe       = lazy(`(?m)^\s*SECRET_KEY\s*=.*$`)
	envNameRe         = lazy(`["']([A-Z][A-Z0-9_]*(?:SECRET|KEY)[A-Z0-9_]*)["']`)
	flaskEnvRe        = lazy(`(?m)^\s*(?:export\s+)?FLASK_APP\s*=\s*["']?([\w./:()-]+?)["']?\s*$`)
	pyTargetRe        = lazy(`^[A-Za-z_][\w.]*(?::[A-Za-z_]\w*(?:\(\))?)?$`)
	createAppRe       = lazy(`(?m)^def\s+create_app\s*\(`)
	djangoReqRe       = lazy(`(?m)^\s*django\b`)
	fastapiReqRe      = lazy(`(?m)^\s*fastapi\b`)
	flaskReqRe        = lazy(`(?m)^\s*flask\b`)
	gunicornReqRe     = lazy(`(?mi)^\s*gunicorn\b`)
	uvicornReqRe      = lazy(`(?mi)^\s*(?:uvicorn\b|fastapi\[(?:standard|all))`)
	requirementsRe    = lazy(`^requirements(?:[-_.]?(?:prod|production|main|base))?\.txt$`)
)

var pythonDetector = detector{kind: kind.Python, detect: detectPython, buildRoot: uvWorkspace, deployable: notLibrary}

// pyScan is what reading the manifests gathers on the way: the dependency
// text frameworks are recognised in, and the declared Python versions.
type pyScan struct {
	deps strings.Builder
	cons []kind.PyConstraint // declared Python versions, most explicit first
	// direct are the normalized names pyproject.toml installs directly
	// (main dependencies and the groups installed); nil when it says none.
	direct map[string]bool
}

// addDirect records a requirement string's package as installed directly.
func (sc *pyScan) addDirect(req string) {
	if m := reqHeadRe.FindStringSubmatch(req); m != nil {
		if sc.direct == nil {
			sc.direct = map[string]bool{}
		}
		sc.direct[kind.PyName(m[1])] = true
	}
}

var reqHeadRe = lazy(`^\s*([A-Za-z0-9][A-Za-z0-9._-]*)`)

// detectPython reads the manifests, then decides the tool, the Python line,
// the framework and the app target, in that order.
func detectPython(d *dir) (*Project, bool) {
	p := &Project{Framework: "none"}
	var sc pyScan
	found := pyRequirements(d, p, &sc)
	found = pyPyproject(d, p, &sc) || found
	found = pyPipfile(d, p, &sc) || found
	if !found && !d.exists("setup.py") {
		return nil, false
	}
	pyTool(d, p)
	pyVCS(d, p, &sc)
	pyVersion(d, p, &sc)
	lower := strings.ToLower(sc.deps.String())
	pyFramework(d, p, lower)
	p.Entry = wsgiTarget(d, p, lower)
	// FastAPI apps speak ASGI: uvicorn serves them (fastapi[standard] brings it);
	// so does a Django app whose ASGI module was chosen.
	p.Python.ASGI = p.Python.ASGI || p.Framework == "fastapi"
	if p.Framework == "django" {
		djangoFacts(d, p)
	}
	writablePaths(d, p)
	return p, true
}

// pyRequirements reads the first requirements file found, with the files
// it includes.
func pyRequirements(d *dir, p *Project, sc *pyScan) bool {
	for _, f := range []string{"requirements.txt", "requirements-prod.txt", "requirements/prod.txt", "requirements/production.txt", "requirements/base.txt"} {
		if data := d.read(f); data != nil {
			p.Python.Requirements = f
			p.evidence(d.path(f), 1, "pip requirements %s", f)
			seen := map[string]bool{}
			sc.deps.Write(requirementsText(d, f, 0, seen))
			// The files it includes (-r/-c) are copied beside it, at the same
			// relative paths, so pip finds them.
			for inc := range seen {
				if rel, ok := strings.CutPrefix(inc, path.Dir(f)+"/"); inc != f && (ok || path.Dir(f) == ".") && d.exists(inc) {
					if !ok {
						rel = inc
					}
					p.Python.Includes = append(p.Python.Includes, rel)
				}
			}
			slices.Sort(p.Python.Includes)
			return true
		}
	}
	return false
}

// pyPyproject reads pyproject.toml: requires-python, classifiers, the
// dependencies (PEP 621 and Poetry) and whether the project installs itself.
func pyPyproject(d *dir, p *Project, sc *pyScan) bool {
	data := d.read("pyproject.toml")
	if data == nil {
		return false
	}
	p.Python.Pyproject = true
	var pp pyproject
	if _, err := toml.Decode(string(data), &pp); err != nil {
		d.warn("pyproject.toml", tomlErrLine(err), "malformed TOML: %v", firstLine(err.Error()))
		return true
	}
	if v := pp.Project.RequiresPython; v != "" {
		p.Version = v
		line := lineOf(data, "requires-python")
		sc.cons = append(sc.cons, kind.PyConstraint{Spec: v, Where: d.path("pyproject.toml") + ":" + strconv.Itoa(line)})
		p.evidence(d.path("pyproject.toml"), line, "requires-python %s", v)
	}
	if c, line := classifierSpec(data); c != "" {
		sc.cons = append(sc.cons, kind.PyConstraint{Spec: c, Where: d.path("pyproject.toml") + ":" + strconv.Itoa(line)})
	}
	for _, dep := range pp.Project.Dependencies {
		sc.deps.WriteString(dep + "\n")
		sc.addDirect(dep)
	}
	if pp.Tool.Poetry != nil {
		for k := range pp.Tool.Poetry.Dependencies {
			sc.deps.WriteString(k + "\n")
			sc.addDirect(k)
		}
		if v, ok := pp.Tool.Poetry.Dependencies["python"].(string); ok {
			line := lineOf(data, "python =")
			sc.cons = append(sc.cons, kind.PyConstraint{Spec: v, Where: d.path("pyproject.toml") + ":" + strconv.Itoa(line)})
			if p.Version == "" {
				p.Version = v
				p.evidence(d.path("pyproject.toml"), line, "poetry python %s", v)
			}
		}
	}
	pyGroups(d, p, &pp, data, sc)
	p.Python.Installable = pp.BuildSystem != nil && p.Python.Requirements == "" &&
		(pp.Tool.Poetry == nil || pp.Tool.Poetry.PackageMode == nil || *pp.Tool.Poetry.PackageMode)
	return true
}

// pyPipfile reads the Python version a Pipfile requires.
func pyPipfile(d *dir, p *Project, sc *pyScan) bool {
	data := d.read("Pipfile")
	if data == nil {
		return false
	}
	var pf struct {
		Requires struct {
			Version     string `toml:"python_version"`
			FullVersion string `toml:"python_full_version"`
		} `toml:"requires"`
	}
	if _, err := toml.Decode(string(data), &pf); err != nil {
		d.warn("Pipfile", tomlErrLine(err), "malformed TOML: %v", firstLine(err.Error()))
	} else if v := pick(pf.Requires.FullVersion, pf.Requires.Version); v != "" {
		line := lineOf(data, "python_")
		sc.cons = append(sc.cons, kind.PyConstraint{Spec: v, Where: d.path("Pipfile") + ":" + strconv.Itoa(line)})
		if p.Version == "" {
			p.Version = v
			p.evidence(d.path("Pipfile"), line, "Pipfile requires Python %s", v)
		}
	}
	return true
}

// pyTool decides the installing tool from the lockfile beside the manifests.
func pyTool(d *dir, p *Project) {
	switch {
	case d.exists("uv.lock"):
		p.Tool, p.Python.Lockfile = "uv", "uv.lock"
	case d.exists("poetry.lock"):
		p.Tool, p.Python.Lockfile = "poetry", "poetry.lock"
	// A Pipfile without its lock beside a requirements file: the committed
	// requirements are the pinned set (often pipenv's own export).
	case d.exists("Pipfile") && !d.exists("Pipfile.lock") && p.Python.Requirements != "":
		p.Tool = "pip"
		p.evidence(d.path(p.Python.Requirements), 1, "Pipfile without Pipfile.lock: installing the pinned %s", p.Python.Requirements)
	case d.exists("Pipfile"):
		p.Tool = "pipenv"
		if d.exists("Pipfile.lock") {
			p.Python.Lockfile = "Pipfile.lock"
		}
	default:
		p.Tool = "pip"
	}
	if p.Python.Lockfile != "" {
		p.evidence(d.path(p.Python.Lockfile), 1, "lockfile %s: %s", p.Python.Lockfile, p.Tool)
		p.Python.Installable = false // lockfile tools export dependencies only
	}
	if p.Tool != "pip" {
		p.Python.Requirements = ""
	}
	// Dependency groups are installed where dockgen reads them: uv's export
	// and a pyproject-only pip install.
	if p.Tool != "uv" && (p.Tool != "pip" || p.Python.Requirements != "") {
		p.Python.Groups = nil
	}
}

// pyVersion chooses the Python line: an exact pin in .python-version or
// runtime.txt first, then the newest line every declaration allows and the
// locked packages have wheels for.
func pyVersion(d *dir, p *Project, sc *pyScan) {
	cons := sc.cons
	if v, file, line := versionFile(d, []string{".python-version", "runtime.txt"}, "python"); v != "" {
		v = strings.TrimPrefix(v, "python-")
		// An exact pin is the most explicit declaration: it goes first, so it
		// wins when the declarations conflict.
		cons = append([]kind.PyConstraint{{Spec: v, Where: file + ":" + strconv.Itoa(line)}}, cons...)
		if p.Version == "" {
			p.Version = v
		}
		p.evidence(file, line, "Python %s", v)
	}
	p.Python.Packages = pythonPackages(d, p)
	if v, why := kind.ChoosePython(cons, p.Python.Packages); v != "" {
		p.Python.Version = v
		for _, w := range why {
			file, line, _ := strings.Cut(w.Where, ":")
			n, _ := strconv.Atoi(line)
			p.evidence(file, n, "%s", w.Fact)
		}
		if len(why) > 0 || len(cons) > 1 {
			p.evidence(d.path(pick(p.Python.Lockfile, p.Python.Requirements, "pyproject.toml")), 0, "Python %s: the newest line every declaration allows and the packages have wheels for", v)
		}
	}
}

// pyFramework names the web framework and the servers already depended on.
func pyFramework(d *dir, p *Project, lower string) {
	p.Python.HasGunicorn = gunicornReqRe.MatchString(lower)
	switch {
	case djangoReqRe.MatchString(lower), d.exists("manage.py") && djangoManageRe.Match(d.read("manage.py")):
		p.Framework = "django"
	case fastapiReqRe.MatchString(lower):
		p.Framework = "fastapi"
	case flaskReqRe.MatchString(lower):
		p.Framework = "flask"
	}
	p.Python.HasUvicorn = uvicornReqRe.MatchString(lower)
}

// wsgiTarget finds the WSGI/ASGI target, most explicit first: the command
// a Procfile or start script already runs, FLASK_APP, Django's wsgi module,
// the project's own program (Procfile, Dockerfile CMD: then the entry is
// that program, not a target), then a module-level app object or an app
// factory in the sources.
func wsgiTarget(d *dir, p *Project, deps string) string {
	if t := serverCommandTarget(d, p); t != "" {
		procfileStart(d, p, t)
		return t
	}
	if t := flaskAppTarget(d, p); t != "" {
		return t
	}
	if p.Framework == "django" {
		if t := djangoTarget(d, p, deps); t != "" {
			return t
		}
	}
	if t := pyProgram(d, p); t != "" {
		return t
	}
	return flaskTarget(d, p)
}

// serverFiles start the production process.
var serverFiles = []string{"Procfile", "boot.sh", "entrypoint.sh", "docker-entrypoint.sh", "start.sh", "run.sh", "Makefile", "Dockerfile"}

// wsgiServers take the app target as a positional argument.
var wsgiServers = []string{"gunicorn", "uvicorn", "hypercorn", "waitress-serve", "daphne"}

// boolFlags of those servers take no value; every other flag without "="
// consumes the next word.
var boolFlags = []string{"--reload", "--preload", "--daemon", "-D", "--capture-output", "--proxy-headers", "--factory", "--check-config", "--reuse-port", "--no-sendfile", "--enable-stdio-inheritance"}

func serverCommandTarget(d *dir, p *Project) string {
	for _, f := range serverFiles {
		data := d.read(f)
		if data == nil {
			continue
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			// Exec-form CMD ["gunicorn", "app:app"] reads like a shell line once unquoted.
			words := strings.Fields(strings.NewReplacer("[", " ", "]", " ", `"`, " ", ",", " ").Replace(line))
			for j, w := range words {
				if !slices.Contains(wsgiServers, path.Base(w)) {
					continue
				}
				t := targetArg(words[j+1:])
				if t == "" {
					continue
				}
				if !strings.Contains(t, ":") {
					t += ":application" // gunicorn's default variable
				}
				mod, _, _ := strings.Cut(t, ":")
				if !pyModuleExists(d, mod) {
					continue
				}
				p.evidence(d.path(f), i+1, "%s serves %s", path.Base(w), t)
				return t
			}
		}
	}
	return ""
}

// targetArg returns the first positional argument of a WSGI server command.
func targetArg(args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			if !strings.Contains(a, "=") && !slices.Contains(boolFlags, a) {
				i++ // the flag's value
			}
			continue
		}
		if pyTargetRe.MatchString(a) {
			return a
		}
		return ""
	}
	return ""
}

// pyModuleExists reports whether a dotted module is a file or package in the project.
func pyModuleExists(d *dir, mod string) bool {
	f := strings.ReplaceAll(mod, ".", "/")
	return d.exists(f+".py") || d.exists(f+"/__init__.py")
}

// flaskAppTarget reads FLASK_APP from .flaskenv or an example env file.
func flaskAppTarget(d *dir, p *Project) string {
	for _, f := range []string{".flaskenv", ".env.example", ".env.sample"} {
		data := d.read(f)
		m := flaskEnvRe.FindSubmatch(data)
		if m == nil {
			continue
		}
		v := strings.TrimSuffix(string(m[1]), ".py")
		mod, attr, hasAttr := strings.Cut(v, ":")
		mod = strings.ReplaceAll(mod, "/", ".")
		if !pyModuleExists(d, mod) {
			continue
		}
		p.evidence(d.path(f), lineOf(data, string(m[0])), "FLASK_APP %s", string(m[1]))
		if hasAttr {
			return mod + ":" + attr
		}
		// Like flask itself: an app object in the module, else its factory.
		file := strings.ReplaceAll(mod, ".", "/") + ".py"
		if !d.exists(file) {
			file = strings.ReplaceAll(mod, ".", "/") + "/__init__.py"
		}
		if t := moduleTarget(d, p, file, mod); t != "" {
			return t
		}
		return mod + ":app"
	}
	return ""
}

// djangoTarget is PROJECT.wsgi:application (PROJECT.asgi for an ASGI
// project), PROJECT read from manage.py, in the project's folder or in the
// one subfolder holding manage.py (src/, app/...), which the server then
// runs from (Python.Django.Dir).
func djangoTarget(d *dir, p *Project, deps string) string {
	sub := djangoDir(d)
	if sub != "" {
		p.Python.Django.Dir = sub
		p.evidence(d.path(sub+"/manage.py"), 1, "Django project in %s/: the server runs from there", sub)
	}
	at := func(f string) string { return path.Join(sub, f) }
	asgi := asgiReqRe.MatchString(deps)
	data := d.read(at("manage.py"))
	if m := settingsRe.FindSubmatch(data); m != nil {
		pkg := string(m[1])
		if asgi && asgiAppRe.Match(d.read(at(pkg+"/asgi.py"))) {
			p.evidence(d.path(at("manage.py")), lineOf(data, string(m[0])), "Django project %s (manage.py settings)", m[1])
			p.evidence(d.path(at(pkg+"/asgi.py")), 1, "Django ASGI application (an ASGI server is a dependency)")
			p.Python.ASGI = true
			return pkg + ".asgi:application"
		}
		if pyModuleExistsIn(d, sub, pkg+".wsgi") {
			p.evidence(d.path(at("manage.py")), lineOf(data, string(m[0])), "Django project %s (manage.py settings)", m[1])
			return pkg + ".wsgi:application"
		}
	}
	for _, e := range d.list(at(".")) {
		if f := at(e.Name() + "/wsgi.py"); e.IsDir() && wsgiAppRe.Match(d.read(f)) {
			p.evidence(d.path(f), lineOf(d.read(f), "application"), "Django WSGI application")
			return e.Name() + ".wsgi:application"
		}
	}
	return ""
}

// djangoDir is "" when manage.py is in the project's folder, else the
// first subfolder holding one (src and app first).
func djangoDir(d *dir) string {
	if d.exists("manage.py") {
		return ""
	}
	var dirs []string
	for _, e := range d.list(".") {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !skipDirs[e.Name()] && plan.SafeRel(e.Name()) {
			dirs = append(dirs, e.Name())
		}
	}
	pref := func(s string) int {
		switch s {
		case "src":
			return 0
		case "app":
			return 1
		}
		return 2
	}
	slices.SortStableFunc(dirs, func(a, b string) int { return pref(a) - pref(b) })
	for _, n := range dirs {
		if djangoManageRe.Match(d.read(n + "/manage.py")) {
			return n
		}
	}
	return ""
}

// pyModuleExistsIn is pyModuleExists below the folder sub ("" for the project's).
func pyModuleExistsIn(d *dir, sub, mod string) bool {
	f := path.Join(sub, strings.ReplaceAll(mod, ".", "/"))
	return d.exists(f+".py") || d.exists(f+"/__init__.py")
}

// appFramework fills the framework from the app's constructor when the
// dependencies did not say (an unreadable manifest).
func appFramework(p *Project, ctor []byte) {
	if p.Framework != "none" {
		return
	}
	switch string(ctor) {
	case "Flask", "create_app", "make_app":
		p.Framework = "flask"
	case "FastAPI":
		p.Framework = "fastapi"
	}
}

// moduleTarget finds an app object or an app factory in one file.
func moduleTarget(d *dir, p *Project, file, mod string) string {
	data := d.read(file)
	if m := flaskAppRe.FindSubmatch(data); m != nil {
		p.evidence(d.path(file), lineOf(data, string(m[0])), "%s = %s(...)", m[1], m[2])
		appFramework(p, m[2])
		return mod + ":" + string(m[1])
	}
	if createAppRe.Match(data) {
		p.evidence(d.path(file), lineOf(data, "def create_app"), "app factory create_app()")
		return mod + ":create_app()"
	}
	return ""
}

// flaskTarget scans the sources: a module-level app object in a root module
// (wsgi.py first), else a root module defining create_app(), else a package
// whose __init__.py does either.
func flaskTarget(d *dir, p *Project) string {
	var files []string
	for _, pref := range []string{"wsgi.py", "app.py", "main.py", "application.py", "server.py"} {
		if d.exists(pref) {
			files = append(files, pref)
		}
	}
	for _, e := range d.list(".") {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".py") && !slices.Contains(files, e.Name()) && e.Name() != "setup.py" {
			files = append(files, e.Name())
		}
	}
	// Objects before factories: "app = create_app()" in microblog.py beats
	// the factory's own module.
	for _, f := range files {
		data := d.read(f)
		if m := flaskAppRe.FindSubmatch(data); m != nil {
			p.evidence(d.path(f), lineOf(data, string(m[0])), "%s = %s(...)", m[1], m[2])
			appFramework(p, m[2])
			return strings.TrimSuffix(f, ".py") + ":" + string(m[1])
		}
	}
	for _, f := range files {
		if t := moduleTarget(d, p, f, strings.TrimSuffix(f, ".py")); t != "" {
			return t
		}
	}
	for _, e := range d.list(".") {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || skipDirs[e.Name()] {
			continue
		}
		for _, f := range []string{"__init__.py", "main.py", "app.py", "wsgi.py", "asgi.py", "server.py"} {
			mod := e.Name()
			if f != "__init__.py" {
				mod += "." + strings.TrimSuffix(f, ".py")
			}
			if t := moduleTarget(d, p, e.Name()+"/"+f, mod); t != "" {
				return t
			}
		}
	}
	return ""
}

// tomlErrLine is the line a TOML parse error points at, 0 when unknown.
func tomlErrLine(err error) int {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return pe.Position.Line
	}
	return errLine(err)
}

// pick returns the first non-empty value.
func pick(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// pythonPackages are the packages whose wheels or native needs matter: from
// the lockfile's wheel names, else the pins of Pipfile.lock or the
// requirements file.
func pythonPackages(d *dir, p *Project) []plan.PyPackage {
	var pkgs []plan.PyPackage
	switch {
	case p.Python.Lockfile == "poetry.lock", p.Python.Lockfile == "uv.lock":
		pkgs = lockPackages(d, p.Python.Lockfile)
	case p.Python.Lockfile == "Pipfile.lock":
		pkgs = pipfileLockPackages(d)
	case p.Python.Requirements != "":
		pkgs = requirementPackages(d, p.Python.Requirements, 0, map[string]bool{})
	}
	// Names and versions reach evidence and Dockerfile comments: keep only
	// well-formed ones.
	return slices.DeleteFunc(pkgs, func(pk plan.PyPackage) bool {
		return !pyPkgNameRe.MatchString(pk.Name) || !pyPkgVersionRe.MatchString(pk.Version)
	})
}

var (
	pyPkgNameRe    = lazy(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)
	pyPkgVersionRe = lazy(`^[0-9A-Za-z.+!-]{0,40}$`)
)

var classifierRe = lazy(`Programming Language :: Python :: 3\.(\d+)\b`)

// classifierSpec turns the "Programming Language :: Python :: 3.X"
// classifiers into alternatives ("3.10||3.11"), "" when none lists a line.
func classifierSpec(data []byte) (string, int) {
	var alts []string
	for _, m := range classifierRe.get().FindAllSubmatch(data, -1) {
		alts = append(alts, "3."+string(m[1]))
	}
	if alts == nil {
		return "", 0
	}
	return strings.Join(alts, "||"), lineOf(data, "Programming Language :: Python :: 3.")
}

// djangoFacts reads what building and running a Django project needs: the
// settings module the server runs with (the WSGI/ASGI module's default,
// else manage.py's), whether STATIC_ROOT is set (collectstatic at build
// time), WhiteNoise, and the environment names SECRET_KEY is read from.
func djangoFacts(d *dir, p *Project) {
	dj := &p.Python.Django
	at := func(f string) string { return path.Join(dj.Dir, f) }
	var files []string
	if mod, _, ok := strings.Cut(p.Entry, ":"); ok {
		files = append(files, at(strings.ReplaceAll(mod, ".", "/")+".py"))
	}
	for _, f := range append(files, at("manage.py")) {
		data := d.read(f)
		if m := settingsModRe.FindSubmatch(data); m != nil {
			dj.Settings = string(m[1])
			line := lineOf(data, string(m[0]))
			if !slices.ContainsFunc(p.Evidence, func(e Evidence) bool { return e.File == d.path(f) && e.Line == line }) {
				p.evidence(d.path(f), line, "Django settings module %s", dj.Settings)
			}
			break
		}
	}
	if dj.Settings == "" {
		return
	}
	// The settings module, and its siblings when settings is a package
	// (base.py imported by production.py).
	mod := at(strings.ReplaceAll(dj.Settings, ".", "/"))
	var settings []string
	if d.exists(mod + ".py") {
		settings = append(settings, mod+".py")
	}
	if pkgDir := path.Dir(mod); path.Base(pkgDir) == "settings" || d.exists(mod+"/__init__.py") {
		if d.exists(mod + "/__init__.py") {
			pkgDir = mod
		}
		for _, e := range d.list(pkgDir) {
			if f := pkgDir + "/" + e.Name(); !e.IsDir() && strings.HasSuffix(e.Name(), ".py") && !slices.Contains(settings, f) {
				settings = append(settings, f)
			}
		}
	}
	debug := map[string]string{} // DEBUG = ... by settings file
	for _, f := range settings {
		data := d.read(f)
		if loc := staticRootRe.FindIndex(data); loc != nil && !dj.Collectstatic {
			dj.Collectstatic = true
			p.evidence(d.path(f), lineOf(data, string(data[loc[0]:loc[1]])), "STATIC_ROOT is set: collectstatic at build time")
		}
		if loc := compressOfflineRe.FindIndex(data); loc != nil && !dj.Compress {
			dj.Compress = true
			p.evidence(d.path(f), lineOf(data, string(data[loc[0]:loc[1]])), "COMPRESS_OFFLINE: django-compressor's compress runs at build time")
		}
		if loc := manifestStorageRe.FindIndex(data); loc != nil && dj.Manifest == "" {
			dj.Manifest = d.path(f) + ":" + strconv.Itoa(lineOf(data, string(data[loc[0]:loc[1]])))
		}
		for _, m := range debugRe.get().FindAllSubmatch(data, -1) {
			debug[f] = string(m[1]) // the file's last assignment
		}
		if i := strings.Index(string(data), "whitenoise"); i >= 0 && !dj.WhiteNoise {
			dj.WhiteNoise = true
			p.evidence(d.path(f), lineOf(data, "whitenoise"), "WhiteNoise serves the collected static files")
		}
		if m := secretKeyRe.FindIndex(data); m != nil {
			for _, e := range envNameRe.get().FindAllSubmatch(data[m[0]:m[1]], -1) {
				if n := string(e[1]); !slices.Contains(dj.SecretEnv, n) {
					dj.SecretEnv = append(dj.SecretEnv, n)
				}
			}
		}
	}
	// With DEBUG on, a manifest storage serves the unhashed names: nothing
	// breaks without collectstatic. On when the settings module says so,
	// else when every settings file that sets it does.
	own := debug[mod+".py"]
	if own == "" {
		own = debug[mod+"/__init__.py"]
	}
	allOn := len(debug) > 0
	for _, v := range debug {
		allOn = allOn && v == "True"
	}
	if own == "True" || own == "" && allOn {
		dj.Manifest = ""
	}
	if !slices.Contains(dj.SecretEnv, "SECRET_KEY") {
		dj.SecretEnv = append([]string{"SECRET_KEY"}, dj.SecretEnv...)
	}
}

// requirementsText is a requirements file with the files it includes
// (-r/-c, relative to it, bounded), for reading which frameworks it names.
func requirementsText(d *dir, file string, depth int, seen map[string]bool) []byte {
	if depth > 4 || seen[file] || !plan.SafeRel(file) {
		return nil
	}
	seen[file] = true
	data := d.read(file)
	out := slices.Clone(data)
	for _, line := range strings.Split(string(data), "\n") {
		if inc, ok := cutAny(strings.TrimSpace(line), "-r ", "--requirement ", "-c ", "--constraint "); ok {
			out = append(append(out, '\n'), requirementsText(d, path.Join(path.Dir(file), strings.TrimSpace(inc)), depth+1, seen)...)
		}
	}
	return out
}

// procfileStart keeps the server command of a Procfile's web: line when it
// runs gunicorn or uvicorn on target: the project's own flags (config file,
// worker class, workers) stay; the bind address is dockgen's (the kind adds
// it), and a flag whose value needs the shell ($WEB_CONCURRENCY) is dropped,
// since the image starts the server without one. Release steps chained
// before it (migrate) are reported, not run.
func procfileStart(d *dir, p *Project, target string) {
	data := d.read("Procfile")
	for i, line := range strings.Split(string(data), "\n") {
		cmd, ok := strings.CutPrefix(strings.TrimSpace(line), "web:")
		if !ok {
			continue
		}
		segs := strings.FieldsFunc(strings.ReplaceAll(cmd, "&&", ";"), func(r rune) bool { return r == ';' })
		for j, seg := range segs {
			words, err := shlex.Split(seg)
			if err != nil {
				return
			}
			for len(words) > 0 && (words[0] == "exec" || strings.Contains(words[0], "=")) {
				words = words[1:]
			}
			if len(words) >= 3 && words[0] == "python" && words[1] == "-m" {
				words = words[2:]
			}
			if len(words) == 0 || (words[0] != "gunicorn" && words[0] != "uvicorn") || !slices.Contains(words, target) && !slices.Contains(words, strings.TrimSuffix(target, ":application")) {
				continue
			}
			start := procfileArgs(words)
			if start == nil {
				return
			}
			p.Python.Start = start
			p.evidence(d.path("Procfile"), i+1, "Procfile web: starts %s (its flags kept, the bind address set by dockgen)", words[0])
			if j > 0 {
				p.evidence(d.path("Procfile"), i+1, "release steps before the server (%s) are not run at start: run them as a release/deploy step", strings.TrimSpace(strings.Join(segs[:j], ";")))
			}
			if words[0] == "uvicorn" {
				p.Python.ASGI = true
			}
			return
		}
	}
}

// bindFlags are the flags that set where the server listens.
var bindFlags = []string{"-b", "--bind", "--host", "--port", "--uds", "--fd"}

// procfileArgs drops the bind flags and the flags whose value needs a
// shell; nil when a word cannot be used (the target itself needs a shell,
// or a word is not plain text).
func procfileArgs(words []string) []string {
	out := []string{words[0]}
	for i := 1; i < len(words); i++ {
		w := words[i]
		if len(w) > 200 || strings.ContainsFunc(w, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return nil
		}
		name, val, hasVal := strings.Cut(w, "=")
		isFlag := strings.HasPrefix(w, "-")
		takesNext := isFlag && !hasVal && !slices.Contains(boolFlags, w) && i+1 < len(words) && !strings.HasPrefix(words[i+1], "-")
		if takesNext {
			val = words[i+1]
		}
		if isFlag && (slices.Contains(bindFlags, name) || strings.Contains(val, "$")) {
			if takesNext {
				i++
			}
			continue
		}
		if strings.Contains(w, "$") {
			return nil
		}
		out = append(out, w)
		if takesNext {
			out = append(out, words[i+1])
			i++
		}
	}
	return out
}

var (
	sqliteFileRe   = lazy(`["']([A-Za-z0-9_][\w.-]*(?:/[\w.-]+)*\.(?:sqlite3?|db))["']`)
	mkdirRe        = lazy(`\bos\.(?:mkdir|makedirs)\(\s*["']([A-Za-z0-9_][\w.-]*(?:/[\w.-]+)*)["']`)
	mediaRootRe    = lazy(`(?m)^\s*MEDIA_ROOT\s*=.*BASE_DIR.*["']([A-Za-z0-9_][\w.-]*(?:/[\w.-]+)*)["']`)
	instancePathRe = lazy(`instance_path|instance_relative_config`)
	// The module's own folder: os.path.dirname(__file__), with abspath or
	// realpath around __file__.
	pyModuleDir = `os\.path\.dirname\(\s*(?:os\.path\.(?:abspath|realpath)\(\s*)?__file__\s*\)?\s*\)`
	// A folder the app writes, joined to the module's folder and assigned
	// to a setting that names a write (CTFd's UPLOAD_FOLDER, LOG_FOLDER,
	// CACHE_DIR), possibly as the default after "or" on the next line.
	moduleWriteRe = lazy(`(?m)^\s*([A-Za-z_]*(?:UPLOAD|LOG|CACHE|DATA|MEDIA|STORAGE|Upload|Log|Cache|Data|Media|Storage)S?_?(?:FOLDER|DIR|DIRECTORY|PATH|ROOT|Folder|Dir|Directory|Path|Root))\s*(?::\s*\w+\s*)?=[^\n]*(?:\\?\n[^\n=]*)?os\.path\.join\(\s*` + pyModuleDir + `\s*((?:,\s*(?:os\.pardir|"[\w.-]+"|'[\w.-]+')\s*)+)\)`)
	// An SQLite URL in the module's folder: f"sqlite:///{os.path.dirname(__file__)}/ctfd.db".
	moduleSQLiteRe = lazy(`sqlite:///\{` + pyModuleDir + `\}/([\w.-]+\.(?:sqlite3?|db))`)
)

// writablePaths finds where the app writes at run time, so the runtime user
// can: an SQLite file named in the settings or the app's modules (relative
// to the Django project, else to the module that names it), Django's
// MEDIA_ROOT, Flask's instance folder, and folders the code creates with a
// relative os.mkdir. The app's own files stay root's.
func writablePaths(d *dir, p *Project) {
	dj := p.Python.Django
	addDir := func(rel, file string, line int, why string) {
		if plan.SafeRel(rel) && rel != "." && !slices.Contains(p.Python.Writable, rel) {
			p.Python.Writable = append(p.Python.Writable, rel)
			p.evidence(d.path(file), line, "%s: %s is writable by the runtime user", why, rel)
		}
	}
	addFile := func(rel, file string, line int) {
		if plan.SafeRel(rel) && !slices.Contains(p.Python.WritableFiles, rel) {
			p.Python.WritableFiles = append(p.Python.WritableFiles, rel)
			p.evidence(d.path(file), line, "SQLite database %s: it and its folder are writable by the runtime user", rel)
		}
	}
	settings := map[string]bool{}
	var files []string
	if dj.Settings != "" {
		mod := path.Join(dj.Dir, strings.ReplaceAll(dj.Settings, ".", "/"))
		for _, f := range []string{mod + ".py", mod + "/__init__.py"} {
			if d.exists(f) {
				files = append(files, f)
			}
		}
		for _, e := range d.list(path.Dir(mod)) {
			if f := path.Dir(mod) + "/" + e.Name(); !e.IsDir() && strings.HasSuffix(f, ".py") && path.Base(path.Dir(mod)) == "settings" && !slices.Contains(files, f) {
				files = append(files, f)
			}
		}
		for _, f := range files {
			settings[f] = true
		}
	}
	// The app's modules: the root's, and the top-level ones of each package
	// beside them (and in the Django project's folder), bounded.
	dirs := []string{"."}
	for _, base := range []string{".", dj.Dir} {
		for _, e := range d.list(path.Clean(base)) {
			if n := path.Join(base, e.Name()); e.IsDir() && len(dirs) < 12 && !strings.HasPrefix(e.Name(), ".") && !skipDirs[e.Name()] &&
				!strings.HasPrefix(e.Name(), "test") && e.Name() != "migrations" && d.exists(n+"/__init__.py") && !slices.Contains(dirs, n) {
				dirs = append(dirs, n)
			}
		}
	}
	for _, dirName := range dirs {
		for _, e := range d.list(dirName) {
			if f := path.Join(dirName, e.Name()); !e.IsDir() && strings.HasSuffix(f, ".py") && !slices.Contains(files, f) && !strings.HasPrefix(e.Name(), "test") {
				files = append(files, f)
			}
		}
	}
	for _, f := range files {
		data := d.read(f)
		if bytes.Contains(data, []byte("__file__")) {
			modulePaths(data, f, addDir, addFile)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			n := i + 1
			// Cheap substring tests first: most lines name none of these.
			instance := strings.Contains(line, "instance_") && instancePathRe.MatchString(line)
			if instance && p.Framework == "flask" {
				addDir("instance", f, n, "Flask instance folder")
			}
			if strings.Contains(line, "os.m") {
				if m := mkdirRe.FindStringSubmatch(line); m != nil {
					addDir(path.Clean(m[1]), f, n, "created at run time")
				}
			}
			if settings[f] && strings.Contains(line, "MEDIA_ROOT") {
				if m := mediaRootRe.FindStringSubmatch(line); m != nil {
					addDir(path.Join(dj.Dir, m[1]), f, n, "Django MEDIA_ROOT")
				}
			}
			if !strings.Contains(line, ".db") && !strings.Contains(line, ".sqlite") {
				continue
			}
			var m []string
			for _, c := range sqliteFileRe.get().FindAllStringSubmatch(line, -1) {
				if !strings.HasPrefix(c[1], "django.") { // the ENGINE's module, not a file
					m = c
					break
				}
			}
			switch {
			case m == nil, strings.Contains(line, "memory"):
			case instance:
				addDir("instance", f, n, "Flask instance folder")
			case settings[f], p.Framework == "django" && strings.Contains(line, "BASE_DIR"):
				addFile(path.Join(dj.Dir, m[1]), f, n)
			case strings.Contains(line, "sqlite:///"+m[1]) && p.Framework == "flask":
				// Flask-SQLAlchemy 3 puts a relative SQLite path in the
				// instance folder; older versions and plain SQLAlchemy in
				// the working directory.
				addDir("instance", f, n, "Flask-SQLAlchemy's instance folder")
				addFile(m[1], f, n)
			case strings.Contains(line, "sqlite:///"+m[1]):
				addFile(m[1], f, n)
			default:
				addFile(path.Join(path.Dir(f), m[1]), f, n)
			}
		}
	}
}

// modulePaths finds what a module writes relative to its own folder,
// wherever the process runs: a write setting's folder joined to
// os.path.dirname(__file__) (os.pardir climbs), and an SQLite URL there.
func modulePaths(data []byte, file string, addDir func(rel, file string, line int, why string), addFile func(rel, file string, line int)) {
	base := path.Dir(file)
	for _, m := range moduleWriteRe.get().FindAllSubmatchIndex(data, -1) {
		rel := base
		for _, part := range strings.Split(string(data[m[4]:m[5]]), ",") {
			part = strings.Trim(strings.TrimSpace(part), `"'`)
			switch part {
			case "":
			case "os.pardir":
				rel = path.Join(rel, "..")
			default:
				rel = path.Join(rel, part)
			}
		}
		addDir(rel, file, lineAt(data, m[2]), string(data[m[2]:m[3]])+" joins the module's folder")
	}
	for _, m := range moduleSQLiteRe.get().FindAllSubmatchIndex(data, -1) {
		addFile(path.Join(base, string(data[m[2]:m[3]])), file, lineAt(data, m[0]))
	}
}
