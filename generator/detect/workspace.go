package detect

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/mod/modfile"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/safefs"
)

// Two roots: the project (where the Dockerfile goes) and the build root
// (the directory that must be the build context). buildRoot finds the
// second; it never leaves the git repository (or, without one, the
// detection root), so nothing outside the checkout becomes the context.

// maxRepoUp bounds how far above a project the git top-level is looked for.
const maxRepoUp = 12

// GitTop is the git top-level of the directory p: the nearest directory at
// or above it holding .git, "" when there is none.
func GitTop(p string) string { return gitTopWithin(p, maxRepoUp) }

// gitTopWithin is the nearest directory at or above p, at most up levels
// up, that holds .git; "" when there is none.
func gitTopWithin(p string, up int) string {
	dir := p
	for range up + 1 {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ""
}

// ceiling is the highest directory a build root may be for the project at
// abs: the git top-level of the repository holding it; without one, maxUp
// levels above the project (a workspace root found there must still list
// the project, a go.work must still use it).
func (d *dir) ceiling(abs string) string {
	if top := GitTop(abs); top != "" && within(top, d.root) {
		return top
	}
	top := abs
	for range maxUp {
		top = filepath.Dir(top)
	}
	return top
}

// relFromRoot is dir a relative to the detection root, as a slash path.
func (d *dir) relFromRoot(a string) string {
	r, err := filepath.Rel(d.root, a)
	if err != nil {
		return "."
	}
	return filepath.ToSlash(r)
}

// buildRoot sets the directory the project builds from: its own, unless
// its kind's hook finds a workspace, reactor or settings root above it.
func buildRoot(d *dir, p *Project) {
	p.BuildRoot = p.Path
	if det := detectorOf(p.Lang); det != nil && det.buildRoot != nil {
		det.buildRoot(d, p)
	}
}

// ---- Node workspaces ----

// safeNameRe is a package name dockgen puts into a shell command.
var safeNameRe = regexp.MustCompile(`^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$`)

// wsRoot is a Node workspace root: its dir and globs.
type wsRoot struct {
	abs      string
	file     string // the file declaring the globs, relative to the detection root
	line     int
	patterns []string
	pj       *packageJSON
}

// walkCache keeps what every member of a workspace would otherwise read
// again: the workspace roots looked at, their packages and root facts.
type walkCache struct {
	roots map[string]*wsRoot // by absolute dir; nil: no workspace there
	pkgs  map[string][]wsPackage
	facts map[string]*Project
	// lists are directory listings by path from the walk's root: a Go
	// module's package folders are listed once for its mains and again by
	// the walk, 1,000 folders cost twice the time without it.
	lists map[string][]fs.DirEntry
	// mainDirs: Limits.MaxMainDirs of the walk (0: the default).
	mainDirs int
}

// keepList records a listing for the rest of the walk (c may be nil).
func (c *walkCache) keepList(rel string, entries []fs.DirEntry) {
	if c == nil {
		return
	}
	if c.lists == nil {
		c.lists = map[string][]fs.DirEntry{}
	}
	c.lists[rel] = entries
}

// workspaceRoot is readWorkspaceRoot, once per directory and walk.
func (d *dir) workspaceRoot(abs string) *wsRoot {
	c := d.cache
	if c == nil {
		return readWorkspaceRoot(d, abs)
	}
	if c.roots == nil {
		c.roots, c.pkgs, c.facts = map[string]*wsRoot{}, map[string][]wsPackage{}, map[string]*Project{}
	}
	if w, ok := c.roots[abs]; ok {
		return w
	}
	w := readWorkspaceRoot(d, abs)
	c.roots[abs] = w
	return w
}

// packagesOf is workspacePackages, once per workspace and walk.
func (d *dir) packagesOf(w *wsRoot) []wsPackage {
	if d.cache == nil || d.cache.pkgs == nil {
		return workspacePackages(w)
	}
	if ps, ok := d.cache.pkgs[w.abs]; ok {
		return ps
	}
	ps := workspacePackages(w)
	d.cache.pkgs[w.abs] = ps
	return ps
}

// rootFacts are the package manager facts of the workspace root, once per
// workspace and walk.
func (d *dir) rootFacts(w *wsRoot) *Project {
	if d.cache != nil && d.cache.facts != nil {
		if p, ok := d.cache.facts[w.abs]; ok {
			return p
		}
	}
	rd := &dir{root: w.abs, rel: ".", warnings: new([]Warning)}
	var rp Project
	rpj, rdata := readPackageJSON(rd)
	if rpj == nil {
		rpj = &packageJSON{}
	}
	nodeFacts(rd, &rp, rpj, rdata)
	if d.cache != nil && d.cache.facts != nil {
		d.cache.facts[w.abs] = &rp
	}
	return &rp
}

// readWorkspaceRoot reads the workspace globs at abs (pnpm-workspace.yaml,
// else package.json's workspaces), nil when abs declares none.
func readWorkspaceRoot(d *dir, abs string) *wsRoot {
	read := func(name string) []byte {
		data, _ := readRegular(abs, name)
		return data
	}
	var pj packageJSON
	pjData := read("package.json")
	if pjData != nil {
		_ = json.Unmarshal(pjData, &pj) // malformed: the member's own read warns
	}
	if data := read("pnpm-workspace.yaml"); data != nil {
		var y struct {
			Packages []string `yaml:"packages"`
		}
		if err := yaml.Unmarshal(data, &y); err == nil {
			return &wsRoot{abs: abs, file: path.Join(d.relFromRoot(abs), "pnpm-workspace.yaml"), line: max(1, lineOf(data, "packages")), patterns: y.Packages, pj: &pj}
		}
	}
	if len(pj.Workspaces) > 0 {
		var globs []string
		if json.Unmarshal(pj.Workspaces, &globs) != nil {
			var obj struct {
				Packages []string `json:"packages"`
			}
			_ = json.Unmarshal(pj.Workspaces, &obj)
			globs = obj.Packages
		}
		return &wsRoot{abs: abs, file: path.Join(d.relFromRoot(abs), "package.json"), line: max(1, lineOf(pjData, `"workspaces"`)), patterns: globs, pj: &pj}
	}
	return nil
}

// matches reports whether the member dir rel (slash, relative to the
// workspace root) is listed by the globs; "!" globs exclude.
func (w *wsRoot) matches(rel string) bool {
	in := false
	for _, g := range w.patterns {
		neg := strings.HasPrefix(g, "!")
		g = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(g, "!"), "./"), "/")
		if globMatch(strings.Split(g, "/"), strings.Split(rel, "/")) {
			in = !neg
		}
	}
	return in
}

