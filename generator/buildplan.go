package generator

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/dockgen/dockgen/generator/answers"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/region"
	"github.com/dockgen/dockgen/generator/render"
)

// knownHosts are the published SSH host keys of the big git hosts, pinned so
// a private-module build does not trust whatever answers at build time.
var knownHosts = map[string][]string{
	"github.com": {
		"github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
		"github.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=",
	},
	"gitlab.com": {
		"gitlab.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAfuCHKVTjquxvt6CM6tdG4SLp1Btn/nOeHHE5UOzRdf",
		"gitlab.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFSMqzJeV9rUzU4kWitGjeR4PWSa29SPqJ1fVkhtj3Hw9xjLVXVYrU9QlYWrOLXBpQ6KWjbjTDTdDkoohFzgbEY=",
	},
	"bitbucket.org": {
		"bitbucket.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIazEu89wgQZ4bqs3d63QSMzYVa0MuJ2e2gKTKqu+UUO",
	},
}

// buildPlan merges flags, the answers file, detection and defaults, in that
// order of precedence, and validates the result.
func buildPlan(req Request, ans *answers.Answers, lang, toolHint string, proj *detect.Project, dir string,
	cat *render.Catalog, regions map[string]region.Profile, res *Result) (*plan.Plan, *render.Template, error) {
	if ans == nil {
		ans = &answers.Answers{}
	}
	if proj == nil {
		proj = &detect.Project{Lang: lang}
		res.Warnings = append(res.Warnings, fmt.Sprintf("found no %s project files in %s; using defaults", lang, dir))
	}
	p := &plan.Plan{Lang: lang, Name: pick(req.ImageName, ans.ImageName, imageName(dir))}
	p.Go, p.Node, p.Python, p.Java, p.Static = proj.Go, proj.Node, proj.Python, proj.Java, proj.Static

	// Template: answers file, else the catalog's template named after the kind.
	tname := pick(req.Template, ans.Template, lang)
	tmpl, ok := cat.Get(tname)
	if !ok || tmpl.Meta.Kind != render.KindDockerfile || tmpl.Meta.Lang != lang {
		var names []string
		for _, t := range cat.ForLang(lang) {
			names = append(names, t.Meta.Name)
		}
		if len(names) == 0 {
			return nil, nil, fmt.Errorf("the catalog has no template for %s", lang)
		}
		return nil, nil, fmt.Errorf("template %q not found for %s: available: %s", tname, lang, strings.Join(names, ", "))
	}
	p.Template = tmpl.Meta.Name
	if err := checkMinDockgen(tmpl); err != nil {
		return nil, nil, err
	}

	// Region and CI.
	regionName := pick(req.Region, ans.Region, region.Global)
	prof, ok := regions[strings.ToLower(regionName)]
	if !ok {
		return nil, nil, fmt.Errorf("unknown region %q: valid values are %s", regionName, strings.Join(region.Names(regions), ", "))
	}
	p.Region = prof
	ci, err := plan.ParseCI(pick(req.CI, ans.CI, plan.CIGitHub))
	if err != nil {
		return nil, nil, err
	}
	p.CI = ci

	// Tool.
	p.Tool = pick(toolHint, ans.Tool, proj.Tool, plan.ToolsFor(lang)[0])
	if !plan.ValidTool(lang, p.Tool) {
		return nil, nil, fmt.Errorf("tool %q is not valid for %s: valid values are %s", p.Tool, lang, strings.Join(plan.ToolsFor(lang), ", "))
	}
	if lang == plan.LangStatic && p.Tool != "none" {
		p.Static.NodeBuild = true
	}

	// Version: the flag or answers name the image version; a declared
	// version from the repo is mapped to one.
	verLang := lang
	if p.Tool == "bun" {
		verLang = "bun"
	}
	switch v := pick(req.LangVersion, ans.LangVersion); {
	case v != "":
		p.LangVersion = v
	case lang == plan.LangStatic && !p.Static.NodeBuild:
		p.LangVersion = ""
	case p.Tool == "bun":
		p.LangVersion = plan.ImageVersion(verLang, p.Node.ManagerVersion)
	default:
		p.LangVersion = plan.ImageVersion(verLang, proj.Version)
	}

	// Port.
	switch {
	case req.Port != 0:
		p.Port = req.Port
	case ans.Port != 0:
		p.Port = ans.Port
	case proj.Port != 0 && lang != plan.LangStatic:
		p.Port = proj.Port
	default:
		p.Port = plan.DefaultPort[lang]
	}

	// Entry.
	given := pick(req.Entry, ans.Entry)
	setEntry(p, pick(given, proj.Entry), given != "", dir)

	// Runtime: flag, answers, cgo detection, the template's first runtime.
	def := ""
	if len(tmpl.Meta.Runtimes) > 0 {
		def = tmpl.Meta.Runtimes[0]
	}
	if p.Go.CGO && slices.Contains(tmpl.Meta.Runtimes, "cgo") {
		def = "cgo"
	}
	p.Runtime = pick(req.Runtime, ans.Runtime, def)
	if len(tmpl.Meta.Runtimes) > 0 && !slices.Contains(tmpl.Meta.Runtimes, p.Runtime) {
		return nil, nil, fmt.Errorf("unknown --runtime %q for template %s: valid values are %s", p.Runtime, tmpl.Meta.Name, strings.Join(tmpl.Meta.Runtimes, ", "))
	}

	// Private module hosts (Go only for now).
	p.Private = req.Private
	if len(p.Private) == 0 {
		p.Private = ans.Private
	}
	if len(p.Private) > 0 && lang != plan.LangGo {
		return nil, nil, fmt.Errorf("--private is supported for Go projects; for %s use a build secret (see README, private dependencies)", lang)
	}
	seenHost := map[string]bool{}
	for _, pr := range p.Private {
		host, _, _ := strings.Cut(pr, "/")
		if seenHost[host] || strings.Contains(host, "*") {
			continue
		}
		seenHost[host] = true
		p.Go.PrivateHosts = append(p.Go.PrivateHosts, plan.PrivateHost{Host: host, KnownHosts: knownHosts[host]})
		if knownHosts[host] == nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("no pinned SSH host key for %s: the build trusts what ssh-keyscan sees (pin it by editing the Dockerfile)", host))
		}
	}

	// Template variables: answers, then --set.
	set := map[string]string{}
	for k, v := range ans.Variables {
		set[k] = v
	}
	for k, v := range req.Set {
		set[k] = v
	}
	if p.Vars, err = tmpl.Meta.ResolveVars(set); err != nil {
		return nil, nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, nil, err
	}
	if err := checkSiteRoot(p, proj, dir); err != nil {
		return nil, nil, err
	}
	return p, tmpl, nil
}

