package detect

import (
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
)

var (
	siteGeneratorDetector = detector{kind: kind.Static, detect: detectSiteGenerator, buildRoot: staticBuildRoot}
	staticDetector        = detector{kind: kind.Static, detect: detectStatic}
)

// newSite is a static site of framework served from root, built by nothing.
func newSite(framework, root string) *Project {
	return &Project{Lang: kind.Static.Name, Tool: "none", Framework: framework, Entry: root}
}

// asSite turns a Node project into the static site its build writes.
func asSite(p *Project) { p.Lang = kind.Static.Name }

// staticBuildRoot: a site built by Node in a workspace builds from its root.
func staticBuildRoot(d *dir, p *Project) {
	if p.Static.NodeBuild {
		nodeWorkspace(d, p)
	}
}

// staticRoots are the folders checked for index.html, in order.
var staticRoots = []string{".", "public", "docs", "site", "www", "html"}

func detectStatic(d *dir) (*Project, bool) {
	// A SPA built by Node (also reached when --lang static is given).
	if p, ok := detectNode(d); ok && p.Lang == kind.Static.Name {
		return p, true
	}
	if p, ok := detectSiteGenerator(d); ok {
		return p, true
	}
	if root, index := siteDir(d, staticRoots); root != "" {
		p := newSite("none", root)
		p.Static = plan.StaticFacts{Root: root, KeepDocs: docsAreContent(d, root)}
		p.evidence(d.path(index), 1, "static site: %s", index)
		return p, true
	}
	return nil, false
}

// siteDir returns the first of roots holding an index.html, and that file.
func siteDir(d *dir, roots []string) (string, string) {
	for _, r := range roots {
		index := "index.html"
		if r != "." {
			index = r + "/index.html"
		}
		if d.exists(index) {
			return r, index
		}
	}
	return "", ""
}

// docsReaderRe: a page that renders Markdown files in the browser (docsify,
// ditto, a config naming README.md as the home page) serves README.md.
var docsReaderRe = lazy(`(?i)docsify|README\.md`)

// docsAreContent reports whether the served folder's own pages read
// README.md and the like, so the build context must keep them.
func docsAreContent(d *dir, root string) bool {
	for _, e := range d.list(root) {
		n := e.Name()
		if !e.IsDir() && (n == "index.html" || path.Ext(n) == ".js") && docsReaderRe.Match(d.read(path.Join(root, n))) {
			return true
		}
	}
	return false
}

// --- Sites built by Node -------------------------------------------------

// runScriptRe is a step that runs another package.json script.
var runScriptRe = lazy(`(?:^|&&|\|\||;)\s*(?:npm run(?:-script)?|pnpm(?: run)?|yarn(?: run)?|bun run)\s+([A-Za-z0-9:_.-]+)`)

// scriptText is a script with the scripts it runs appended (three deep), so
// a build that delegates ("npm run _hugo -- --minify") shows what it runs.
func scriptText(pj *packageJSON, name string, depth int) string {
	cmd := pj.Scripts[name]
	out := cmd
	if depth > 3 {
		return out
	}
	// Bounded: a package.json is untrusted, and scripts running scripts fan out.
	for _, m := range runScriptRe.get().FindAllStringSubmatch(cmd, 8) {
		if m[1] != name && pj.Scripts[m[1]] != "" && len(out) < maxScriptText {
			out += " && " + scriptText(pj, m[1], depth+1)
		}
	}
	return out
}

const maxScriptText = 16 << 10

// serverDeps are dependencies that make a package a server even when a
// bundler builds its client (or a framework renders on the server).
var serverDeps = []string{
	"express", "koa", "fastify", "@hapi/hapi", "hapi", "@nestjs/core", "hono", "polka", "restify",
	"next", "@remix-run/serve", "@remix-run/node", "@react-router/serve", "@react-router/node",
	"@sveltejs/adapter-node", "@astrojs/node", "socket.io", "ws",
}

// siteTool is a Node tool whose build writes a static site.
type siteTool struct {
	framework string
	deps      []string
	cmd       *lazyRE // the tool's build command in the build script
	spa       bool    // unknown routes fall back to index.html
	vite      bool    // reads the mode's .env files at build time
	site      func(d *dir) bool
	out       func(d *dir, script string, pkg []byte) outDir
	// fallback, when set, names the page the config makes unknown routes
	// get ("" when it makes none): a SPA only then.
	fallback func(d *dir) string
}

