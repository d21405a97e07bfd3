package lint

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// The Python project rules (DG801-DG809): the install and the start of a
// Python image against what detection reads from the project (its locked
// wheels, native.yaml's build and runtime needs, the files its requirements
// include, its Django settings).

var (
	// pyDepsInstallRe: a step that installs the project's dependencies (a
	// requirements file, the project itself, a lockfile tool's install), not
	// a named tool (pip install gunicorn).
	pyDepsInstallRe = regexp.MustCompile(cmdStart + `(?:(?:python[0-9.]*\s+-m\s+)?(?:pip[0-9.]*|uv\s+pip)\s+install\b[^;&|]*?(?:\s(?:-r|--requirement)[\s=]*\S|\s(?:-e\s+)?\.(?:/|\[\S*)?(?:\s|$))` +
		`|uv\s+(?:pip\s+)?sync\b|poetry\s+install\b|pipenv\s+(?:install|sync)\b|pdm\s+(?:install|sync)\b)`)
	// pipReqRe finds the requirements files of a pip install.
	pipReqRe = regexp.MustCompile(`(?:^|\s)(?:-r|--requirement)(?:\s+|=)?([^\s;&|]+)`)
	// compilerPkgs: an apt/apk package that brings a C compiler.
	compilerPkgs = []string{"gcc", "g++", "build-essential", "build-base", "clang", "cc", "gcc-multilib"}
	// pyServerRe: a Python web server whose argument names an app module.
	pyServerRe = regexp.MustCompile(`^(?:\S*/)?(gunicorn|uvicorn|granian|hypercorn|daphne)$`)
	// uvInstallRe: uv installs (it may run a Python of its own).
	uvInstallRe  = regexp.MustCompile(cmdStart + `uv\s+(pip\s+install|pip\s+sync|sync)\b`)
	pipInstallRe = regexp.MustCompile(cmdStart + `(?:python[0-9.]*\s+-m\s+)?pip[0-9.]*\s+install\s`)
	// pyToolReqRe: a requirement on a lockfile tool, with its floor.
	pyToolReqRe = regexp.MustCompile(`^(pipenv|poetry|uv)(?:(>=|==|~=|===|>)([0-9][0-9.]*))?(?:,.*)?$`)
	// pyAppTargetRe: module:attribute (an optional factory call).
	pyAppTargetRe = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*):[A-Za-z_][A-Za-z0-9_.]*(?:\(.*\))?$`)
)

// pyStage is what a stage (with the stages it is built on) does for Python.
type pyStage struct {
	image   string   // the python image it runs on ("python:3.13-slim"), "" for another
	minor   int      // its 3.X line, -1 when unknown
	bare    bool     // a slim or alpine image: no compiler, no -dev headers
	pkgs    []string // OS packages apt-get/apk installed (a "$" word: unknown)
	install int      // line of the RUN in this stage that installs the project's dependencies (0: none)
	built   bool     // this stage or one it is built on installed them
	uv      bool     // uv installs them: it may run another Python than the image's
}

// checkPython runs the Python project rules when the Dockerfile builds a
// Python project dockgen detects.
func (c *checker) checkPython() {
	c.checkToolPython()
	// Detection reads the project only for a Dockerfile that builds or
	// starts Python: it is the costly part of lint on a large context.
	ws, _, _ := c.startCommand(len(c.stages) - 1)
	if !c.pythonish() && !slices.ContainsFunc(ws, func(w string) bool { return pyServerRe.MatchString(strings.Trim(w, `"'`)) }) {
		return
	}
	p := c.project()
	c.checkAppModule(p) // any start command on module:app, whatever the project
	if p == nil || p.Lang != kind.Python.Name {
		return
	}
	st := make([]pyStage, len(c.stages))
	for i := range c.stages {
		st[i] = c.pyStage(p, i, st)
	}
	c.checkWheels(p, st)
	c.checkRuntimeLibs(p, st)
	c.checkRequirementIncludes(p)
	c.checkCollectstatic(p)
}

// pythonish: a stage runs on a python image or installs Python packages.
func (c *checker) pythonish() bool {
	for i, st := range c.stages {
		if img, _ := c.pythonImage(i); img != "" {
			return true
		}
		for _, cmd := range st.Commands {
			if run, ok := cmd.(*instructions.RunCommand); ok && pyDepsInstallRe.MatchString(strings.Join(run.CmdLine, " ")) {
				return true
			}
		}
	}
	return false
}