// globMatch matches path segments against glob segments, "**" spanning any
// number of them.
func globMatch(g, p []string) bool {
	if len(g) == 0 {
		return len(p) == 0
	}
	if g[0] == "**" {
		for i := 0; i <= len(p); i++ {
			if globMatch(g[1:], p[i:]) {
				return true
			}
		}
		return false
	}
	if len(p) == 0 {
		return false
	}
	if ok, _ := path.Match(g[0], p[0]); !ok {
		return false
	}
	return globMatch(g[1:], p[1:])
}

// findNodeWorkspace is the nearest workspace root above the project at d
// whose globs list it, nil when there is none.
func findNodeWorkspace(d *dir) (*wsRoot, string) {
	abs := filepath.Join(d.root, filepath.FromSlash(d.rel))
	top := d.ceiling(abs)
	for up := abs; up != top && within(top, up); {
		up = filepath.Dir(up)
		if w := d.workspaceRoot(up); w != nil {
			rel, _ := filepath.Rel(up, abs)
			rel = filepath.ToSlash(rel)
			if w.matches(rel) {
				return w, rel
			}
			return nil, "" // the nearest workspace does not list it: self-contained
		}
	}
	return nil, ""
}

// wsPackage is one package of a workspace.
type wsPackage struct {
	dir  string // relative to the workspace root
	pj   packageJSON
	deps []string
}

// maxWorkspaceEntries bounds the listing of a workspace's packages.
const maxWorkspaceEntries = 50_000