// setEntry applies the entry point to the kind-specific facts.
// given says the entry came from a flag or the answers file rather than
// detection (which already filled the kind's facts).
func setEntry(p *plan.Plan, entry string, given bool, dir string) {
	p.Entry = entry
	switch p.Lang {
	case plan.LangGo:
		if p.Entry == "" {
			p.Entry = "."
		}
		if !strings.HasPrefix(p.Entry, ".") {
			p.Entry = "./" + p.Entry
		}
		p.Go.Binary = path.Base(p.Entry)
		if p.Entry == "." {
			p.Go.Binary = path.Base(p.Go.Module)
			if p.Go.Module == "" {
				p.Go.Binary = imageName(dir)
			}
		}
	case plan.LangNode:
		runner := "node"
		if p.Tool == "bun" {
			runner = "bun"
		}
		switch {
		case !given && len(p.Node.Start) > 0:
		case strings.ContainsAny(entry, " \t"):
			p.Node.Start = strings.Fields(entry) // a command: "npm start"
		case entry != "":
			p.Node.Start = []string{runner, entry} // a file: "server.js"
		}
		// The answers file records the argv itself, so a re-run is exact.
		p.Entry = strings.Join(p.Node.Start, " ")
	case plan.LangPython:
		if p.Entry == "" {
			p.Entry = "app:app"
		}
	case plan.LangStatic:
		if p.Entry == "" {
			p.Entry = "."
			if p.Static.NodeBuild {
				p.Entry = "dist"
			}
		}
		p.Static.Root = strings.TrimSuffix(strings.TrimPrefix(p.Entry, "./"), "/")
		if p.Static.Root == "" {
			p.Static.Root = "."
		}
		if p.Static.NodeBuild {
			p.Static.SPA = true
			if len(p.Node.Manifests) == 0 {
				p.Node.Manifests = []string{"package.json"}
			}
		}
	case plan.LangJava:
		if len(p.Java.Modules) == 0 {
			p.Java.Modules = map[string][]string{"maven": {"pom.xml"}, "gradle": {"build.gradle"}}[p.Tool]
		}
	}
	if p.Lang == plan.LangNode && len(p.Node.Manifests) == 0 {
		p.Node.Manifests = []string{"package.json"}
	}
	if (p.Lang == plan.LangNode || p.Static.NodeBuild) && p.Node.ManagerVersion == "" {
		p.Node.ManagerVersion = plan.DefaultManagerVersion[p.Tool]
	}
}