// siteTools, most specific first: a framework beats the bundler it uses.
var siteTools = []siteTool{
	{framework: "gatsby", deps: []string{"gatsby"}, cmd: lazy(`\bgatsby build\b`), out: gatsbyOut},
	{framework: "astro", deps: []string{"astro"}, cmd: lazy(`\bastro build\b`), vite: true, site: astroStatic,
		out: func(d *dir, _ string, _ []byte) outDir {
			return jsConfigOut(d, "astro.config", "outDir", "dist", "base")
		}},
	{framework: "docusaurus", deps: []string{"@docusaurus/core"}, cmd: lazy(`\bdocusaurus build\b`), out: docusaurusOut},
	{framework: "vitepress", deps: []string{"vitepress"}, cmd: lazy(`\bvitepress build\b`), vite: true, out: vitepressOut},
	{framework: "eleventy", deps: []string{"@11ty/eleventy"}, cmd: lazy(`\beleventy\b|@11ty/eleventy`), out: eleventyOut},
	{framework: "sveltekit", deps: []string{"@sveltejs/adapter-static"}, vite: true, site: svelteStatic, out: svelteOut, fallback: svelteFallback},
	{framework: "nextjs", deps: []string{"next"}, cmd: lazy(`\bnext build\b`), site: nextExport,
		out: func(*dir, string, []byte) outDir { return outDir{dir: "out"} }},
	{framework: "nuxt", cmd: lazy(`\bnuxi? generate\b`), vite: true,
		out: func(*dir, string, []byte) outDir { return outDir{dir: ".output/public"} }},
	{framework: "angular", deps: []string{"@angular/cli", "@angular/build"}, cmd: lazy(`\bng build\b`), spa: true,
		site: func(d *dir) bool { return d.exists("angular.json") },
		out:  func(d *dir, script string, _ []byte) outDir { return angularOutDir(d, script) }},
	{framework: "vue-cli", deps: []string{"@vue/cli-service"}, cmd: lazy(`\bvue-cli-service build\b`), spa: true, vite: true,
		out: func(d *dir, script string, _ []byte) outDir { return vueCLIOutDir(d, script) }},
	{framework: "cra", deps: []string{"react-scripts"}, cmd: lazy(`\b(?:react-scripts|craco|react-app-rewired) build\b`), spa: true, vite: true,
		out: func(d *dir, _ string, pkg []byte) outDir { return craOutDir(d, pkg) }},
	{framework: "vite", deps: []string{"vite"}, cmd: lazy(`\bvite build\b`), spa: true, vite: true, site: viteSite,
		out: func(d *dir, script string, _ []byte) outDir { return viteOutDir(d, script) }},
	{framework: "parcel", deps: []string{"parcel", "parcel-bundler"}, cmd: lazy(`\bparcel build\b`), site: parcelSite, out: parcelOut},
	{framework: "webpack", cmd: lazy(`\bwebpack\b`), spa: true,
		site: func(d *dir) bool { return true },
		out:  func(d *dir, script string, _ []byte) outDir { return webpackOutDir(d, script) }},
}

// nodeStaticSite recognises a package.json whose build writes a static site
// (a site generator or a browser bundler) and that runs no server: the site
// is built in a Node stage and served by nginx from the directory the
// tool's config names.
func nodeStaticSite(d *dir, p *Project, pj *packageJSON, pkg []byte) (*Project, bool) {
	build := scriptText(pj, "build", 0)
	if build == "" {
		return nil, false
	}
	for _, dep := range serverDeps {
		if pj.has(dep) && !(dep == "next" && nextExport(d)) {
			return nil, false
		}
	}
	if f := scriptStart(d, pj, "start", 0).file; isServerFile(f) {
		return nil, false // the start script runs a server file
	}
	for _, t := range siteTools {
		dep := ""
		for _, name := range t.deps {
			if pj.has(name) {
				dep = name
				break
			}
		}
		// The build must run the tool: a plugin or theme package depends on
		// gatsby or vite but builds itself with babel or tsc.
		runs := t.cmd != nil && t.cmd.MatchString(build)
		if (dep == "" && !runs) || (t.cmd != nil && !runs) {
			continue
		}
		if t.framework == "webpack" && (!runs || !pj.has("html-webpack-plugin")) {
			continue // webpack without an HTML page is a library or a server bundle
		}
		if t.site != nil && !t.site(d) {
			continue
		}
		out := t.out(d, build, pkg)
		asSite(p)
		p.Framework = t.framework
		p.Entry = out.dir
		p.Static = plan.StaticFacts{Root: out.dir, NodeBuild: true, SPA: t.spa, BasePath: out.base, OutDirFrom: out.unreadable}
		if t.fallback != nil {
			if page := t.fallback(d); page != "" {
				p.Static.SPA, p.Static.Fallback = true, page
			}
		}
		pkgFile := d.path("package.json")
		if dep != "" {
			p.evidence(pkgFile, lineOf(pkg, `"`+dep+`"`), "%s builds a static site; no server in package.json", dep)
		} else {
			p.evidence(pkgFile, lineOf(pkg, `"build"`), "the build script runs %s: a static site; no server in package.json", t.framework)
		}
		switch {
		case out.unreadable != "":
			p.Entry = ""
			d.warn(out.unreadable, out.line, "dockgen cannot tell from here which directory the build writes the site to (a computed value, a custom builder or one folder per locale); pass --entry with that directory (relative to %s)", d.path("."))
		case out.file != "":
			p.evidence(d.path(out.file), out.line, "the build writes %s/", out.dir)
		default:
			p.evidence(pkgFile, lineOf(pkg, `"build"`), "%s writes %s/ (its default)", t.framework, out.dir)
		}
		if out.base != "" {
			p.evidence(d.path(firstNonEmpty(out.file, "package.json")), out.line, "built for the URL path %s", out.base)
		}
		if t.vite {
			mode := flagValue(build, "--mode", "")
			if mode == "" {
				mode = "production"
			}
			// .dockerignore keeps .env files out as possible secrets; the
			// user decides whether this one is public build configuration.
			if f := ".env." + mode; envFileRe.MatchString(f) && d.exists(f) {
				d.warn(f, 0, "the %s build reads %s (VITE_/VUE_APP_/REACT_APP_ settings baked into the site), but .dockerignore keeps .env files out of the build context as possible secrets: if it holds only public settings, add !%s to .dockerignore", mode, f, f)
			}
		}
		return p, true
	}
	return nil, false
}