// workspacePackages lists the workspace's packages (dirs with a
// package.json the globs list), sorted by dir.
func workspacePackages(w *wsRoot) []wsPackage {
	var out []wsPackage
	entries := 0
	var walk func(rel string, depth int)
	walk = func(rel string, depth int) {
		list, err := os.ReadDir(filepath.Join(w.abs, filepath.FromSlash(rel)))
		if err != nil {
			return
		}
		entries += len(list)
		if entries > maxWorkspaceEntries {
			return
		}
		if rel != "." && w.matches(rel) {
			if data, ok := readRegular(filepath.Join(w.abs, filepath.FromSlash(rel)), "package.json"); ok {
				var pj packageJSON
				if json.Unmarshal(data, &pj) == nil {
					out = append(out, wsPackage{dir: rel, pj: pj})
				}
			}
		}
		if depth >= DefaultLimits.MaxDepth {
			return
		}
		for _, e := range list {
			if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !skipDirs[e.Name()] {
				walk(path.Join(rel, e.Name()), depth+1)
			}
		}
	}
	walk(".", 0)
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out
}

// closure is the project's workspace dependencies and itself, dependencies
// first (the order a build runs in).
func closure(pkgs []wsPackage, app string) []wsPackage {
	byName := map[string]int{}
	for i, p := range pkgs {
		if p.pj.Name != "" {
			byName[p.pj.Name] = i
		}
	}
	var out []wsPackage
	seen := map[int]bool{}
	var visit func(i int)
	visit = func(i int) {
		if seen[i] {
			return
		}
		seen[i] = true
		var names []string
		for _, deps := range []map[string]string{pkgs[i].pj.Dependencies, pkgs[i].pj.DevDependencies} {
			for n := range deps {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			if j, ok := byName[n]; ok {
				visit(j)
			}
		}
		out = append(out, pkgs[i])
	}
	for i, p := range pkgs {
		if p.dir == app {
			visit(i)
		}
	}
	return out
}

// rootFiles are the build-root files a Node install reads, when present.
var rootFiles = []string{"package.json", "pnpm-lock.yaml", "bun.lock", "bun.lockb", "yarn.lock", "package-lock.json", "npm-shrinkwrap.json",
	"pnpm-workspace.yaml", ".yarnrc.yml", ".yarnrc", "bunfig.toml", ".pnpmfile.cjs", ".yarn/releases", ".yarn/plugins", ".yarn/patches", "patches"}

// installManifests are what a Node install at the workspace root rel (a
// slash path below d) reads: the root files present and every package's
// package.json, relative to rel; nil when rel declares no workspace. A
// dependency layer keyed by them survives a source-only change.
func (d *dir) installManifests(rel string) []string {
	abs := filepath.Join(d.root, filepath.FromSlash(path.Join(d.rel, rel)))
	w := readWorkspaceRoot(d, abs)
	if w == nil {
		return nil
	}
	var out []string
	for _, f := range rootFiles {
		if fi, err := os.Lstat(filepath.Join(abs, filepath.FromSlash(f))); err == nil && (fi.Mode().IsRegular() || fi.IsDir()) {
			out = append(out, f)
		}
	}
	// Its settings apply to the install (the UI stage is a build stage; the
	// image gets only the built output).
	if fi, err := os.Lstat(filepath.Join(abs, ".npmrc")); err == nil && fi.Mode().IsRegular() {
		out = append(out, ".npmrc")
	}
	for _, pk := range d.packagesOf(w) {
		if len(out) >= maxReactorModules {
			break
		}
		out = append(out, path.Join(pk.dir, "package.json"))
	}
	return out
}

// nodeWorkspace makes a workspace member's build root its workspace root:
// the lockfile, the workspace manifest and every package's manifest are
// there, and `workspace:*` / `catalog:` versions only resolve from it.
func nodeWorkspace(d *dir, p *Project) {
	w, app := findNodeWorkspace(d)
	if w == nil {
		return
	}
	p.BuildRoot = d.relFromRoot(w.abs)
	p.evidence(w.file, w.line, "workspace root %s lists %s: build from there", p.BuildRoot, app)
	// A site built by Node (p.Lang static) installs and builds at the root
	// the same way; only its runtime differs (nginx serves the output).
	ws := &p.Workspace
	ws.App = app
	ws.Root = strings.TrimSuffix(strings.Repeat("../", strings.Count(app, "/")+1), "/")
	// The package manager of the workspace root decides, as for the root.
	rp := d.rootFacts(w)
	if rp.Tool != p.Tool {
		p.Tool = rp.Tool
		p.evidence(path.Join(p.BuildRoot, "package.json"), 1, "workspace package manager: %s", rp.Tool)
	}
	p.Node.Lockfile, p.Node.ManagerVersion, p.Node.YarnRelease = rp.Node.Lockfile, rp.Node.ManagerVersion, rp.Node.YarnRelease
	// The install and the build run at the root, under its Node version
	// (engines.node, .nvmrc): it decides over a member's own.
	if rp.Version != "" && rp.Version != p.Version {
		p.Version = rp.Version
		p.evidence(path.Join(p.BuildRoot, "package.json"), 1, "workspace Node version %s: the install and build run at the root", rp.Version)
	}
	for _, f := range rootFiles {
		if _, err := os.Lstat(filepath.Join(w.abs, filepath.FromSlash(f))); err == nil {
			ws.Files = append(ws.Files, f)
		}
	}
	// .npmrc settings (hoisting, peers, registries) apply to the install:
	// bind-mounted for it, never copied into a layer (it may hold a token).
	if fi, err := os.Lstat(filepath.Join(w.abs, ".npmrc")); err == nil && fi.Mode().IsRegular() {
		ws.Npmrc = true
		p.Node.Manifests = append(p.Node.Manifests, ".npmrc") // kept in the context for the mount
		p.evidence(path.Join(p.BuildRoot, ".npmrc"), 1, ".npmrc: mounted for the install")
	}
	pkgs := d.packagesOf(w)
	for _, pk := range pkgs {
		ws.Manifests = append(ws.Manifests, path.Join(pk.dir, "package.json"))
	}
	var self packageJSON
	for _, pk := range pkgs {
		if pk.dir == app {
			self = pk.pj
		}
	}
	ws.Name = self.Name
	if ws.Name != "" && !safeNameRe.MatchString(ws.Name) {
		d.warn("package.json", 0, "package name %q cannot be used in a build command; using the workspace's install and build for every package", ws.Name)
		ws.Name = ""
	}
	rootPort(p, w, self.Name, app)
	// Without a usable name the commands work on directories and every
	// package (see nodeWorkspaceCommands).
	order := closure(pkgs, app)
	var deps []string
	for _, pk := range order[:max(0, len(order)-1)] {
		deps = append(deps, pk.dir)
	}
	ws.Deps = deps
	if len(deps) > 0 {
		p.evidence(d.path("package.json"), 1, "workspace dependencies: %s", strings.Join(deps, ", "))
	}
	ws.Install, ws.Prod, ws.Build = nodeWorkspaceCommands(p.Tool, ws.Name, app, w, order)
	// A package binary may be hoisted to the root's node_modules: the
	// runtime finds it on PATH (both .bin directories are on it).
	if len(p.Node.Start) > 0 && strings.HasPrefix(p.Node.Start[0], "node_modules/.bin/") {
		p.Node.Start[0] = path.Base(p.Node.Start[0])
	}
	if ws.Build != "" {
		p.Node.HasBuild = true
		p.Build = ws.Build
	}
}

// rootPort: a server package that declares no port, which the workspace
// root's production start runs (see delegatedStart), listens where the
// root's process files (its Dockerfile's EXPOSE, compose, Procfile) say.
func rootPort(p *Project, w *wsRoot, name, app string) {
	if p.Port != 0 || p.Lang != kind.Node.Name || w.pj == nil {
		return
	}
	if _, m := delegatedStart(w.pj); m == "" || (m != name && strings.TrimPrefix(m, "./") != app) {
		return
	}
	rd := &dir{root: w.abs, rel: ".", warnings: new([]Warning)}
	for _, f := range processFiles {
		data := rd.read(f)
		if data == nil {
			continue
		}
		if port, off := scanPort(f, data); port > 0 {
			p.Port = port
			p.evidence(path.Join(p.BuildRoot, f), lineAt(data, off), "port %d: the workspace root's production start runs this package", port)
			return
		}
	}
}

// nodeWorkspaceCommands are the install, production install and build
// commands run at the workspace root for the project at app.
func nodeWorkspaceCommands(tool, name, app string, w *wsRoot, order []wsPackage) (install, prod, build string) {
	switch tool {
	case "npm":
		install, prod = "npm ci", "npm ci --omit=dev --workspace="+app
	case "yarn":
		install = "yarn install --frozen-lockfile --cache-folder /root/.cache/yarn"
		// Yarn 1 cannot install one workspace: every package's production deps.
		prod = "yarn install --frozen-lockfile --production --cache-folder /root/.cache/yarn"
	case "yarn-berry":
		install, prod = "yarn install --immutable", "yarn workspaces focus --production "+name
		if name == "" {
			prod = "yarn workspaces focus --all --production"
		}
	case "pnpm":
		install, prod = "pnpm install --frozen-lockfile --store-dir /pnpm/store", "pnpm install --frozen-lockfile --prod --store-dir /pnpm/store --filter "+name+"..."
		if name == "" {
			prod = "pnpm install --frozen-lockfile --prod --store-dir /pnpm/store"
		}
	case "bun":
		install, prod = "bun install --frozen-lockfile", "bun install --frozen-lockfile --production"
	}
	var steps []string
	for _, pk := range order {
		if pk.pj.Scripts["build"] != "" {
			steps = append(steps, pk.dir)
		}
	}
	if len(steps) == 0 {
		return install, prod, ""
	}
	_, turboCfg := os.Lstat(filepath.Join(w.abs, "turbo.json"))
	switch {
	case turboCfg == nil && w.pj.has("turbo") && name != "":
		return install, prod, "node_modules/.bin/turbo run build --filter=" + name
	case tool == "pnpm" && name != "":
		return install, prod, "pnpm --filter " + name + "... run build"
	case tool == "yarn-berry" && name != "":
		return install, prod, "yarn workspaces foreach --recursive --topological --from " + name + " run build"
	}
	var cmds []string
	for _, s := range steps {
		if !safeDirRe.MatchString(s) {
			return install, prod, ""
		}
		switch tool {
		case "npm":
			cmds = append(cmds, "npm run build --workspace="+s)
		case "yarn", "yarn-berry":
			cmds = append(cmds, "yarn --cwd "+s+" run build")
		case "pnpm":
			cmds = append(cmds, "pnpm --dir "+s+" run build")
		case "bun":
			cmds = append(cmds, "bun run --cwd "+s+" build")
		}
	}
	return install, prod, strings.Join(cmds, " && ")
}

// safeDirRe is a workspace dir dockgen puts into a command or a COPY.
var safeDirRe = regexp.MustCompile(`^[A-Za-z0-9_@.-]+(/[A-Za-z0-9_@.-]+)*$`)

// ---- Go: go.work and local replace targets ----

// goWorkspace sets the build root of a Go module: the go.work directory
// that uses it, widened to hold every directory `replace` target.
func goWorkspace(d *dir, p *Project) {
	abs := filepath.Join(d.root, filepath.FromSlash(d.rel))
	top := d.ceiling(abs)
	rootAbs := abs
	var mods []string // module dirs the build reads, absolute
	var work string
	// go.work above the module that uses it.
	for up := abs; within(top, up); up = filepath.Dir(up) {
		if data, ok := readRegular(up, "go.work"); ok {
			wf, err := modfile.ParseWork("go.work", data, nil)
			if err != nil {
				break
			}
			var used []string
			uses := false
			for _, u := range wf.Use {
				ud := filepath.Join(up, filepath.FromSlash(u.Path))
				used = append(used, ud)
				if ud == abs {
					uses = true
				}
			}
			if uses {
				work = up
				rootAbs = up
				mods = append(mods, used...)
				p.evidence(path.Join(d.relFromRoot(up), "go.work"), 1, "go.work uses %s: build from %s", d.relFromRoot(abs), d.relFromRoot(up))
			}
			break
		}
		if up == top {
			break
		}
	}
	// Directory replace targets, followed through their own go.mod files.
	queue := []string{abs}
	seen := map[string]bool{abs: true}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		data, ok := readRegular(m, "go.mod")
		if !ok {
			continue
		}
		// Parse, not ParseLax: ParseLax drops replace directives.
		f, err := modfile.Parse("go.mod", data, nil)
		if err != nil {
			continue
		}
		modFile := path.Join(d.relFromRoot(m), "go.mod")
		for _, r := range f.Replace {
			if r.New.Version != "" || !modfile.IsDirectoryPath(r.New.Path) {
				continue
			}
			t := filepath.Clean(filepath.Join(m, filepath.FromSlash(r.New.Path)))
			line := fmt.Sprintf("%s:%d: replace %s => %s", modFile, r.Syntax.Start.Line, r.Old.Path, r.New.Path)
			if filepath.IsAbs(filepath.FromSlash(r.New.Path)) || !within(top, t) {
				p.rootErr = line + ": the target is outside the repository (its git top-level; without one, 3 levels above the module), so no build context can hold it; vendor the module (go mod vendor) or move it into the repository"
				return
			}
			if !seen[t] {
				seen[t] = true
				mods = append(mods, t)
				queue = append(queue, t)
				p.evidence(modFile, r.Syntax.Start.Line, "replace %s => %s: the build reads %s", r.Old.Path, r.New.Path, d.relFromRoot(t))
			}
			for !within(rootAbs, t) {
				rootAbs = filepath.Dir(rootAbs)
			}
		}
	}
	if rootAbs == abs {
		// Replace targets inside the module (replace x => ./core): go mod
		// download reads their go.mod, so it is copied with the module's.
		for _, m := range mods {
			rm, _ := filepath.Rel(abs, m)
			for _, f := range []string{"go.mod", "go.sum"} {
				if fi, err := os.Lstat(filepath.Join(m, f)); err == nil && fi.Mode().IsRegular() {
					p.Go.ReplaceManifests = append(p.Go.ReplaceManifests, path.Join(filepath.ToSlash(rm), f))
				}
			}
		}
		sort.Strings(p.Go.ReplaceManifests)
		p.Go.ReplaceManifests = slices.Compact(p.Go.ReplaceManifests)
		return
	}
	p.BuildRoot = d.relFromRoot(rootAbs)
	// A go.work inside the context that does not use this module would put
	// the build in workspace mode and fail: GOWORK=off, deliberately.
	if work == "" {
		for up := abs; within(rootAbs, up); up = filepath.Dir(up) {
			if fi, err := os.Lstat(filepath.Join(up, "go.work")); err == nil && fi.Mode().IsRegular() {
				p.Workspace.NoWork = true
				p.evidence(path.Join(d.relFromRoot(up), "go.work"), 1, "go.work does not use %s: built with GOWORK=off", d.relFromRoot(abs))
				break
			}
			if up == rootAbs {
				break
			}
		}
	}
	app, _ := filepath.Rel(rootAbs, abs)
	ws := &p.Workspace
	ws.App = filepath.ToSlash(app)
	ws.Root = strings.TrimSuffix(strings.Repeat("../", strings.Count(ws.App, "/")+1), "/")
	if work != "" {
		rw, _ := filepath.Rel(rootAbs, work)
		for _, f := range []string{"go.work", "go.work.sum"} {
			if _, err := os.Lstat(filepath.Join(work, f)); err == nil {
				ws.Files = append(ws.Files, path.Join(filepath.ToSlash(rw), f))
			}
		}
	}
	mods = append(mods, abs)
	var manifests []string
	for _, m := range mods {
		rm, _ := filepath.Rel(rootAbs, m)
		for _, f := range []string{"go.mod", "go.sum"} {
			if fi, err := os.Lstat(filepath.Join(m, f)); err == nil && fi.Mode().IsRegular() {
				manifests = append(manifests, path.Join(filepath.ToSlash(rm), f))
			}
		}
	}
	sort.Strings(manifests)
	ws.Manifests = slices.Compact(manifests)
	for _, m := range ws.Manifests {
		if dir := path.Dir(m); dir != ws.App && !slices.Contains(ws.Deps, dir) {
			ws.Deps = append(ws.Deps, dir)
		}
	}
}

// readRegular reads dir/name, a file above or beside the project (a
// workspace root, go.work, a replace target's go.mod), through safefs like
// every repository read: only a regular file of at most maxFileSize, and no
// link out of dir (a named pipe would block forever, /dev/zero never ends).
func readRegular(dir, name string) ([]byte, bool) {
	data, err := safefs.ReadFile(dir, name, maxFileSize)
	return data, err == nil
}
