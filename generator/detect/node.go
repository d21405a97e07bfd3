package detect

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strconv"
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

// nextStandaloneRe is output: 'standalone' in next.config, also when it is
// computed (output: process.env.X ?? 'standalone').
var nextStandaloneRe = lazy(`output\s*:[^,\n]{0,120}?["']standalone["']`)

// nextOutputRe is an output key set from a variable; nextStandaloneLitRe
// the "standalone" literal that variable defaults to.
var (
	nextOutputRe        = lazy(`\boutput\s*:\s*[A-Za-z_$]`)
	nextStandaloneLitRe = lazy(`["']standalone["']`)
)

// shellStepRe separates the steps of a script.
var shellStepRe = lazy(`&&|\|\||;`)

// nodeFileRe is a script file node can run (".output/server/index.mjs" too).
var nodeFileRe = lazy(`^\.?[A-Za-z0-9_@][A-Za-z0-9_./@-]*$`)

// serveCommands are framework servers a start script runs on a build
// output: "remix-serve ./build/index.js". They are production dependencies.
var serveCommands = []string{"remix-serve", "react-router-serve"}

// nodeArgFlags are node options whose value is the next word.
var nodeArgFlags = []string{"-r", "--require", "--import", "--loader", "--experimental-loader", "--env-file", "-C", "--conditions", "--title"}

// nodeLoaderFlags load a module before the entry (a TypeScript loader such
// as tsx): kept in the start command.
var nodeLoaderFlags = []string{"-r", "--require", "--import", "--loader", "--experimental-loader"}

// envPrefixes run the rest of the words as a command.
var envPrefixes = []string{"cross-env", "env", "dotenv", "dotenvx"}

// startCmd is what a start script finally runs: a file node runs, or a
// serve command with its build output.
type startCmd struct {
	file  string   // "dist/main.js"; "" for a serve command
	args  []string // the file's arguments: "node index start" runs a subcommand
	serve []string // ["remix-serve", "./build/index.js"]
	// loaders are node's options that load code before the file
	// ("--require tsx/cjs", "--import tsx"): without them a TypeScript
	// entry does not start.
	loaders []string
}

// scriptStart follows a package.json script through "npm run X", "yarn X",
// "pnpm X" and "bun run X" steps (at most three deep) to what it finally
// runs: a file node runs, or a serve command; zero when neither.
func scriptStart(d *dir, pj *packageJSON, script string, depth int) startCmd {
	cmd, ok := pj.Scripts[script]
	if !ok || depth > 3 {
		return startCmd{}
	}
	// The last step is the long-running one ("npm run scss && node app.js").
	steps := shellStepRe.Split(cmd, -1)
	for i := len(steps) - 1; i >= 0; i-- {
		if c := wordsStart(d, pj, strings.Fields(steps[i]), depth); c.file != "" || c.serve != nil {
			return c
		}
	}
	return startCmd{}
}

func wordsStart(d *dir, pj *packageJSON, words []string, depth int) startCmd {
	for len(words) > 0 && (slices.Contains(envPrefixes, words[0]) || strings.Contains(words[0], "=") || strings.HasPrefix(words[0], "-")) {
		if words[0] == "dotenv" || words[0] == "dotenvx" {
			// dotenv -e .env -- node app.js: the command follows "--".
			if k := slices.Index(words, "--"); k >= 0 {
				words = words[k:]
			}
		}
		words = words[1:] // environment prefixes and their flags
	}
	if len(words) < 2 {
		return startCmd{}
	}
	switch {
	case words[0] == "node":
		var loaders []string
		for i := 1; i < len(words); i++ {
			w := words[i]
			if slices.Contains(nodeArgFlags, w) {
				if slices.Contains(nodeLoaderFlags, w) && i+1 < len(words) && startArgRe.MatchString(words[i+1]) {
					loaders = append(loaders, w, words[i+1])
				}
				i++ // -r dotenv/config: the flag's value is not the file
				continue
			}
			if strings.HasPrefix(w, "-") {
				continue
			}
			if !nodeFileRe.MatchString(strings.TrimPrefix(w, "./")) {
				break
			}
			return startCmd{file: nodeFile(d, w), args: startArgs(words[i+1:]), loaders: loaders}
		}
	case slices.Contains(serveCommands, words[0]):
		if nodeFileRe.MatchString(strings.TrimPrefix(words[1], "./")) {
			return startCmd{serve: []string{words[0], words[1]}}
		}
	case words[0] == "npm" || words[0] == "pnpm" || words[0] == "yarn" || words[0] == "bun":
		next := words[1]
		if words[0] == "bun" && hasExt(next, ".ts", ".tsx", ".js", ".mjs") && nodeFileRe.MatchString(next) {
			return startCmd{file: strings.TrimPrefix(next, "./")} // bun runs a file directly
		}
		if next == "run" || next == "run-script" {
			if len(words) < 3 {
				return startCmd{}
			}
			next = words[2]
		}
		if c := scriptStart(d, pj, next, depth+1); c.file != "" || c.serve != nil {
			return c
		}
		// "npm run with:env -- node build/server/main.js": the wrapper
		// script runs what follows "--".
		if k := slices.Index(words, "--"); k >= 0 {
			return wordsStart(d, pj, words[k+1:], depth+1)
		}
	}
	return startCmd{}
}