var envFileRe = regexp.MustCompile(`^\.env\.[A-Za-z0-9_-]+$`)

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// jsConfigOut reads an output-dir key (relative to the project) and a base
// key from the first stem.{ts,js,...} config.
func jsConfigOut(d *dir, stem, key, def, baseKey string) outDir {
	file, data := firstFile(d, configNames(stem)...)
	if data == nil {
		return outDir{dir: def}
	}
	out := configOut(file, data, key, ".", def)
	if baseKey != "" && out.unreadable == "" {
		out.base = baseOf(d, file, data, baseKey)
	}
	return out
}

// astroAdapterRe: an adapter or server output makes Astro a server.
var astroAdapterRe = lazy(`\badapter\s*:|output\s*:\s*["'](?:server|hybrid)["']`)

func astroStatic(d *dir) bool {
	_, data := firstFile(d, configNames("astro.config")...)
	return !astroAdapterRe.Match(data)
}

func docusaurusOut(d *dir, script string, _ []byte) outDir {
	out := jsConfigOut(d, "docusaurus.config", "outDir", "build", "baseUrl")
	out.dir, out.file, out.unreadable = "build", "", "" // outDir is not a config key: the CLI's --out-dir is
	if v := flagValue(script, "--out-dir", ""); v != "" {
		if dir, ok := cleanRel(".", v); ok {
			out.dir, out.file = dir, "package.json"
		}
	}
	return out
}

// vitepressOut: `vitepress build [dir]` builds dir (default .); outDir in
// dir/.vitepress/config is relative to dir, default .vitepress/dist.
func vitepressOut(d *dir, script string, _ []byte) outDir {
	src := "."
	if i := strings.Index(script, "vitepress build"); i >= 0 {
		if words := strings.Fields(script[i+len("vitepress build"):]); len(words) > 0 && !strings.HasPrefix(words[0], "-") && !strings.ContainsAny(words[0], "&|;") {
			if r, ok := cleanRel(".", words[0]); ok {
				src = r
			}
		}
	}
	def := path.Join(src, ".vitepress/dist")
	file, data := firstFile(d, configNames(path.Join(src, ".vitepress/config"))...)
	if data == nil {
		return outDir{dir: def}
	}
	out := configOut(file, data, "outDir", src, def)
	if v, anchored, _, found, literal := keyValues(data, "outDir"); found && literal && anchored {
		out.dir, _ = cleanRel(path.Dir(file), v)
	}
	if out.unreadable == "" {
		out.base = baseOf(d, file, data, "base")
	}
	return out
}

func eleventyOut(d *dir, script string, _ []byte) outDir {
	out := outDir{dir: "_site"}
	file, data := firstFile(d, ".eleventy.js", ".eleventy.cjs", "eleventy.config.js", "eleventy.config.cjs", "eleventy.config.mjs", "eleventy.config.ts")
	if data != nil {
		out = configOut(file, data, "output", ".", "_site")
		if out.unreadable == "" {
			out.base = baseOf(d, file, data, "pathPrefix")
		}
	}
	// The build script's flags win over the config.
	if v := flagValue(script, "--output", ""); v != "" {
		if dir, ok := cleanRel(".", v); ok {
			out = outDir{dir: dir, base: out.base, file: "package.json"}
		}
	}
	if v := flagValue(script, "--pathprefix", ""); v != "" {
		out.base = basePath(v)
	}
	return out
}