// Version is the running dockgen's version (set by the CLI); templates may
// require a minimum with min_dockgen. Development builds are not checked.
var Version = "dev"

func checkMinDockgen(t *render.Template) error {
	min := t.Meta.MinDockgen
	have := "v" + strings.TrimPrefix(Version, "v")
	if min == "" || !semver.IsValid(have) {
		return nil
	}
	if semver.Compare(have, "v"+strings.TrimPrefix(min, "v")) < 0 {
		return fmt.Errorf("template %s (%s) needs dockgen %s or newer; this is %s: upgrade dockgen or pin an older catalog", t.Meta.Name, t.Source, min, Version)
	}
	return nil
}

// checkSiteRoot refuses a static site whose served directory is neither in
// the repository nor built by Node: the Dockerfile would COPY a directory
// that does not exist (a Hugo or Jekyll site whose output is not committed).
func checkSiteRoot(p *plan.Plan, proj *detect.Project, dir string) error {
	if p.Lang != plan.LangStatic || p.Static.NodeBuild || p.Static.Root == "." {
		return nil
	}
	if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p.Static.Root))); err == nil && fi.IsDir() {
		return nil
	}
	msg := fmt.Sprintf("the site directory %s/ does not exist in %s", p.Static.Root, dir)
	if proj.Build != "" {
		msg += fmt.Sprintf("; this %s site is built with %q, which the static template does not run yet: build it and commit %s/, or point --entry at a directory that holds index.html", proj.Framework, proj.Build, p.Static.Root)
	} else {
		msg += "; point --entry at the directory that holds index.html"
	}
	return errors.New(msg)
}

// catalogRef is how the answers file names a catalog directory: relative
// to the project when it can be (a catalog kept in or beside the repo),
// else absolute.
func catalogRef(source, dir string) string {
	absDir, err := filepath.Abs(dir)
	if err != nil || !filepath.IsAbs(source) {
		return source
	}
	rel, err := filepath.Rel(absDir, source)
	if err != nil {
		return source
	}
	return filepath.ToSlash(rel)
}

// answersFor records every choice of the run.
func answersFor(p *plan.Plan, t *render.Template, dir string) answers.Answers {
	a := answers.Answers{
		Version: 1, Lang: p.Lang, Template: p.Template, Region: p.Region.Name, CI: p.CI,
		Tool: p.Tool, LangVersion: p.LangVersion, Runtime: p.Runtime, Entry: p.Entry,
		Port: p.Port, Private: p.Private,
	}
	if p.Name != imageName(dir) {
		a.ImageName = p.Name // chosen, not derived
	}
	switch {
	case t.Commit != "":
		a.Catalog, a.CatalogCommit = t.Source, t.Commit // a git catalog, pinned
	case t.Source != BuiltinSource:
		a.Catalog = catalogRef(t.Source, dir)
	}
	// Only variables that differ from their defaults are recorded.
	for _, v := range t.Meta.Variables {
		if val := p.Vars[v.Name]; val != v.Default {
			if a.Variables == nil {
				a.Variables = map[string]string{}
			}
			a.Variables[v.Name] = val
		}
	}
	return a
}

func pick(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