// pyStage reads stage i, given the stages before it.
func (c *checker) pyStage(p *detect.Project, i int, done []pyStage) pyStage {
	var s pyStage
	if j := c.parents[i]; j >= 0 {
		s = done[j]
		s.pkgs = slices.Clone(s.pkgs)
		s.install = 0
	} else {
		s.image, s.minor = c.pythonImage(i)
		_, tag := splitImage(s.image)
		s.bare = s.image != "" && (strings.Contains(tag, "slim") || strings.Contains(tag, "alpine"))
	}
	for _, cmd := range c.stages[i].Commands {
		run, ok := cmd.(*instructions.RunCommand)
		if !ok {
			continue
		}
		text := strings.Join(run.CmdLine, " ")
		s.pkgs = append(s.pkgs, osPackages(text)...)
		if s.install == 0 && pyDepsInstallRe.MatchString(text) && installsProject(p, text) {
			s.install, s.built = line(run), true
			s.uv = uvInstallRe.MatchString(text)
		}
	}
	return s
}

// installsProject: a pip install -r reads the project's requirements file
// (the packages detection read are that file's), or a lockfile's export; an
// install of another file (requirements/docker.txt beside the detected
// requirements.txt) says nothing about them.
func installsProject(p *detect.Project, text string) bool {
	reqs := pipReqRe.FindAllStringSubmatch(text, -1)
	if len(reqs) == 0 || p.Tool != "pip" || p.Python.Requirements == "" {
		return true
	}
	return slices.ContainsFunc(reqs, func(r []string) bool {
		return path.Base(strings.Trim(r[1], `"'`)) == path.Base(p.Python.Requirements)
	})
}

// osPackages are the words apt-get install / apk add name in a RUN.
func osPackages(text string) []string {
	var out []string
	for _, loc := range pkgInstallRe.FindAllStringIndex(text, -1) {
		rest := text[loc[1]:]
		if i := strings.IndexAny(rest, ";&|)"); i >= 0 {
			rest = rest[:i]
		}
		for _, w := range strings.Fields(rest) {
			if w != "\\" && !strings.HasPrefix(w, "-") {
				out = append(out, strings.Trim(w, `"'`))
			}
		}
	}
	return out
}

func (s pyStage) hasCompiler() bool {
	return slices.ContainsFunc(s.pkgs, func(p string) bool {
		return slices.Contains(compilerPkgs, p) || strings.HasPrefix(p, "gcc-") || strings.Contains(p, "$")
	})
}

// checkWheels: DG801 when a stage installs the project's dependencies on a
// slim Python image without a C compiler while some locked or pinned
// package has no wheel for that Python: pip builds it from source and
// stops at "gcc: not found" (or a missing header).
func (c *checker) checkWheels(p *detect.Project, st []pyStage) {
	for _, s := range st {
		if s.install == 0 || !s.bare || s.minor < 0 || s.hasCompiler() {
			continue
		}
		why := certainBuilds(p, s.minor)
		// uv downloads the Python .python-version or requires-python asks
		// for when the image's does not match: lint cannot tell which runs,
		// so the build must need a compiler on the declared line too.
		if s.uv && (c.ctx.exists(path.Join(c.projectDir, ".python-version")) || p.Version != "" && !kind.PySpecAllows(p.Version, s.minor)) {
			if v := atoiSafe(strings.TrimPrefix(p.Python.Version, "3.")); v < 0 || len(certainBuilds(p, v)) == 0 {
				continue
			}
		}
		if len(why) == 0 {
			continue
		}
		msg := "the dependencies are installed on " + s.image + " with no C compiler, but " + strings.Join(why, "; ")
		if v := p.Python.Version; v != "" && s.minor > atoiSafe(strings.TrimPrefix(v, "3.")) && len(certainBuilds(p, atoiSafe(strings.TrimPrefix(v, "3.")))) == 0 {
			msg += "; Python " + v + " is the newest line the project's declarations and locked wheels allow"
		}
		c.add(PythonNoCompiler, s.install, msg)
	}
}