// gatsbyOut: public/, under gatsby-config's pathPrefix when the build uses
// --prefix-paths.
func gatsbyOut(d *dir, script string, _ []byte) outDir {
	out := outDir{dir: "public"}
	if strings.Contains(script, "--prefix-paths") {
		if file, data := firstFile(d, configNames("gatsby-config")...); data != nil {
			out.base = baseOf(d, file, data, "pathPrefix")
		}
	}
	return out
}

var svelteStaticRe = lazy(`@sveltejs/adapter-static`)

func svelteStatic(d *dir) bool {
	_, data := firstFile(d, "svelte.config.js", "svelte.config.mjs", "svelte.config.ts")
	return svelteStaticRe.Match(data)
}

// svelteFallback: adapter-static with a fallback page is a SPA.
func svelteFallback(d *dir) string {
	_, data := firstFile(d, "svelte.config.js", "svelte.config.mjs", "svelte.config.ts")
	if v, _, _, found, literal := keyValues(data, "fallback"); found && literal && pageRe.MatchString(v) {
		return v
	}
	return ""
}

var pageRe = regexp.MustCompile(`^[A-Za-z0-9_-]+\.html$`)

// nextExportRe: output: 'export' makes next build write a static site to out/.
var nextExportRe = lazy(`output\s*:\s*["']export["']`)

func nextExport(d *dir) bool {
	_, data := firstFile(d, "next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs")
	return nextExportRe.Match(data)
}

func svelteOut(d *dir, _ string, _ []byte) outDir {
	return jsConfigOut(d, "svelte.config", "pages", "build", "base")
}

// viteSite: a Vite app has an index.html page (at its root); a Vite library
// build has none.
// parcelSite: Parcel builds a site when its entry is an HTML page, named
// on the build command line or by package.json "source" (a string or a
// list); a JavaScript entry is a library or a server bundle.
func parcelSite(d *dir) bool {
	var pj struct {
		Source  json.RawMessage   `json:"source"`
		Scripts map[string]string `json:"scripts"`
	}
	if json.Unmarshal(d.read("package.json"), &pj) != nil {
		return false
	}
	for _, w := range strings.Fields(pj.Scripts["build"]) {
		if strings.HasSuffix(strings.Trim(w, `"'`), ".html") {
			return true
		}
	}
	var one string
	var many []string
	if json.Unmarshal(pj.Source, &one) == nil {
		many = []string{one}
	} else if json.Unmarshal(pj.Source, &many) != nil {
		return false
	}
	return len(many) > 0 && slices.ContainsFunc(many, func(s string) bool { return strings.HasSuffix(s, ".html") })
}

// parcelOut is --dist-dir (Parcel 2) or --out-dir/-d (Parcel 1) of the
// build command, else package.json targets.default.distDir, else dist;
// --public-url is the URL path it builds for.
func parcelOut(d *dir, script string, pkg []byte) outDir {
	out := outDir{dir: "dist"}
	var script1 string
	for _, seg := range strings.Split(script, "&&") {
		if strings.Contains(seg, "parcel build") {
			script1 = seg
			break
		}
	}
	// Parcel 2's package.json targets.default.distDir, under the flag.
	var pj struct {
		Targets map[string]struct {
			DistDir string `json:"distDir"`
		} `json:"targets"`
	}
	if json.Unmarshal(pkg, &pj) == nil && pj.Targets["default"].DistDir != "" {
		dir, ok := cleanRel(".", pj.Targets["default"].DistDir)
		if !ok {
			return outDir{unreadable: "package.json", line: lineOf(pkg, `"distDir"`)}
		}
		out = outDir{dir: dir, file: "package.json", line: lineOf(pkg, `"distDir"`)}
	}
	if v := firstNonEmpty(flagValue(script1, "--dist-dir", ""), flagValue(script1, "--out-dir", "-d")); v != "" {
		dir, ok := cleanRel(".", v)
		if !ok {
			return outDir{unreadable: "package.json", line: lineOf(pkg, `"build"`)}
		}
		out = outDir{dir: dir, file: "package.json", line: lineOf(pkg, `"build"`)}
	}
	if v := flagValue(script1, "--public-url", ""); v != "" {
		out.base = basePath(v)
	}
	return out
}

func viteSite(d *dir) bool {
	if d.exists("index.html") {
		return true
	}
	_, data := firstFile(d, configNames("vite.config")...)
	_, _, _, found, _ := keyValues(data, "root")
	return found
}

