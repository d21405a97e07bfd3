package detect

import (
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
)

var (
	siteGeneratorDetector = detector{kind.Static, detectSiteGenerator}
	staticDetector        = detector{kind.Static, detectStatic}
)

// newSite is a static site of framework served from root, built by nothing.
func newSite(framework, root string) *Project {
	return &Project{Lang: kind.Static.Name, Tool: "none", Framework: framework, Entry: root}
}

// asSite turns a Node project into the static site its build writes.
func asSite(p *Project) { p.Lang = kind.Static.Name }

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
		p.Static = plan.StaticFacts{Root: root}
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

var (
	hugoConfigRe = lazy(`(?mi)^\s*"?baseURL"?\s*[=:]`)
	jekyllGemRe  = lazy(`(?m)^\s*gem\s+["'](?:jekyll|github-pages)["']`)
)

// detectSiteGenerator recognises Hugo and Jekyll sources: their output
// directory (public/, _site/) is built, not committed.
func detectSiteGenerator(d *dir) (*Project, bool) {
	for _, f := range []string{"hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml"} {
		data := d.read(f)
		if data == nil {
			continue
		}
		// config.* is a common name: it is Hugo's only with a baseURL and a content/ or layouts/ dir.
		if f[:4] != "hugo" && (!hugoConfigRe.Match(data) || !(d.isDir("content") || d.isDir("layouts"))) {
			continue
		}
		p := newSite("hugo", "public")
		p.Build = "hugo"
		p.Static = plan.StaticFacts{Root: "public"}
		p.evidence(d.path(f), max(1, lineOf(data, "baseURL")), "Hugo site config %s: built into public/", f)
		return p, true
	}
	if d.exists("_config.yml") {
		gems := d.read("Gemfile")
		if jekyllGemRe.Match(gems) || d.isDir("_posts") || d.isDir("_layouts") {
			p := newSite("jekyll", "_site")
			p.Build = "bundle exec jekyll build"
			p.Static = plan.StaticFacts{Root: "_site"}
			if line := lineOf(gems, "jekyll"); line > 0 {
				p.evidence(d.path("Gemfile"), line, "Jekyll in the Gemfile: built into _site/")
			} else {
				p.evidence(d.path("_config.yml"), 1, "Jekyll site config: built into _site/")
			}
			return p, true
		}
	}
	return nil, false
}