// certainBuilds says what pip certainly compiles on Python 3.minor: a
// native.yaml row that applies, or a compiled package (wheels for other
// lines) without a pure-Python fallback. A source-only package without a
// row may be pure Python (flask-script): it is not counted.
func certainBuilds(p *detect.Project, minor int) []string {
	line := "3." + strconv.Itoa(minor)
	var why, compiled []string
	for _, w := range kind.PythonNative(p.Python.Packages, line).Why {
		if strings.Contains(w, " is built from source") && !slices.Contains(why, w) {
			why = append(why, w)
		}
	}
	for _, pk := range p.Python.Packages {
		if _, row := kind.Native("python", pk.Name); !row && pk.Bounded() && !pk.HasWheel(minor) && !kind.PyOptionalExtension(pk.Name) {
			if n := strings.TrimSpace(pk.Name + " " + pk.Version); !slices.Contains(compiled, n) {
				compiled = append(compiled, n)
			}
		}
	}
	if len(compiled) > 0 {
		why = append(why, "no wheel for Python "+line+": "+strings.Join(compiled, ", ")+" (gcc libc6-dev to build)")
	}
	return why
}

func atoiSafe(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// checkRuntimeLibs: DG802 when the final stage runs on a slim Python image
// with dependencies installed in another stage (COPY --from) that built a
// package against a shared library (native.yaml's runtime column) and the
// final stage installs no such library: the import fails at start
// ("libpq.so.5: cannot open shared object file").
func (c *checker) checkRuntimeLibs(p *detect.Project, st []pyStage) {
	last := len(c.stages) - 1
	if last < 1 {
		return
	}
	s := st[last]
	if s.built || !s.bare || s.minor < 0 || !c.copiesFromInstall(last, st) {
		return
	}
	needs := kind.PythonNative(p.Python.Packages, "3."+strconv.Itoa(s.minor))
	var missing []string
	for _, r := range needs.Runtime {
		stem := strings.TrimRight(r, "0123456789.-")
		if !slices.ContainsFunc(s.pkgs, func(w string) bool {
			return w == r || strings.HasPrefix(w, stem) || strings.Contains(w, "$")
		}) {
			missing = append(missing, r)
		}
	}
	if len(missing) == 0 {
		return
	}
	var why []string
	for _, w := range needs.Why {
		if slices.ContainsFunc(missing, func(m string) bool { return strings.Contains(w, m) }) && !slices.Contains(why, w) {
			why = append(why, w)
		}
	}
	c.add(PythonRuntimeLibMissing, line0(c.stages[last]), "the final stage ("+s.image+") copies the installed packages from another stage but installs no "+strings.Join(missing, " ")+": "+strings.Join(why, "; "))
}

// copiesFromInstall: stage i copies from a stage that installed the
// project's dependencies.
func (c *checker) copiesFromInstall(i int, st []pyStage) bool {
	for _, cmd := range c.stages[i].Commands {
		cp, ok := cmd.(*instructions.CopyCommand)
		if !ok || cp.From == "" {
			continue
		}
		for j := 0; j < i; j++ {
			if strings.EqualFold(c.stages[j].Name, cp.From) || cp.From == strconv.Itoa(j) {
				if st[j].built {
					return true
				}
			}
		}
	}
	return false
}

func leadDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// ctxMapping is one context path a stage puts at a container path: a COPY
// source, or a RUN's bind mount.
type ctxMapping struct {
	src, dest string // clean context path (or glob), absolute container path
	intoDir   bool   // dest is a folder the source goes into (COPY a b dir/)
}

// at is where the context file f lands through m ("" when m does not take it).
func (m ctxMapping) at(f string) []string {
	switch {
	case m.src == ".":
		return []string{path.Join(m.dest, f)}
	case hasGlobMeta(m.src):
		if ok, _ := path.Match(m.src, f); ok {
			return []string{path.Join(m.dest, path.Base(f))}
		}
	case f == m.src:
		if m.intoDir {
			return []string{path.Join(m.dest, path.Base(f))}
		}
		// COPY FILE /existing/dir also copies into the folder.
		return []string{m.dest, path.Join(m.dest, path.Base(f))}
	case strings.HasPrefix(f, m.src+"/"):
		return []string{path.Join(m.dest, strings.TrimPrefix(f, m.src+"/"))}
	}
	return nil
}

func lands(ms []ctxMapping, f, want string) bool {
	return slices.ContainsFunc(ms, func(m ctxMapping) bool { return slices.Contains(m.at(f), want) })
}

// checkRequirementIncludes: DG803 when pip installs the project's
// requirements file from where a COPY or bind mount put it, but a file it
// includes (-r/-c, relative to it) is not put beside it: pip stops with
// "Could not open requirements file".
func (c *checker) checkRequirementIncludes(p *detect.Project) {
	if p.Python.Requirements == "" || len(p.Python.Includes) == 0 {
		return
	}
	req := path.Join(c.projectDir, p.Python.Requirements)
	mapped := make([][]ctxMapping, len(c.stages))
	workdirs := make([]string, len(c.stages))
	for i, st := range c.stages {
		var ms []ctxMapping
		wd := "/"
		if j := c.parents[i]; j >= 0 {
			ms, wd = slices.Clone(mapped[j]), workdirs[j]
		}
		abs := func(p string) string {
			if path.IsAbs(p) {
				return path.Clean(p)
			}
			return path.Join(wd, p)
		}
		for _, cmd := range st.Commands {
			switch cmd := cmd.(type) {
			case *instructions.WorkdirCommand:
				wd = abs(cmd.Path)
			case *instructions.CopyCommand:
				if cmd.From != "" || len(cmd.SourceContents) > 0 {
					continue
				}
				if strings.Contains(cmd.DestPath, "$") {
					return // lint cannot tell where files land
				}
				into := len(cmd.SourcePaths) > 1 || strings.HasSuffix(cmd.DestPath, "/") || cmd.DestPath == "."
				for _, s := range cmd.SourcePaths {
					if strings.Contains(s, "$") {
						return
					}
					src, _ := clampSource(s)
					ms = append(ms, ctxMapping{src: src, dest: abs(cmd.DestPath), intoDir: into})
				}
			case *instructions.RunCommand:
				text := strings.Join(cmd.CmdLine, " ")
				var run []ctxMapping
				for _, m := range instructions.GetMounts(cmd) {
					if m.Type == instructions.MountTypeBind && m.From == "" {
						if strings.Contains(m.Source+m.Target, "$") {
							return
						}
						src, _ := clampSource(m.Source)
						run = append(run, ctxMapping{src: src, dest: abs(m.Target)})
					}
				}
				all := append(slices.Clone(ms), run...)
				if !pyDepsInstallRe.MatchString(text) {
					continue
				}
				for _, r := range pipReqRe.FindAllStringSubmatch(text, -1) {
					file := abs(strings.Trim(r[1], `"'`))
					if !lands(all, req, file) {
						continue // another file, or one lint cannot place
					}
					var missing []string
					for _, inc := range p.Python.Includes {
						if !lands(all, path.Join(path.Dir(req), inc), path.Join(path.Dir(file), inc)) {
							missing = append(missing, inc)
						}
					}
					if len(missing) > 0 {
						c.add(RequirementIncludeMissing, line(cmd), "pip install -r "+r[1]+" reads "+req+", which includes "+strings.Join(missing, ", ")+" (-r/-c, relative to it), but the step does not have "+plural(len(missing), "it", "them")+" beside it")
					}
				}
			}
		}
		mapped[i], workdirs[i] = ms, wd
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// pyValueFlags are server options whose value may look like module:attr.
var pyValueFlags = []string{"-c", "--config", "--paste", "-e", "--env", "--log-config", "--ssl-keyfile", "--ssl-certfile"}

// checkAppModule: DG804 when the final image starts a Python web server on
// module:app whose module is nowhere in the build context, named by no
// dependency manifest of the project and made by no RUN: the server stops
// at start with "ModuleNotFoundError".
func (c *checker) checkAppModule(p *detect.Project) {
	ws, ln, _ := c.startCommand(len(c.stages) - 1)
	server, target := "", ""
	for i := 0; i < len(ws); i++ {
		w := strings.Trim(ws[i], `"'`)
		if server == "" {
			if m := pyServerRe.FindStringSubmatch(w); m != nil {
				server = m[1]
			}
			continue
		}
		if w == "&&" || w == ";" || w == "||" || w == "|" {
			break
		}
		if slices.Contains(pyValueFlags, w) {
			i++
			continue
		}
		if pyAppTargetRe.MatchString(w) {
			target = w
			break
		}
	}
	if target == "" {
		return
	}
	mod, _, _ := strings.Cut(target, ":")
	top, _, _ := strings.Cut(mod, ".")
	if img, _ := c.pythonImage(len(c.stages) - 1); img == "" || c.sourcesFromElsewhere() {
		return // the app may come with the base image, a clone or a download
	}
	if c.pyModuleInContext(top) || c.namedByProject(p, top) {
		return
	}
	c.add(PythonAppModuleMissing, ln, server+" serves "+target+", but no module "+top+" ("+top+".py or "+top+"/) is in the build context, a dependency or made by a RUN")
}

// fetchRe: a RUN that brings files from elsewhere than the context.
var fetchRe = regexp.MustCompile(`\b(git\s+clone|curl|wget|pip[0-9.]*\s+download|svn\s+(co|checkout)|hg\s+clone)\b`)

// sourcesFromElsewhere: some step brings files from outside the context (a
// clone, a download, ADD of a URL, COPY --from of an image).
func (c *checker) sourcesFromElsewhere() bool {
	for i, st := range c.stages {
		for _, cmd := range st.Commands {
			switch cmd := cmd.(type) {
			case *instructions.RunCommand:
				if fetchRe.MatchString(strings.Join(cmd.CmdLine, " ")) {
					return true
				}
			case *instructions.AddCommand:
				if slices.ContainsFunc(cmd.SourcePaths, func(s string) bool { return strings.Contains(s, "://") || strings.HasPrefix(s, "git@") }) {
					return true
				}
			case *instructions.CopyCommand:
				if cmd.From == "" {
					continue
				}
				stage := slices.ContainsFunc(c.stages[:i], func(e instructions.Stage) bool { return strings.EqualFold(e.Name, cmd.From) })
				if _, err := strconv.Atoi(cmd.From); err != nil && !stage {
					return true
				}
			}
		}
	}
	return false
}

// pyModuleInContext looks for TOP.py or a folder TOP in the context, a few
// levels deep and bounded (a module under src/ or --chdir counts).
func (c *checker) pyModuleInContext(top string) bool {
	found, seen := false, 0
	_ = fs.WalkDir(c.ctx.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || found {
			return fs.SkipDir
		}
		if seen++; seen > 20_000 {
			found = true // too large to tell: say nothing
			return fs.SkipAll
		}
		name := d.Name()
		if name == top+".py" || d.IsDir() && name == top && p != "." && c.pyPackageDir(p) {
			found = true
			return fs.SkipAll
		}
		if d.IsDir() && p != "." && (strings.Count(p, "/") >= 4 || name == "node_modules" || name == ".git") {
			return fs.SkipDir
		}
		return nil
	})
	return found
}

// pyPackageDir: a folder holding Python modules (a regular or a namespace
// package), not a frontend's src/app.
func (c *checker) pyPackageDir(dir string) bool {
	m, _ := fs.Glob(c.ctx.fsys, path.Join(dir, "*.py"))
	if len(m) > 0 {
		return true
	}
	m, _ = fs.Glob(c.ctx.fsys, path.Join(dir, "*.so"))
	return len(m) > 0
}

// namedByProject: a dependency manifest of the project or a RUN of the
// Dockerfile names the module (a package from PyPI, a file a step writes).
func (c *checker) namedByProject(p *detect.Project, top string) bool {
	name := strings.NewReplacer("_", "[-_.]", "-", "[-_.]").Replace(regexp.QuoteMeta(top))
	// As a requirement: a word at a line's start or after a quote or comma
	// (pyproject lists), not a path segment (/app).
	req := regexp.MustCompile(`(?im)(^|["',\s])` + name + `($|[^A-Za-z0-9_/-])`)
	files := []string{"requirements.txt", "pyproject.toml", "Pipfile", "setup.py", "setup.cfg"}
	if p != nil && p.Python.Requirements != "" {
		files = append(files, p.Python.Requirements)
		for _, inc := range p.Python.Includes {
			files = append(files, path.Join(path.Dir(p.Python.Requirements), inc))
		}
	}
	dir := c.projectDir
	if p == nil {
		dir = "."
	}
	for _, f := range files {
		if data, err := c.ctx.readFile(path.Join(dir, f)); err == nil && req.Match(data) {
			return true
		}
	}
	// A RUN that writes TOP.py or installs a package of that name.
	made := regexp.MustCompile(`(^|[\s"'/=])` + name + `\.py\b`)
	installed := regexp.MustCompile(`\binstall\b.*(^|[\s"'=])` + name + `($|[\s"'\[=<>~!;&|])`)
	for _, st := range c.stages {
		for _, cmd := range st.Commands {
			if run, ok := cmd.(*instructions.RunCommand); ok {
				text := strings.Join(run.CmdLine, " ")
				if made.MatchString(text) || installed.MatchString(text) {
					return true
				}
			}
		}
	}
	return false
}

// checkCollectstatic: DG805 when a Django project stores static files with
// a manifest storage and nothing in the image runs collectstatic: with
// DEBUG off every {% static %} raises "Missing staticfiles manifest entry"
// and pages answer 500.
func (c *checker) checkCollectstatic(p *detect.Project) {
	dj := p.Python.Django
	if dj.Manifest == "" || !dj.Collectstatic {
		return
	}
	for _, st := range c.stages {
		for _, cmd := range st.Commands {
			if run, ok := cmd.(*instructions.RunCommand); ok && strings.Contains(strings.Join(run.CmdLine, " "), "collectstatic") {
				return
			}
		}
	}
	ws, ln, _ := c.startCommand(len(c.stages) - 1)
	if len(ws) == 0 {
		return
	}
	for _, w := range ws {
		w = strings.Trim(w, `"'`)
		if strings.Contains(w, "collectstatic") {
			return
		}
		// A start script: collectstatic may run there.
		if strings.HasSuffix(w, ".sh") || strings.HasPrefix(w, "./") || strings.Contains(w, "/") && !strings.HasPrefix(w, "/usr/") && !strings.HasPrefix(w, "/opt/venv/bin/") && !strings.HasPrefix(w, "/bin/") {
			return
		}
	}
	c.add(DjangoManifestNoCollectstatic, ln, "the settings use a manifest static files storage ("+dj.Manifest+") but no step runs manage.py collectstatic, at build or at start")
}

// pythonImage is the python image stage i runs on ("" for another image)
// and its 3.X line (-1 unknown).
func (c *checker) pythonImage(i int) (string, int) {
	for c.parents[i] >= 0 {
		i = c.parents[i]
	}
	ref, ok := c.expand(c.stages[i].BaseName)
	if !ok {
		return "", -1
	}
	repo, tag := splitImage(ref)
	if repo != "python" && !strings.HasSuffix(repo, "/python") {
		return "", -1
	}
	if v, ok := strings.CutPrefix(tag, "3."); ok && leadDigits(v) != "" {
		n, _ := strconv.Atoi(leadDigits(v))
		return ref, n
	}
	return ref, -1
}

// checkToolPython: DG806 when pip installs a lockfile tool (pipenv,
// poetry, uv) at a version floor whose releases all need a newer Python
// than the stage's image: pip finds no matching distribution.
func (c *checker) checkToolPython() {
	for i, st := range c.stages {
		image, minor := c.pythonImage(i)
		if minor < 0 {
			continue
		}
		for _, cmd := range st.Commands {
			run, ok := cmd.(*instructions.RunCommand)
			if !ok {
				continue
			}
			text := strings.Join(run.CmdLine, " ")
			for _, loc := range pipInstallRe.FindAllStringIndex(text, -1) {
				rest := text[loc[1]:]
				if j := strings.IndexAny(rest, ";&|)"); j >= 0 {
					rest = rest[:j]
				}
				for _, w := range strings.Fields(rest) {
					m := pyToolReqRe.FindStringSubmatch(strings.Trim(w, `"'`))
					if m == nil {
						continue
					}
					floor := m[3]
					if m[2] == ">" || floor == "" {
						floor = "0"
					}
					if need := kind.PyToolMinPython(m[1], floor); need > minor {
						what := m[1] + " " + floor + " and later"
						if floor == "0" {
							what = "every " + m[1] + " release"
						}
						c.add(PythonToolTooNew, line(run), "pip installs "+strings.Trim(w, `"'`)+" on "+image+", but "+what+" needs Python 3."+strconv.Itoa(need)+" or newer")
					}
				}
			}
		}
	}
}