// --- Sites built by Hugo, Jekyll and MkDocs ------------------------------

var (
	hugoConfigRe  = lazy(`(?mi)^\s*"?baseURL"?\s*[=:]`)
	jekyllGemRe   = lazy(`(?m)^\s*gem\s+["'](?:jekyll|github-pages)["']`)
	hugoVersionRe = lazy(`HUGO_VERSION\s*[=:]\s*["']?v?([0-9]+\.[0-9]+\.[0-9]+)`)
	hugoMinRe     = lazy(`(?m)^\s*"?min"?\s*[=:]\s*["']?v?([0-9]+\.[0-9]+(?:\.[0-9]+)?)`)
	hugoWordRe    = lazy(`(?:^|[\s;&|(])hugo(?:$|[\s;&|)])`)
	publishDirRe  = lazy(`(?mi)^\s*"?publishDir"?\s*[=:]\s*["']?([A-Za-z0-9._/-]+)`)
	goFileRe      = lazy(`\.go$`)
)

// hugoConfigs are where a Hugo site's configuration lives: a root file, or
// a config directory.
var hugoConfigs = []string{
	"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json",
	"config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/hugo.yml", "config/_default/hugo.json",
	"config/_default/config.toml", "config/_default/config.yaml", "config/_default/config.yml", "config/_default/config.json",
}

// detectSiteGenerator recognises Hugo, Jekyll and MkDocs sources: their
// output directory (public/, _site/, site/) is built, not committed, so the
// image builds it with the generator first.
func detectSiteGenerator(d *dir) (*Project, bool) {
	// A theme's own config (themes/x/hugo.toml) and a Hugo config directory
	// (config/_default) are parts of a site, not sites.
	for _, seg := range strings.Split(d.rel, "/") {
		if seg == "themes" {
			return nil, false
		}
	}
	if path.Base(path.Dir(d.rel)) == "config" {
		return nil, false
	}
	if p, ok := detectHugo(d); ok {
		return p, true
	}
	if p, ok := detectJekyll(d); ok {
		return p, true
	}
	return detectMkDocs(d)
}

func detectHugo(d *dir) (*Project, bool) {
	var cfg string
	var data []byte
	for _, f := range hugoConfigs {
		if data = d.read(f); data == nil {
			continue
		}
		// config.* is a common name: it is Hugo's only with a baseURL and a
		// content/, layouts/ or themes/ dir; hugo.* and config/_default are Hugo's.
		if strings.HasPrefix(f, "config.") && (!hugoConfigRe.Match(data) || !(d.isDir("content") || d.isDir("layouts") || d.isDir("themes"))) {
			continue
		}
		cfg = f
		break
	}
	if cfg == "" {
		return nil, false
	}
	// go.mod beside a Hugo config is a Hugo Modules manifest unless there is
	// Go code: then the Go program wins.
	modules := d.exists("go.mod")
	if modules {
		for _, e := range d.list(".") {
			if !e.IsDir() && goFileRe.MatchString(e.Name()) {
				return nil, false
			}
		}
	}
	p := newSite("hugo", "public")
	p.Static = plan.StaticFacts{Generator: "hugo", Root: "public", Modules: modules, GeneratorVersion: kind.DefaultHugoVersion}
	p.evidence(d.path(cfg), max(1, lineOf(data, "baseURL")), "Hugo site config %s", cfg)
	if modules {
		p.evidence(d.path("go.mod"), 1, "go.mod without Go code: Hugo Modules, fetched with Go and git at build time")
	}
	// The Hugo release: netlify.toml's or a CI workflow's HUGO_VERSION
	// (or actions-hugo's hugo-version), else at least the config's
	// module.hugoVersion.min.
	if v, file, line := hugoPinned(d); v != "" {
		p.Static.GeneratorVersion = v
		p.evidence(d.path(file), line, "Hugo %s", v)
		if semver.Compare("v"+v, "v"+oldestHugoImage) < 0 {
			d.warn(file, line, "Hugo %s is old: check that ghcr.io/gohugoio/hugo publishes a v%s tag (the official image exists for recent releases only), or pass --build-arg HUGO_VERSION=<a newer release>", v, v)
		}
	} else if i := strings.Index(string(data), "hugoVersion"); i >= 0 {
		if v := hugoMinRe.FindSubmatch(data[i:]); v != nil {
			min := string(v[1])
			if strings.Count(min, ".") == 1 {
				min += ".0"
			}
			if semver.Compare("v"+min, "v"+kind.DefaultHugoVersion) > 0 {
				p.Static.GeneratorVersion = min
			}
			p.evidence(d.path(cfg), lineOf(data, "hugoVersion"), "Hugo %s or newer", v[1])
		}
	}
	if m := publishDirRe.FindSubmatch(data); m != nil {
		if r, ok := cleanRel(".", string(m[1])); ok {
			p.Static.Root = r
			p.evidence(d.path(cfg), lineOf(data, "publishDir"), "publishDir %s", r)
		}
	}
	p.Build = "hugo --gc --minify"
	// package.json beside it: CSS tooling (PostCSS for the theme) installed
	// first, and the project's own build script when it runs hugo.
	if pj, pkg := readPackageJSON(d); pj != nil {
		p.Static.NodeTooling = len(pj.Dependencies)+len(pj.DevDependencies) > 0
		for _, s := range []string{"build:production", "build:prod", "build"} {
			if text := scriptText(pj, s, 0); hugoWordRe.MatchString(text) {
				p.Static.Script = s
				p.Build = "npm run " + s
				if v := flagValue(text, "--destination", "-d"); v != "" {
					if r, ok := cleanRel(".", v); ok {
						p.Static.Root = r
					}
				}
				p.evidence(d.path("package.json"), lineOf(pkg, `"`+s+`"`), "the %s script runs hugo", s)
				break
			}
		}
		if p.Static.NodeTooling || p.Static.Script != "" {
			np := &Project{}
			nodeFacts(d, np, pj, pkg)
			p.Tool, p.Version, p.Node = np.Tool, np.Version, np.Node
			p.Evidence = append(p.Evidence, np.Evidence...)
			// An install script that runs hugo (hugo mod npm pack) needs the
			// site config and the module files before the install.
			for _, s := range []string{"preinstall", "install", "postinstall", "prepare"} {
				if p.Static.NodeTooling && hugoWordRe.MatchString(scriptText(pj, s, 0)) {
					for _, f := range []string{cfg, "go.mod", "go.sum"} {
						if !strings.Contains(f, "/") && d.exists(f) {
							p.Node.Manifests = append(p.Node.Manifests, f)
						}
					}
					p.Static.InstallRunsHugo = true
					p.evidence(d.path("package.json"), lineOf(pkg, `"`+s+`"`), "the %s script runs hugo: the site config and module files are copied before the install", s)
					break
				}
			}
		}
	}
	p.Entry = p.Static.Root
	p.evidence(d.path(cfg), 1, "built into %s/", p.Static.Root)
	return p, true
}

