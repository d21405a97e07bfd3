package detect

import (
	"encoding/json"
	"path"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
)

type packageJSON struct {
	Name            string            `json:"name"`
	Main            string            `json:"main"`
	Scripts         map[string]string `json:"scripts"`
	Engines         map[string]string `json:"engines"`
	PackageManager  string            `json:"packageManager"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Workspaces      json.RawMessage   `json:"workspaces"`
}

func (pj *packageJSON) has(dep string) bool {
	_, a := pj.Dependencies[dep]
	_, b := pj.DevDependencies[dep]
	return a || b
}

// lockfiles in the order they decide the package manager when only one exists.
var lockfiles = []struct{ file, tool string }{
	{"pnpm-lock.yaml", "pnpm"},
	{"bun.lock", "bun"},
	{"bun.lockb", "bun"},
	{"yarn.lock", "yarn"},
	{"package-lock.json", "npm"},
	{"npm-shrinkwrap.json", "npm"},
}

// spaFrameworks build to a static directory that nginx serves.
var spaFrameworks = []struct{ dep, framework, out string }{
	{"vite", "vite", "dist"},
	{"react-scripts", "cra", "build"},
	{"@vue/cli-service", "vue-cli", "dist"},
	{"@angular/cli", "angular", "dist"},
}

var nextStandaloneRe = lazy(`output\s*:\s*["']standalone["']`)

// shellStepRe separates the steps of a script.
var shellStepRe = lazy(`&&|\|\||;`)

// nodeFileRe is a script file node can run.
var nodeFileRe = lazy(`^[A-Za-z0-9_@][A-Za-z0-9_./@-]*$`)

// scriptFile follows a package.json script through "npm run X", "yarn X",
// "pnpm X" and "bun run X" steps (at most three deep) to the file a
// "node FILE" step runs, "" when there is none.
func scriptFile(pj *packageJSON, script string, depth int) string {
	cmd, ok := pj.Scripts[script]
	if !ok || depth > 3 {
		return ""
	}
	// The last step is the long-running one ("npm run scss && node app.js").
	steps := shellStepRe.Split(cmd, -1)
	for i := len(steps) - 1; i >= 0; i-- {
		words := strings.Fields(steps[i])
		for len(words) > 0 && (words[0] == "cross-env" || words[0] == "env" || strings.Contains(words[0], "=")) {
			words = words[1:] // environment prefixes
		}
		if len(words) < 2 {
			continue
		}
		switch words[0] {
		case "node":
			for _, w := range words[1:] {
				if strings.HasPrefix(w, "-") {
					continue
				}
				if !nodeFileRe.MatchString(w) {
					break
				}
				w = strings.TrimPrefix(w, "./")
				if path.Ext(w) == "" {
					w += ".js" // node resolves dist/main to dist/main.js
				}
				return w
			}
		case "npm", "pnpm", "yarn", "bun":
			next := words[1]
			if words[0] == "bun" && hasExt(next, ".ts", ".tsx", ".js", ".mjs") && nodeFileRe.MatchString(next) {
				return strings.TrimPrefix(next, "./") // bun runs a file directly
			}
			if next == "run" || next == "run-script" {
				if len(words) < 3 {
					continue
				}
				next = words[2]
			}
			if f := scriptFile(pj, next, depth+1); f != "" {
				return f
			}
		}
	}
	return ""
}

func readPackageJSON(d *dir) (*packageJSON, []byte) {
	data := d.read("package.json")
	if data == nil {
		return nil, nil
	}
	var pj packageJSON
	if err := json.Unmarshal(data, &pj); err != nil {
		line := 0
		if se, ok := err.(*json.SyntaxError); ok {
			line = strings.Count(string(data[:se.Offset]), "\n") + 1
		}
		d.warn("package.json", line, "malformed JSON: %v", err)
		return nil, data
	}
	return &pj, data
}

var nodeDetector = detector{kind.Node, detectNode}

func detectNode(d *dir) (*Project, bool) {
	p, ok := detectNodeProject(d)
	if ok && (p.Lang != kind.Static.Name || p.Static.NodeBuild) {
		p.Node.BuildSteps = kind.NodeBuildSteps(p.Tool, p.Node)
	}
	return p, ok
}

func detectNodeProject(d *dir) (*Project, bool) {
	pj, data := readPackageJSON(d)
	if data == nil {
		return nil, false
	}
	p := &Project{Framework: "none"}
	if pj == nil {
		pj = &packageJSON{}
	}
	nodeFacts(d, p, pj, data)
	nodeScripts(d, p, pj, data)
	// A SPA's output is a static site: serve it with nginx.
	for _, s := range spaFrameworks {
		if pj.has(s.dep) && pj.Scripts["build"] != "" && !pj.has("express") {
			asSite(p)
			p.Framework = s.framework
			p.Entry = s.out
			p.Static = plan.StaticFacts{Root: s.out, NodeBuild: true, SPA: true}
			p.evidence(d.path("package.json"), lineOf(data, `"`+s.dep+`"`), "%s builds a single-page app into %s/", s.dep, s.out)
			return p, true
		}
	}
	for _, fw := range []struct{ dep, name string }{{"next", "nextjs"}, {"@nestjs/core", "nestjs"}, {"express", "express"}, {"koa", "koa"}, {"fastify", "fastify"}} {
		if pj.has(fw.dep) {
			p.Framework = fw.name
			p.evidence(d.path("package.json"), lineOf(data, `"`+fw.dep+`"`), "depends on %s", fw.dep)
			break
		}
	}
	nodeStart(d, p, pj, data)
	if len(pj.Workspaces) > 0 || d.exists("pnpm-workspace.yaml") {
		if !isServerFile(p.Entry) {
			// The root of workspaces: its packages are the projects.
			p.aggregate = true
			p.evidence(d.path("package.json"), max(1, lineOf(data, `"workspaces"`)), "workspaces root: each package is listed as a project")
			return p, true
		}
	}
	if p.Framework == "none" && !isServerFile(p.Entry) {
		if site, ok := nodeSite(d, p); ok {
			return site, true
		}
	}
	return p, true
}

// isServerFile reports whether entry is a script file a server could be,
// not a command ("npm start") or a repo's tooling (scripts/start.js).
func isServerFile(entry string) bool {
	if !hasExt(entry, ".js", ".mjs", ".cjs", ".ts") {
		return false
	}
	for _, tooling := range []string{"scripts/", "tools/", "script/"} {
		if strings.HasPrefix(entry, tooling) {
			return false
		}
	}
	return true
}

// nodeSite turns a package.json without a server into the static site it
// serves: a build output holding index.html (built by the build script) or
// a committed site folder (no build needed: package.json is tooling).
func nodeSite(d *dir, p *Project) (*Project, bool) {
	pkgFile := d.path("package.json")
	if p.Node.HasBuild {
		if root, index := siteDir(d, []string{"dist", "build", "out", "public", "_site"}); root != "" {
			asSite(p)
			p.Entry = root
			p.Static = plan.StaticFacts{Root: root, NodeBuild: true}
			p.evidence(d.path(index), 1, "no server in package.json; the build script writes %s/", root)
			return p, true
		}
	}
	if root, index := siteDir(d, staticRoots); root != "" {
		site := newSite("none", root)
		site.Static = plan.StaticFacts{Root: root}
		site.evidence(pkgFile, 1, "package.json runs no server: it is tooling")
		site.evidence(d.path(index), 1, "static site: %s", index)
		return site, true
	}
	return nil, false
}

// nodeFacts fills the package manager, Node version and build script.
func nodeFacts(d *dir, p *Project, pj *packageJSON, data []byte) {
	pkgFile := d.path("package.json")
	var found []string
	for _, l := range lockfiles {
		if d.exists(l.file) {
			found = append(found, l.file)
			if p.Tool == "" {
				p.Tool = l.tool
				p.Node.Lockfile = l.file
			}
		}
	}
	if pm := pj.PackageManager; pm != "" {
		name, ver, _ := strings.Cut(pm, "@")
		ver, _, _ = strings.Cut(ver, "+") // drop the "+sha512..." integrity suffix
		tool := name
		if name == "yarn" && !strings.HasPrefix(ver, "1.") {
			tool = "yarn-berry"
		}
		if kind.Node.HasTool(tool) {
			if p.Tool != "" && p.Tool != tool && !(p.Tool == "yarn" && tool == "yarn-berry") {
				d.warn("package.json", lineOf(data, `"packageManager"`), "packageManager says %s but the lockfile is %s; using %s", name, p.Node.Lockfile, tool)
				p.Node.Lockfile = lockfileFor(d, tool)
			}
			p.Tool = tool
			p.Node.ManagerVersion = ver
			p.evidence(pkgFile, lineOf(data, `"packageManager"`), "packageManager %s", pm)
		}
	}
	if len(found) > 1 {
		d.warn(".", 0, "several lockfiles (%s); using %s", strings.Join(found, ", "), p.Tool)
	}
	if p.Tool == "yarn" && d.exists(".yarnrc.yml") {
		p.Tool = "yarn-berry"
		p.evidence(d.path(".yarnrc.yml"), 1, ".yarnrc.yml: Yarn 2+")
	}
	if p.Tool == "" {
		// A workspace package or a subfolder: the lockfile is at the repo root,
		// outside this project's build context.
		var names []string
		for _, l := range lockfiles {
			names = append(names, l.file)
		}
		if up := d.findUp(names...); up != "" {
			for _, l := range lockfiles {
				if path.Base(up) == l.file {
					p.Tool = l.tool
				}
			}
			p.evidence(up, 1, "lockfile %s above the project: %s", up, p.Tool)
			d.warn("package.json", 0, "the lockfile %s is outside this directory: the generated build installs without it; generate from the directory holding it for a locked install", up)
		}
	}
	if p.Tool == "" {
		p.Tool = "npm"
		p.evidence(pkgFile, 1, "no lockfile: npm install without a lock")
	} else if p.Node.Lockfile != "" {
		p.evidence(d.path(p.Node.Lockfile), 1, "lockfile %s: %s", p.Node.Lockfile, p.Tool)
	}
	if p.Node.ManagerVersion == "" {
		p.Node.ManagerVersion = kind.DefaultManagerVersion[p.Tool]
	}
	p.Node.Manifests = []string{"package.json"}
	if p.Node.Lockfile != "" {
		p.Node.Manifests = append(p.Node.Manifests, p.Node.Lockfile)
	}
	for _, f := range []string{".yarnrc.yml", ".yarnrc", "pnpm-workspace.yaml", "bunfig.toml"} {
		if d.exists(f) {
			p.Node.Manifests = append(p.Node.Manifests, f)
		}
	}
	if p.Tool == "yarn-berry" && d.isDir(".yarn/releases") {
		p.Node.YarnRelease = true
	}
	if v := pj.Engines["node"]; v != "" {
		p.Version = v
		p.evidence(pkgFile, lineOf(data, `"node"`), "engines.node %s", v)
	} else if v, file, line := versionFile(d, []string{".nvmrc", ".node-version"}, "nodejs", "node"); v != "" {
		p.Version = v
		p.evidence(file, line, "Node %s", v)
	}
	if s := pj.Scripts["build"]; s != "" {
		p.Node.HasBuild = true
		p.Build = p.Tool + " run build"
		if p.Tool == "yarn-berry" {
			p.Build = "yarn run build"
		}
		p.evidence(pkgFile, lineOf(data, `"build"`), "build script: %s", s)
	}
}

func lockfileFor(d *dir, tool string) string {
	for _, l := range lockfiles {
		if (l.tool == tool || (tool == "yarn-berry" && l.tool == "yarn")) && d.exists(l.file) {
			return l.file
		}
	}
	return ""
}

// nodeStart works out the production start command.
func nodeStart(d *dir, p *Project, pj *packageJSON, data []byte) {
	pkgFile := d.path("package.json")
	if p.Framework == "nextjs" {
		p.Entry = "next start"
		p.Node.Start = []string{"node_modules/.bin/next", "start"}
		p.evidence(pkgFile, lineOf(data, `"next"`), "Next.js: next start")
		for _, f := range []string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs"} {
			cfg := d.read(f)
			if loc := nextStandaloneRe.FindIndex(cfg); loc != nil {
				// Reported, not yet used: the template runs next start over node_modules.
				p.evidence(d.path(f), lineAt(cfg, loc[0]), "output: 'standalone' (.next/standalone/server.js)")
				break
			}
		}
		return
	}
	for _, script := range []string{"start:prod", "start:production", "start"} {
		if f := scriptFile(pj, script, 0); f != "" {
			p.Entry = f
			p.evidence(pkgFile, lineOf(data, `"`+script+`"`), "%s script runs node %s", script, p.Entry)
			break
		}
	}
	if p.Entry == "" && hasExt(pj.Main, ".js", ".mjs", ".cjs") && d.exists(pj.Main) {
		p.Entry = strings.TrimPrefix(pj.Main, "./")
		p.evidence(pkgFile, lineOf(data, `"main"`), "main %s", pj.Main)
	}
	if p.Entry == "" {
		for _, f := range []string{"server.js", "index.js", "app.js", "src/index.js", "src/server.js", "main.js"} {
			if d.exists(f) {
				p.Entry = f
				p.evidence(d.path(f), 0, "entry file %s", f)
				break
			}
		}
	}
	// Bun images carry no node or npm: bun runs the file or the script itself.
	if p.Entry != "" {
		p.Node.Start = []string{"node", p.Entry}
		if p.Tool == "bun" {
			p.Node.Start[0] = "bun"
		}
		return
	}
	if pj.Scripts["start"] != "" {
		p.Node.Start = []string{"npm", "start"}
		if p.Tool == "bun" {
			p.Node.Start = []string{"bun", "run", "start"}
		}
		p.Entry = "npm start"
		p.evidence(pkgFile, lineOf(data, `"start"`), "start script: %s", pj.Scripts["start"])
	}
}
