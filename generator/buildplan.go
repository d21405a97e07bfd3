package generator

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/dockgen/dockgen/generator/answers"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/region"
	"github.com/dockgen/dockgen/generator/render"
)

// buildPlan merges flags, the answers file, detection and defaults, in that
// order of precedence, and validates the result.
func buildPlan(req Request, ans *answers.Answers, k *kind.Kind, toolHint string, proj *detect.Project, dir string,
	cat *render.Catalog, regions map[string]region.Profile, res *Result) (*plan.Plan, *render.Template, error) {
	lang := k.Name
	if ans == nil {
		ans = &answers.Answers{}
	}
	if proj == nil {
		proj = &detect.Project{Lang: lang}
		res.Warnings = append(res.Warnings, fmt.Sprintf("found no %s project files in %s; using defaults", lang, dir))
	}
	p := &plan.Plan{Lang: lang, Name: imageName(dir)}
	p.Facts = proj.Facts

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
	p.Tool = pick(toolHint, ans.Tool, proj.Tool, k.Tools[0])
	if !k.HasTool(p.Tool) {
		return nil, nil, fmt.Errorf("tool %q is not valid for %s: valid values are %s", p.Tool, lang, strings.Join(k.Tools, ", "))
	}
	if k.Setup != nil {
		k.Setup(p)
	}

	// Version: the flag or answers name the image version; a declared
	// version from the repo is mapped to one.
	if v := pick(req.LangVersion, ans.LangVersion); v != "" {
		p.LangVersion = v
	} else {
		p.LangVersion = k.ImageVersion(p, proj.Version)
	}

	// Port.
	switch {
	case req.Port != 0:
		p.Port = req.Port
	case ans.Port != 0:
		p.Port = ans.Port
	case proj.Port != 0 && !k.PortFromTemplate:
		p.Port = proj.Port
	default:
		p.Port = k.Port
	}

	// Entry.
	given := pick(req.Entry, ans.Entry)
	k.Entry(p, pick(given, proj.Entry), given != "")

	// Runtime: flag, answers, the kind's preference, the template's first runtime.
	def := ""
	if len(tmpl.Meta.Runtimes) > 0 {
		def = tmpl.Meta.Runtimes[0]
	}
	if k.Runtime != nil {
		if r := k.Runtime(p, tmpl.Meta.Runtimes); r != "" {
			def = r
		}
	}
	p.Runtime = pick(req.Runtime, ans.Runtime, def)
	if len(tmpl.Meta.Runtimes) > 0 && !slices.Contains(tmpl.Meta.Runtimes, p.Runtime) {
		return nil, nil, fmt.Errorf("unknown --runtime %q for template %s: valid values are %s", p.Runtime, tmpl.Meta.Name, strings.Join(tmpl.Meta.Runtimes, ", "))
	}

	// Private dependencies, for the kinds that support them.
	p.Private = req.Private
	if len(p.Private) == 0 {
		p.Private = ans.Private
	}
	if len(p.Private) > 0 {
		if k.Private == nil {
			return nil, nil, fmt.Errorf("--private is supported for %s projects; for %s use a build secret (see README, private dependencies)", strings.Join(kind.PrivateKinds(), " and "), lang)
		}
		res.Warnings = append(res.Warnings, k.Private.Apply(p)...)
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
	if err := k.Check(p, kind.Source{Dir: dir, Build: proj.Build, Framework: proj.Framework}); err != nil {
		return nil, nil, err
	}
	return p, tmpl, nil
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