// oldestHugoImage is the release from which the official Hugo image is
// published (it first appeared in the autumn of 2024).
const oldestHugoImage = "0.136.0"

var hugoActionRe = lazy(`hugo-version\s*:\s*["']?v?([0-9]+\.[0-9]+\.[0-9]+)`)

// hugoPinned reads the Hugo release a site's deploy pins: netlify.toml,
// then the GitHub workflows (bounded: the first ten); the file is relative
// to d.
func hugoPinned(d *dir) (string, string, int) {
	if data := d.read("netlify.toml"); data != nil {
		if m := hugoVersionRe.FindSubmatch(data); m != nil {
			return string(m[1]), "netlify.toml", lineOf(data, "HUGO_VERSION")
		}
	}
	n := 0
	for _, e := range d.list(".github/workflows") {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".yml") || strings.HasSuffix(e.Name(), ".yaml")) {
			continue
		}
		if n++; n > 10 {
			break
		}
		f := ".github/workflows/" + e.Name()
		data := d.read(f)
		for _, re := range []*lazyRE{hugoVersionRe, hugoActionRe} {
			if loc := re.get().FindSubmatchIndex(data); loc != nil {
				return string(data[loc[2]:loc[3]]), f, lineAt(data, loc[0])
			}
		}
	}
	return "", "", 0
}

var (
	jekyllDestRe   = lazy(`(?m)^destination\s*:\s*["']?([A-Za-z0-9._/-]+)`)
	jekyllPluginRe = lazy(`(?m)^(?:plugins|gems)\s*:\s*\n((?:\s*-\s*[A-Za-z0-9_.-]+\s*\n?)+)`)
	gemNameRe      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	gemspecRe      = lazy(`(?m)^\s*gemspec\b`)
	rubyVersionRe  = lazy(`(?m)^\s*ruby\s+["']([0-9]+\.[0-9]+(?:\.[0-9]+)?)["']`)
)