// startArgRe is an argument kept after the start file: a plain word or
// flag (no shell syntax, no variable).
var startArgRe = lazy(`^[A-Za-z0-9@%+=:,./_-]+$`)

// startArgs keeps the arguments a start script passes its file, up to the
// first word that is shell syntax (a redirect, a pipe, $VAR).
func startArgs(words []string) []string {
	var args []string
	for _, w := range words {
		if !startArgRe.MatchString(w) {
			break
		}
		args = append(args, w)
	}
	return args
}

// nodeFile resolves what "node X" loads: X itself, X.js, or X/index.js for
// a folder (committed, or a build output such as "node build").
func nodeFile(d *dir, w string) string {
	w = strings.TrimPrefix(w, "./")
	if path.Ext(w) != "" && !d.isDir(w) {
		return w
	}
	switch {
	case d.exists(w + ".js"):
		return w + ".js"
	case d.isDir(w), slices.Contains([]string{"build", "dist", "out", "server", ".output/server"}, w):
		return w + "/index.js"
	}
	return w + ".js" // node resolves dist/main to dist/main.js
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

var nodeDetector = detector{kind: kind.Node, detect: detectNode, buildRoot: nodeWorkspace, deployable: nodeDeployable}

// nodeDeployable: main alone is what a library declares; a framework or a
// start script says it serves.
func nodeDeployable(p *Project) bool {
	if p.fromMain && p.Framework == "none" {
		return false
	}
	return p.Entry != "" || len(p.Node.Start) > 0
}

func detectNode(d *dir) (*Project, bool) {
	p, ok := detectNodeProject(d)
	if ok && (p.Lang != kind.Static.Name || p.Static.NodeBuild) {
		p.Node.BuildSteps = kind.NodeBuildSteps(p.Tool, p.Node)
	}
	if ok && p.Framework == "astro" && p.Lang != kind.Static.Name {
		p.Lang = kind.Node.Name
		// Astro's node server listens on its own default, not Node's 3000.
		if p.Port = findPort(d, p); p.Port == 0 {
			p.Port = 4321
			p.evidence(d.path("package.json"), 0, "port 4321: Astro's default server port")
		}
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
	nodeToolchain(d, p, pj, data)
	nodeNative(d, p, pj, data)
	// A site generator's or bundler's output, with no server: nginx serves
	// the directory its config names (static.go).
	if site, ok := nodeStaticSite(d, p, pj, data); ok {
		return site, true
	}
	// What is deployed decides the kind, not the tool that builds: a package
	// that starts a server is a Node server even when Vite builds its client.
	srv := *p
	srv.Evidence = slices.Clone(p.Evidence)
	meta := nodeMeta(d, &srv, pj, data)
	if srv.Framework == "none" {
		for _, fw := range []struct{ dep, name string }{{"@nestjs/core", "nestjs"}, {"express", "express"}, {"koa", "koa"}, {"fastify", "fastify"}, {"hono", "hono"}, {"@hono/node-server", "hono"}} {
			if pj.has(fw.dep) {
				srv.Framework = fw.name
				srv.evidence(d.path("package.json"), lineOf(data, `"`+fw.dep+`"`), "depends on %s", fw.dep)
				break
			}
		}
	}
	nodeStart(d, &srv, pj, data, meta)
	if !meta && !nodeServes(d, &srv) {
		// A SPA's output is a static site: serve it with nginx.
		for _, s := range spaFrameworks {
			if pj.has(s.dep) && pj.Scripts["build"] != "" && !pj.has("express") {
				asSite(p)
				p.Framework = s.framework
				p.Entry = s.out
				p.Static = plan.StaticFacts{Root: s.out, NodeBuild: true, SPA: true}
				p.evidence(d.path("package.json"), lineOf(data, `"`+s.dep+`"`), "%s builds a single-page app into %s/ and no server is started", s.dep, s.out)
				refuseHostAdapter(d, p, pj)
				return p, true
			}
		}
	}
	p = &srv
	if len(pj.Workspaces) > 0 || d.exists("pnpm-workspace.yaml") {
		// A root with an app of its own (a framework or meta-framework, a
		// server file, a start script that runs no workspace tool) is a
		// project, not a group.
		if !isServerFile(p.Entry) && !meta && p.Framework == "none" && !startsOwnApp(pj) {
			// The root of workspaces: its packages are the projects.
			p.aggregate = true
			p.evidence(d.path("package.json"), max(1, lineOf(data, `"workspaces"`)), "workspaces root: each package is listed as a project")
			if script, member := delegatedStart(pj); member != "" {
				p.startsMember = member
				p.evidence(d.path("package.json"), lineOf(data, `"`+script+`"`), "the root's %s script starts the workspace package %s: that is the app", script, member)
			}
			return p, true
		}
	}
	if p.Framework == "none" && !isServerFile(p.Entry) {
		if site, ok := nodeSite(d, p); ok {
			refuseHostAdapter(d, site, pj)
			return site, true
		}
	}
	if strings.Contains(p.Entry, "node_modules/") && !strings.HasPrefix(p.Entry, "node_modules/") {
		p.Node.SourcesInNodeModules = true
		p.evidence(d.path("package.json"), 0, "the entry %s is a source under a nested node_modules: .dockerignore leaves out only the root node_modules", p.Entry)
	}
	nodePortEnv(d, p)
	nodeEnvExample(d, p, pj)
	nodeWritable(d, p)
	nodeBuildEnv(d, p, pj)
	nodeOutside(d, p)
	if pj.has("fastify") || pj.has("@nestjs/platform-fastify") {
		fastifyLoopback(d, p)
	}
	return p, true
}

// serverCodeRe is code that serves HTTP: a listen call, an HTTP server, or
// a server framework imported.
var serverCodeRe = lazy(`\.listen\(|\bcreateServer\(|\bBun\.serve\(|\bserve\(\s*\{|(?:require\(|from\s+)["'](?:express|koa|fastify|hono|@hono/node-server|node:http|http|polka)["']`)

// nodeServes reports whether the start entry runs a server: a serve
// command, a committed file that serves HTTP, or a built file (dist/main.js)
// of a project with a server framework dependency.
func nodeServes(d *dir, p *Project) bool {
	if len(p.Node.Start) > 0 && slices.Contains(serveCommands, path.Base(p.Node.Start[0])) {
		return true
	}
	if !isServerFile(p.Entry) {
		return false
	}
	if code := d.read(p.Entry); code != nil {
		if loc := serverCodeRe.FindIndex(code); loc != nil {
			p.evidence(d.path(p.Entry), lineAt(code, loc[0]), "%s serves HTTP", p.Entry)
			return true
		}
		return false
	}
	if p.Framework != "none" {
		p.evidence(d.path("package.json"), 0, "%s is built and runs the %s server", p.Entry, p.Framework)
		return true
	}
	return false
}

// metaDefault is the entry of a framework server when no start script
// names one.
type metaDefault struct {
	file  string
	serve []string
}

// nodeMeta recognises frameworks that build a Node server of their own:
// Next.js, Nuxt (Nitro), Remix and React Router, SvelteKit with the node
// adapter, Astro with the node adapter. It sets the framework and returns
// true; nodeStart then uses the start script or the framework's entry.
func nodeMeta(d *dir, p *Project, pj *packageJSON, data []byte) bool {
	pkgFile := d.path("package.json")
	ev := func(dep, format string, args ...any) {
		p.evidence(pkgFile, lineOf(data, `"`+dep+`"`), format, args...)
	}
	switch {
	case pj.has("next"):
		p.Framework = "nextjs"
		ev("next", "depends on next")
	case pj.has("nuxt") && !strings.Contains(pj.Scripts["build"], "nuxt generate"):
		p.Framework = "nuxt"
		ev("nuxt", "Nuxt: nuxt build writes the server .output/server/index.mjs")
	case pj.has("@react-router/serve") || pj.has("@react-router/node"):
		p.Framework = "react-router"
		ev("@react-router/", "React Router framework server")
	case pj.has("@remix-run/serve") || pj.has("@remix-run/node"):
		p.Framework = "remix"
		ev("@remix-run/", "Remix server")
	case pj.has("@sveltejs/kit") && pj.has("@sveltejs/adapter-node"):
		if f, cfg, loc := configMentions(d, []string{"svelte.config.js", "svelte.config.mjs", "svelte.config.ts"}, "adapter-node"); f != "" {
			p.Framework = "sveltekit"
			p.evidence(d.path(f), lineAt(cfg, loc), "SvelteKit with adapter-node: node build/index.js")
		}
	case pj.has("astro") && pj.has("@astrojs/node"):
		if f, cfg, loc := configMentions(d, []string{"astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.mts"}, "@astrojs/node"); f != "" {
			p.Framework = "astro"
			p.evidence(d.path(f), lineAt(cfg, loc), "Astro with the node adapter: node dist/server/entry.mjs")
			p.Node.Env = append(p.Node.Env, "HOST=0.0.0.0")
			p.evidence(d.path(f), lineAt(cfg, loc), "HOST=0.0.0.0: the Astro node server listens on localhost otherwise")
		}
	}
	return p.Framework != "none"
}

// metaDefaults are the server entries frameworks build.
var metaDefaults = map[string]metaDefault{
	"nuxt":         {file: ".output/server/index.mjs"},
	"sveltekit":    {file: "build/index.js"},
	"astro":        {file: "dist/server/entry.mjs"},
	"remix":        {serve: []string{"remix-serve", "./build/index.js"}},
	"react-router": {serve: []string{"react-router-serve", "./build/server/index.js"}},
}

// configMentions finds needle in the first config file that has it.
func configMentions(d *dir, files []string, needle string) (string, []byte, int) {
	for _, f := range files {
		cfg := d.read(f)
		if i := strings.Index(string(cfg), needle); i >= 0 {
			return f, cfg, i
		}
	}
	return "", nil, 0
}

// portEnvRe is code reading the PORT environment variable.
var portEnvRe = lazy(`\benv(?:\.PORT\b|\[\s*["']PORT["']\s*\])`)

// nodePortEnv decides whether the app reads PORT: the frameworks' servers
// do; otherwise its code says so. The image then sets PORT to the exposed
// port, so the app listens where the image says.
func nodePortEnv(d *dir, p *Project) {
	switch p.Framework {
	case "nextjs", "nuxt", "remix", "react-router", "sveltekit", "astro":
		p.Node.PortEnv = true
		p.evidence(d.path("package.json"), 0, "the %s server reads PORT", p.Framework)
		return
	}
	if len(p.Node.Start) == 0 {
		return
	}
	files := kind.Node.CodeFiles(p.Entry, d.list)
	// Config modules (src/config/app.config.ts) read PORT too; the port
	// scan leaves *.config.* out for bundler configs' dev-server ports.
	for _, sub := range []string{"src/config", "config", "server", "src/server"} {
		for _, e := range d.list(sub) {
			if !e.IsDir() && hasExt(e.Name(), ".js", ".ts", ".mjs", ".cjs") {
				files = append(files, path.Join(sub, e.Name()))
			}
		}
	}
	for _, f := range files {
		code := d.read(f)
		if loc := portEnvRe.FindIndex(code); loc != nil {
			p.Node.PortEnv = true
			p.evidence(d.path(f), lineAt(code, loc[0]), "reads PORT")
			return
		}
	}
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
			p.Static = plan.StaticFacts{Root: root, NodeBuild: true, SPA: true}
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
			if w, _ := findNodeWorkspace(d); w == nil {
				d.warn("package.json", 0, "the lockfile %s is outside this directory: the generated build installs without it; generate from the directory holding it for a locked install", up)
			}
		}
	}
	if p.Tool == "" {
		p.Tool = "npm"
		p.evidence(pkgFile, 1, "no lockfile: npm install without a lock")
	} else if p.Node.Lockfile != "" {
		p.evidence(d.path(p.Node.Lockfile), 1, "lockfile %s: %s", p.Node.Lockfile, p.Tool)
	}
	if p.Node.ManagerVersion == "" {
		p.Node.ManagerVersion = lockManagerVersion(d, p)
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
	if rc := d.read(".yarnrc.yml"); strings.Contains(string(rc), "workspace-tools") {
		p.Node.YarnFocusPlugin = true
	}
	if p.Tool == "yarn-berry" && d.isDir(".yarn/plugins") {
		p.Node.YarnPlugins = true
		p.evidence(d.path(".yarn/plugins"), 0, ".yarn/plugins: copied with the manifests (.yarnrc.yml loads them)")
	}
	if v := pj.Engines["node"]; v != "" {
		p.Version = v
		p.evidence(pkgFile, lineOf(data, `"node"`), "engines.node %s", v)
	} else if v, file, line := versionFile(d, []string{".nvmrc", ".node-version"}, "nodejs", "node"); v != "" {
		if len(v) > 1 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9' {
			v = v[1:] // .nvmrc's "v16.18.0" is version 16.18.0
		}
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
func nodeStart(d *dir, p *Project, pj *packageJSON, data []byte, meta bool) {
	pkgFile := d.path("package.json")
	from := ""
	var c startCmd
	// Without a start script, a production script ("prod") is how the
	// package runs in production (a workspace member the root's scripts call).
	for _, script := range []string{"start:prod", "start:production", "start", "prod", "production"} {
		if c = scriptStart(d, pj, script, 0); c.file != "" && outsideApp(c.file) {
			d.warn("package.json", lineOf(data, `"`+script+`"`), "the %s script runs %s, which is outside the project directory; ignored", script, c.file)
			c = startCmd{}
			continue
		}
		if c.file != "" || c.serve != nil {
			from = script
			break
		}
	}
	if p.Framework == "nextjs" && c.file == "" {
		nextStart(d, p, data)
		return
	}
	switch {
	case c.serve != nil:
		p.Entry = strings.Join(c.serve, " ")
		p.Node.Start = []string{"node_modules/.bin/" + c.serve[0], c.serve[1]}
		p.evidence(pkgFile, lineOf(data, `"`+from+`"`), "%s script runs %s", from, p.Entry)
		return
	case c.file != "":
		p.Entry = c.file
		p.evidence(pkgFile, lineOf(data, `"`+from+`"`), "%s script runs node %s", from, strings.Join(append(append(slices.Clone(c.loaders), p.Entry), c.args...), " "))
		nodeBuildFor(d, p, pj, data, from)
	}
	if p.Entry == "" && pj.Main != "" && outsideApp(pj.Main) {
		d.warn("package.json", lineOf(data, `"main"`), "main %s is outside the project directory; ignored", pj.Main)
	} else if p.Entry == "" && hasExt(pj.Main, ".js", ".mjs", ".cjs") && d.exists(pj.Main) {
		p.Entry = strings.TrimPrefix(pj.Main, "./")
		p.fromMain = true
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
	if def, ok := metaDefaults[p.Framework]; ok && meta && p.Entry == "" {
		if def.serve != nil {
			p.Entry = strings.Join(def.serve, " ")
			p.Node.Start = []string{"node_modules/.bin/" + def.serve[0], def.serve[1]}
			p.evidence(pkgFile, 0, "%s server: %s", p.Framework, p.Entry)
			return
		}
		p.Entry = def.file
		p.evidence(pkgFile, 0, "%s server: node %s", p.Framework, p.Entry)
	}
	if p.Framework == "nuxt" && strings.HasPrefix(p.Entry, ".output/") {
		p.Node.Output = ".output"
		p.evidence(pkgFile, 0, ".output bundles the server's dependencies: the runtime holds only .output")
	}
	// Bun images carry no node or npm: bun runs the file or the script itself.
	if p.Entry != "" {
		p.Node.Start = append(append(append([]string{"node"}, c.loaders...), p.Entry), c.args...)
		if p.Tool == "bun" {
			// Bun runs TypeScript itself and takes no node loaders.
			p.Node.Start = append([]string{"bun", p.Entry}, c.args...)
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
		if tool := devServerTool(pj.Scripts["start"]); tool != "" {
			d.warn("package.json", lineOf(data, `"start"`), "the start script runs %s, a development tool (a devDependency, not installed in the runtime): pass the production start with --entry (the built file, e.g. --entry dist/main.js)", tool)
		}
	}
}

// nodeBuildFor picks the build that makes the start script's file: the
// build script of the same variant (build:prod for start:prod), else
// "build", else the start script's own pre-script (prestart:prod: tsc).
func nodeBuildFor(d *dir, p *Project, pj *packageJSON, data []byte, start string) {
	pkgFile := d.path("package.json")
	variant := strings.TrimPrefix(start, "start")
	for _, b := range []string{"build" + variant, "build", "pre" + start} {
		if b == "build" && pj.Scripts[b] != "" {
			return // nodeFacts already runs it
		}
		if _, ok := pj.Scripts[b]; ok && b != "build" {
			p.Node.HasBuild = true
			p.Node.BuildScript = b
			p.Build = p.Tool + " run " + b
			if p.Tool == "yarn-berry" {
				p.Build = "yarn run " + b
			}
			p.evidence(pkgFile, lineOf(data, `"`+b+`"`), "%s compiles what %s runs: the build stage runs it", b, start)
			return
		}
	}
}

// nextStart: Next.js runs its standalone server when next.config asks for
// one, else next start over the production dependencies.
func nextStart(d *dir, p *Project, data []byte) {
	pkgFile := d.path("package.json")
	p.Node.NextCache = true
	for _, f := range []string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs"} {
		cfg := d.read(f)
		loc := nextStandaloneRe.FindIndex(cfg)
		if loc == nil && nextOutputRe.Match(cfg) {
			// output: mode, with mode = process.env.BUILD_MODE ?? "standalone"
			loc = nextStandaloneLitRe.FindIndex(cfg)
		}
		if loc != nil {
			p.Node.Standalone = true
			p.Entry = ".next/standalone/server.js"
			p.Node.Start = []string{"node", "server.js"}
			p.Node.Env = append(p.Node.Env, "HOSTNAME=0.0.0.0")
			p.Node.Public = d.isDir("public")
			p.evidence(d.path(f), lineAt(cfg, loc[0]), "output: 'standalone': node server.js from .next/standalone, with .next/static and public/")
			return
		}
	}
	p.Entry = "next start"
	p.Node.Start = []string{"node_modules/.bin/next", "start"}
	p.evidence(pkgFile, lineOf(data, `"next"`), "Next.js: next start")
}

var (
	pnpmLockVersionRe = lazy(`(?m)^lockfileVersion:\s*['"]?([0-9.]+)`)
	yarnLockVersionRe = lazy(`(?m)^__metadata:\s*\n\s+version:\s*['"]?(\d+)`)
	yarnReleaseRe     = lazy(`^yarn-(\d+\.\d+\.\d+)\.c?js$`)
)

// PnpmLockfileVersion is a pnpm-lock.yaml's lockfileVersion and the pnpm
// major that writes it ("" when the format is written by several majors,
// as 9.0 by pnpm 9 and 10); "", "" when the file names none. Lint's DG812
// reads it too.
func PnpmLockfileVersion(lock []byte) (version, writer string) {
	m := pnpmLockVersionRe.FindSubmatch(lock)
	if m == nil {
		return "", ""
	}
	return string(m[1]), map[string]string{"5.3": "6", "5.4": "7", "6.0": "8", "6.1": "8"}[string(m[1])]
}

// lockManagerVersion is the package-manager major a lockfile was written
// by, when package.json pins none: pnpm 10 refuses a v6 lockfile and Yarn 4
// rewrites a Yarn 3 one (which --immutable forbids). "" when unknown.
func lockManagerVersion(d *dir, p *Project) string {
	switch p.Tool {
	case "pnpm":
		lv, v := PnpmLockfileVersion(d.read("pnpm-lock.yaml"))
		if v != "" {
			p.evidence(d.path("pnpm-lock.yaml"), 1, "lockfileVersion %s: written by pnpm %s", lv, v)
		}
		return v
	case "yarn-berry":
		for _, e := range d.list(".yarn/releases") {
			if m := yarnReleaseRe.FindStringSubmatch(e.Name()); m != nil {
				p.evidence(d.path(".yarn/releases/"+e.Name()), 0, "Yarn %s (the committed release)", m[1])
				return m[1]
			}
		}
		m := yarnLockVersionRe.FindSubmatch(d.read("yarn.lock"))
		if m == nil {
			return ""
		}
		v := map[string]string{"4": "2", "6": "3", "8": "4"}[string(m[1])]
		if v != "" {
			p.evidence(d.path("yarn.lock"), 1, "yarn.lock metadata version %s: written by Yarn %s", m[1], v)
		}
		return v
	}
	return ""
}

// devTools are commands that serve or run sources in development; a start
// script that runs one is not a production start.
var devTools = []string{"nodemon", "ts-node", "ts-node-dev", "tsx", "nest", "nx", "vite", "webpack-dev-server", "react-scripts", "vue-cli-service", "ng", "next", "nuxt", "remix", "astro", "gatsby", "parcel", "concurrently"}

// devServerTool is the development tool a script's last step runs ("nest
// start", "nx serve api"), "" when it runs none ("next start" is production).
func devServerTool(cmd string) string {
	steps := shellStepRe.Split(cmd, -1)
	words := strings.Fields(steps[len(steps)-1])
	for len(words) > 0 && (slices.Contains(envPrefixes, words[0]) || strings.Contains(words[0], "=") || words[0] == "npx") {
		words = words[1:]
	}
	if len(words) == 0 || !slices.Contains(devTools, words[0]) {
		return ""
	}
	if len(words) > 1 && words[1] == "start" && slices.Contains([]string{"next", "nuxt", "astro", "remix"}, words[0]) {
		return "" // their production servers
	}
	return strings.Join(words[:min(2, len(words))], " ")
}

// fastifyListenRe is a listen call with an options object or a bare port.
var fastifyListenRe = lazy(`\.listen\(\s*(\{[^}]{0,200}\}|[A-Za-z0-9_.]+\s*\))`)

// fastifyLoopback warns when a Fastify server listens without a host:
// Fastify then binds localhost only, which nothing outside the container
// reaches (NestJS on the Fastify adapter likewise).
func fastifyLoopback(d *dir, p *Project) {
	for _, f := range kind.Node.CodeFiles(p.Entry, d.list) {
		code := d.read(f)
		for _, m := range fastifyListenRe.FindAllSubmatchIndex(code, -1) {
			call := string(code[m[2]:m[3]])
			if strings.Contains(call, "host") || strings.Contains(call, "0.0.0.0") || strings.Contains(call, "::") {
				return
			}
			d.warn(f, lineAt(code, m[0]), "Fastify listens on localhost when listen() has no host: nothing outside the container reaches it; pass host: '0.0.0.0' (or '::')")
			p.Node.Loopback = d.path(f) + ":" + strconv.Itoa(lineAt(code, m[0]))
			return
		}
	}
}

// outsideApp reports whether a path taken from package.json leaves the app
// directory ("../../outside/x.js", "a/../../x.js", "/abs"): the build context
// is the app directory, so such a file is not in the image.
func outsideApp(p string) bool {
	if path.IsAbs(p) || strings.HasPrefix(p, "\\") {
		return true
	}
	c := path.Clean(strings.ReplaceAll(p, "\\", "/"))
	return c == ".." || strings.HasPrefix(c, "../")
}

// workspaceToolRe is a start script that runs the workspace's packages, not
// an app at the root.
var workspaceToolRe = lazy(`\b(turbo|nx|lerna|concurrently|npm-run-all|run-p|run-s)\b|--filter|--workspace|\s-w\s|\s-r\b|--recursive|workspaces? `)

// memberRunRe is a script that runs one workspace package's script:
// pnpm --filter NAME run X, pnpm -F NAME X, npm run X -w NAME (or
// --workspace=NAME), yarn workspace NAME X.
var memberRunRe = lazy(`^(?:pnpm\s+(?:--filter|-F)[=\s]\s*(\S+)\s|npm\s+(?:run(?:-script)?\s+)?\S+\s+(?:-w|--workspace)[=\s]\s*(\S+)\s*$|yarn\s+workspace\s+(\S+)\s)`)

// delegatedStart is the workspace package a root's production start runs
// (its start, start:prod or prod script is one package's script), with the
// script's name; "" when the root starts no single package.
func delegatedStart(pj *packageJSON) (script, member string) {
	for _, script := range []string{"start:prod", "start:production", "start", "prod", "production"} {
		cmd := strings.TrimSpace(pj.Scripts[script])
		if cmd == "" || shellStepRe.MatchString(cmd) {
			continue
		}
		if m := memberRunRe.FindStringSubmatch(cmd + " "); m != nil {
			for _, g := range m[1:] {
				if g = strings.Trim(g, `'"`); g != "" && (safeNameRe.MatchString(g) || safeDirRe.MatchString(g)) {
					return script, g
				}
			}
		}
		return "", "" // the first production script decides
	}
	return "", ""
}

// startsOwnApp reports whether the start script runs an app of the root's
// own rather than the workspace's packages.
func startsOwnApp(pj *packageJSON) bool {
	s := pj.Scripts["start"]
	return s != "" && !workspaceToolRe.MatchString(s)
}

// refuseHostAdapter: a SvelteKit app taken for a site whose adapter builds
// for a hosting platform is refused, naming the adapter and the switch:
// built as a plain Vite site, its output would not exist.
func refuseHostAdapter(d *dir, p *Project, pj *packageJSON) {
	if adapter := svelteHostAdapter(pj); adapter != "" {
		p.rootErr = fmt.Sprintf("%s: SvelteKit with %s builds for that platform's servers, neither a Node server nor static files an image can serve; switch svelte.config.js to @sveltejs/adapter-node (a server) or @sveltejs/adapter-static (a site), then run dockgen again", d.path("package.json"), adapter)
	}
}

var svelteAdapterRe = lazy(`^@sveltejs/adapter-[a-z0-9-]{1,40}$`)

// svelteHostAdapter is the SvelteKit adapter package of a hosting platform
// (adapter-auto, -vercel, -netlify, -cloudflare ...) when the project uses
// no adapter that builds for a container (node, static); "" otherwise.
func svelteHostAdapter(pj *packageJSON) string {
	if !pj.has("@sveltejs/kit") || pj.has("@sveltejs/adapter-node") || pj.has("@sveltejs/adapter-static") {
		return ""
	}
	var found []string
	for _, deps := range []map[string]string{pj.Dependencies, pj.DevDependencies} {
		for name := range deps {
			if svelteAdapterRe.MatchString(name) { // a name that is safe to print
				found = append(found, name)
			}
		}
	}
	if len(found) == 0 {
		return ""
	}
	slices.Sort(found)
	return found[0]
}

// nodeEnvExample: dotenv-safe (and dotenv-extended's schema) read the
// project's placeholder env file at start and stop without it, so it stays
// in the build context; it holds names and sample values, no secrets.
func nodeEnvExample(d *dir, p *Project, pj *packageJSON) {
	if !pj.has("dotenv-safe") && !pj.has("dotenv-extended") {
		return
	}
	for _, f := range []string{".env.example", ".env.sample", ".env.schema"} {
		if d.exists(f) {
			p.Node.EnvExample = f
			p.evidence(d.path(f), 0, "read at start by dotenv-safe/dotenv-extended: kept in the build context")
			return
		}
	}
}