func detectJekyll(d *dir) (*Project, bool) {
	cfg := d.read("_config.yml")
	if cfg == nil {
		return nil, false
	}
	gems := d.read("Gemfile")
	if !jekyllGemRe.Match(gems) && !d.isDir("_posts") && !d.isDir("_layouts") {
		return nil, false
	}
	p := newSite("jekyll", "_site")
	p.Static = plan.StaticFacts{Generator: "jekyll", Root: "_site", KeepDocs: true}
	if gems != nil {
		// Bundler whenever there is a Gemfile: it names Jekyll, its plugins
		// (or the gemspec that does).
		line := max(lineOf(gems, "jekyll"), lineOf(gems, "github-pages"), 1)
		p.Static.Gemfile = true
		p.Static.GemLock = d.exists("Gemfile.lock")
		if gemspecRe.Match(gems) {
			for _, e := range d.list(".") {
				if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".gemspec") && gemNameRe.MatchString(n) && len(p.Static.Gemspecs) < 8 {
					p.Static.Gemspecs = append(p.Static.Gemspecs, n)
				}
			}
			if len(p.Static.Gemspecs) > 0 {
				p.evidence(d.path("Gemfile"), lineOf(gems, "gemspec"), "the Gemfile loads %s", strings.Join(p.Static.Gemspecs, ", "))
			}
		}
		p.Build = "bundle exec jekyll build"
		p.evidence(d.path("Gemfile"), line, "Gemfile: Jekyll installed with Bundler")
		// Bundler installs only what the Gemfile names (a gemspec names
		// more, unread here): a plugin only _config.yml lists fails to load.
		for _, pl := range jekyllPlugins(cfg) {
			if len(p.Static.Gemspecs) == 0 && !regexp.MustCompile(`["']`+regexp.QuoteMeta(pl)+`["']`).Match(gems) && !strings.Contains(string(gems), "github-pages") {
				d.warn("_config.yml", lineOf(cfg, pl), "_config.yml loads the plugin %s, which the Gemfile does not list: bundle exec jekyll build cannot load it; add it to the Gemfile (group :jekyll_plugins)", pl)
			}
		}
	} else {
		p.Build = "jekyll build"
		p.Static.Packages = append([]string{"jekyll"}, jekyllPlugins(cfg)...)
		jekyllLegacy(d, p, cfg)
		p.evidence(d.path("_config.yml"), 1, "Jekyll site config without a Gemfile: gem install %s", strings.Join(p.Static.Packages, " "))
	}
	if m := jekyllDestRe.FindSubmatch(cfg); m != nil {
		if r, ok := cleanRel(".", string(m[1])); ok {
			p.Static.Root = r
		}
	}
	if v, file, line := versionFile(d, []string{".ruby-version"}, "ruby"); v != "" {
		p.Version = strings.TrimPrefix(v, "ruby-")
		p.evidence(file, line, "Ruby %s", v)
	} else if m := rubyVersionRe.FindSubmatch(gems); m != nil {
		p.Version = string(m[1])
		p.evidence(d.path("Gemfile"), lineOf(gems, "ruby "), "Ruby %s", m[1])
	}
	p.Entry = p.Static.Root
	p.evidence(d.path("_config.yml"), 1, "built into %s/", p.Static.Root)
	return p, true
}

var (
	jekyllMarkdownRe    = lazy(`(?m)^markdown\s*:\s*["']?(redcarpet|rdiscount)\b`)
	jekyllPygmentsRe    = lazy(`(?m)^highlighter\s*:\s*["']?pygments\b`)
	jekyllPaginateRe    = lazy(`(?m)^paginate\s*:\s*[0-9]+`)
	jekyllPaginateV2Re  = lazy(`(?m)^pagination\s*:`)
	jekyllGemsKeyRe     = lazy(`(?m)^gems\s*:`)
	jekyllLegacyVersion = "jekyll:3.10.0"
)

// jekyllPlugins are the gems _config.yml's plugins: (or Jekyll 2's gems:)
// list names.
func jekyllPlugins(cfg []byte) []string {
	var out []string
	if m := jekyllPluginRe.FindSubmatch(cfg); m != nil {
		for _, l := range strings.Split(string(m[1]), "\n") {
			if name := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "-")); gemNameRe.MatchString(name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// jekyllLegacy reads the settings of a site written for Jekyll 2 or 3
// (no Gemfile pins a version): a markdown engine Jekyll 4 dropped
// (redcarpet, rdiscount) needs Jekyll 3.10 and that engine's gem; Pygments
// is replaced by Rouge, as Jekyll 4 and GitHub Pages do (it needs Python);
// paginate: needs the jekyll-paginate plugin, loaded since Jekyll 3 only
// when listed, so the plugins list is completed for the build.
func jekyllLegacy(d *dir, p *Project, cfg []byte) {
	cfgFile := d.path("_config.yml")
	if m := jekyllMarkdownRe.FindSubmatch(cfg); m != nil {
		engine := string(m[1])
		p.Static.Packages[0] = jekyllLegacyVersion
		p.Static.Packages = append(p.Static.Packages, engine)
		p.evidence(cfgFile, lineOf(cfg, string(m[0])), "markdown: %s, which Jekyll 4 dropped: built with Jekyll 3.10 and the %s gem", engine, engine)
	}
	if loc := jekyllPygmentsRe.FindIndex(cfg); loc != nil {
		p.Static.JekyllHighlighter = "rouge"
		p.evidence(cfgFile, lineAt(cfg, loc[0]), "highlighter: pygments needs Python: built with Rouge, as Jekyll 4 and GitHub Pages do (same CSS classes)")
	}
	if loc := jekyllPaginateRe.FindIndex(cfg); loc != nil && !jekyllPaginateV2Re.Match(cfg) && !slices.Contains(p.Static.Packages, "jekyll-paginate") {
		plugins := jekyllPlugins(cfg)
		p.Static.Packages = append(p.Static.Packages, "jekyll-paginate")
		p.Static.JekyllPlugins = append(plugins, "jekyll-paginate")
		p.Static.JekyllGemsKey = jekyllGemsKeyRe.Match(cfg)
		p.evidence(cfgFile, lineAt(cfg, loc[0]), "paginate: needs the jekyll-paginate plugin, which _config.yml does not list: installed and loaded for the build")
	}
}

var (
	mkdocsSiteDirRe = lazy(`(?m)^site_dir\s*:\s*["']?([A-Za-z0-9._/-]+)`)
	mkdocsThemeRe   = lazy(`(?m)^theme\s*:\s*(?:\n\s+name\s*:\s*)?["']?([A-Za-z0-9_-]+)`)
	pythonVersionRe = lazy(`PYTHON_VERSION\s*[=:]\s*["']?([0-9]+\.[0-9]+(?:\.[0-9]+)?)`)
)

// programManifests make a folder a program whose mkdocs.yml only documents
// it: the program is the project, not its docs.
var programManifests = []string{"pyproject.toml", "setup.py", "setup.cfg", "manage.py", "go.mod", "pom.xml", "build.gradle", "build.gradle.kts", "Cargo.toml"}

// detectMkDocs: mkdocs.yml in a folder that holds no program (a library's
// or a service's docs config does not make it a site); a package.json there
// is tooling when its start script does not start a server of its own.
func detectMkDocs(d *dir) (*Project, bool) {
	cfgFile, cfg := firstFile(d, "mkdocs.yml", "mkdocs.yaml")
	if cfg == nil {
		return nil, false
	}
	for _, f := range programManifests {
		if d.exists(f) {
			return nil, false
		}
	}
	if pj, _ := readPackageJSON(d); pj != nil {
		if start := scriptText(pj, "start", 0); start != "" && !strings.Contains(start, "mkdocs") {
			return nil, false
		}
	}
	p := newSite("mkdocs", "site")
	p.Tool = "pip"
	p.Static = plan.StaticFacts{Generator: "mkdocs", Root: "site"}
	p.Build = "mkdocs build"
	p.evidence(d.path(cfgFile), 1, "MkDocs site config %s", cfgFile)
	for _, f := range []string{"requirements.txt", "docs/requirements.txt", "requirements-docs.txt", "requirements/docs.txt"} {
		if data := d.read(f); data != nil && strings.Contains(strings.ToLower(string(data)), "mkdocs") {
			p.Static.Requirements = f
			p.evidence(d.path(f), lineOf(data, "mkdocs"), "MkDocs and its plugins from %s", f)
			break
		}
	}
	if p.Static.Requirements == "" {
		p.Static.Packages = []string{"mkdocs"}
		if m := mkdocsThemeRe.FindSubmatch(cfg); m != nil && string(m[1]) != "mkdocs" && string(m[1]) != "readthedocs" {
			p.Static.Packages = append(p.Static.Packages, "mkdocs-"+string(m[1]))
			p.evidence(d.path(cfgFile), lineOf(cfg, "theme"), "theme %s: pip install mkdocs-%s", m[1], m[1])
		}
	}
	if m := mkdocsSiteDirRe.FindSubmatch(cfg); m != nil {
		if r, ok := cleanRel(".", string(m[1])); ok {
			p.Static.Root = r
		}
	}
	if v := pythonVersionRe.FindSubmatch(d.read("netlify.toml")); v != nil {
		p.Version = string(v[1])
		p.evidence(d.path("netlify.toml"), lineOf(d.read("netlify.toml"), "PYTHON_VERSION"), "Python %s", v[1])
	} else if v, file, line := versionFile(d, []string{".python-version"}, "python"); v != "" {
		p.Version = v
		p.evidence(file, line, "Python %s", v)
	}
	p.Entry = p.Static.Root
	p.evidence(d.path(cfgFile), 1, "built into %s/", p.Static.Root)
	return p, true
}
