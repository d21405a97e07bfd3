package generator

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/dockgen/dockgen/generator/answers"
	render "github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/region"
)

// Planned is a validated plan and the template it renders with.
type Planned struct {
	Plan     plan.Plan
	Template *render.Template
	Warnings []string
}

// Plan completes the choices (flags over the answers file, see
// Loaded.Choose) with what detection found, then the kind's and template's
// defaults, and validates every value. It reads no files; the kinds' checks
// may ask whether a directory exists (the static site's root).
func Plan(l *Loaded, c Request, d *Detection) (*Planned, error) {
	k, proj, dir := d.Kind, d.Project, l.Dir
	out := &Planned{}
	if proj == nil {
		proj = &detect.Project{Lang: k.Name}
		out.Warnings = append(out.Warnings, fmt.Sprintf("found no %s project files in %s; using defaults", k.Name, dir))
	}
	tmpl, err := l.template(c.Template, k.Name)
	if err != nil {
		return nil, err
	}
	p := &plan.Plan{Lang: k.Name, Name: pick(c.ImageName, imageName(dir)), Template: tmpl.Meta.Name, Facts: proj.Facts}
	if err := planSources(l, c, p); err != nil {
		return nil, err
	}
	if err := planKind(k, c, proj, p); err != nil {
		return nil, err
	}
	if err := planContext(k, proj, dir, p); err != nil {
		return nil, err
	}
	if proj.BuildRoot != "" && proj.BuildRoot != "." && !p.Context.Workspace() {
		out.Warnings = append(out.Warnings, fmt.Sprintf("the build root of this project is %s (see dockgen detect), but the %s template builds it from %s alone: workspace dependencies will not resolve", proj.BuildRoot, tmpl.Meta.Name, dir))
	}
	if p.Runtime, err = pickRuntime(k, c.Runtime, tmpl, p); err != nil {
		return nil, err
	}

	// Build secrets: only kinds whose templates mount them.
	if p.BuildSecrets = c.BuildSecrets; len(p.BuildSecrets) > 0 && !k.BuildSecrets {
		return nil, fmt.Errorf("--build-secret is not supported for %s projects: its template mounts no build-time secrets", k.Name)
	}
	// Private dependencies, for the kinds that support them.
	p.Private = c.Private
	if len(p.Private) > 0 {
		if k.Private == nil {
			return nil, fmt.Errorf("--private is supported for %s projects; for %s use a build secret (see README, private dependencies)", strings.Join(kind.PrivateKinds(), " and "), k.Name)
		}
		out.Warnings = append(out.Warnings, k.Private.Apply(p)...)
	}

	// Template variables: the chosen values over the template's defaults.
	if p.Vars, err = tmpl.Meta.ResolveVars(c.Set); err != nil {
		return nil, err
	}
	isDir := func(rel string) bool {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
		return err == nil && fi.IsDir()
	}
	if err := k.Check(p, kind.Source{Dir: dir, Build: proj.Build, Framework: proj.Framework, IsDir: isDir}); err != nil {
		return nil, err
	}
	out.Plan, out.Template = *p, tmpl
	return out, nil
}

// template is the chosen Dockerfile template, else the catalog's template
// named after the kind.
func (l *Loaded) template(name, lang string) (*render.Template, error) {
	tname := pick(name, lang)
	tmpl, ok := l.Catalog.Get(tname)
	if !ok || tmpl.Meta.Kind != render.KindDockerfile || tmpl.Meta.Lang != lang {
		names := l.Templates(lang)
		if len(names) == 0 {
			return nil, fmt.Errorf("the catalog has no template for %s", lang)
		}
		return nil, fmt.Errorf("template %q not found for %s: available: %s", tname, lang, strings.Join(names, ", "))
	}
	if err := checkMinDockgen(tmpl); err != nil {
		return nil, err
	}
	return tmpl, nil
}

// planSources sets where packages come from (the region) and the CI provider.
func planSources(l *Loaded, c Request, p *plan.Plan) error {
	regionName := pick(c.Region, region.Global)
	prof, ok := l.Regions[strings.ToLower(regionName)]
	if !ok {
		return fmt.Errorf("unknown region %q: valid values are %s", regionName, strings.Join(region.Names(l.Regions), ", "))
	}
	p.Region = prof
	ci, err := plan.ParseCI(pick(c.CI, plan.CIGitHub))
	p.CI = ci
	return err
}

// planKind sets the kind's values: the chosen ones, else detection's, else
// the kind's defaults, through the kind's hooks.
func planKind(k *kind.Kind, c Request, proj *detect.Project, p *plan.Plan) error {
	p.Tool = pick(c.Tool, proj.Tool, k.Tools[0])
	if !k.HasTool(p.Tool) {
		return fmt.Errorf("tool %q is not valid for %s: valid values are %s", p.Tool, k.Name, strings.Join(k.Tools, ", "))
	}
	if k.Setup != nil {
		k.Setup(p)
	}

	// Version: the flag or answers name the image version; a declared
	// version from the repo is mapped to one.
	if v := c.LangVersion; v != "" {
		p.LangVersion = v
	} else {
		p.LangVersion = k.ImageVersion(p, proj.Version)
	}

	// Port.
	switch {
	case c.Port != 0:
		p.Port = c.Port
	case proj.Port != 0 && !k.PortFromTemplate:
		p.Port = proj.Port
	default:
		p.Port = k.Port
	}

	// Entry: given says it came from the user rather than detection (which
	// already filled the kind's facts). The answers file records the
	// detected entry: replaying it is no override.
	k.Entry(p, pick(c.Entry, proj.Entry), c.Entry != "" && c.Entry != proj.Entry)
	return nil
}

// pickRuntime is the runtime flavour: the chosen one, the kind's
// preference, the template's first.
func pickRuntime(k *kind.Kind, chosen string, tmpl *render.Template, p *plan.Plan) (string, error) {
	def := ""
	if len(tmpl.Meta.Runtimes) > 0 {
		def = tmpl.Meta.Runtimes[0]
	}
	if k.Runtime != nil {
		if r := k.Runtime(p, tmpl.Meta.Runtimes); r != "" {
			def = r
		}
	}
	r := pick(chosen, def)
	if len(tmpl.Meta.Runtimes) > 0 && !slices.Contains(tmpl.Meta.Runtimes, r) {
		return "", fmt.Errorf("unknown --runtime %q for template %s: valid values are %s", r, tmpl.Meta.Name, strings.Join(tmpl.Meta.Runtimes, ", "))
	}
	return r, nil
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
		Port: p.Port, Private: p.Private, BuildSecrets: p.BuildSecrets,
	}
	if p.PortAsked != 0 {
		a.Port = p.PortAsked // the rule moves it again on a re-run
	}
	if p.Name != imageName(dir) {
		a.ImageName = p.Name // chosen, not derived
	}
	if p.Context.Workspace() {
		a.Build = "cd " + p.Context.Root + " && " + p.Context.Command()
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

var (
	upRe      = regexp.MustCompile(`^\.\.(/\.\.)*$`)
	commandRe = regexp.MustCompile(`^[A-Za-z0-9_@./=:, &-]*$`)
	wsNameRe  = regexp.MustCompile(`^[@A-Za-z0-9][A-Za-z0-9_@./:-]*$`)
)

// planContext sets the two roots (plan.Context): the build context, where
// the project and its Dockerfile sit inside it, and where the context sits
// in the git repository (for CI). Every path from detection is checked.
func planContext(k *kind.Kind, proj *detect.Project, dir string, p *plan.Plan) error {
	c := plan.Context{Root: ".", App: ".", Dockerfile: "Dockerfile", Ignore: ".dockerignore", Repo: "."}
	ws := proj.Workspace
	if ws.Root != "" && k.FromBuildRoot {
		if !upRe.MatchString(ws.Root) || !plan.SafeRel(ws.App) {
			return fmt.Errorf("build root %q of project %q: want ../ steps and a path inside it", ws.Root, ws.App)
		}
		for _, f := range slices.Concat(ws.Files, ws.Manifests, ws.Deps, ws.Dirs) {
			if !plan.SafeRel(f) {
				return fmt.Errorf("workspace file %q: want a relative path of letters, digits, '.', '_', '-', '@'", f)
			}
		}
		// The member's name goes into commands (pnpm --filter, uv export
		// --package, Gradle's :path:task).
		if ws.Name != "" && !wsNameRe.MatchString(ws.Name) {
			return fmt.Errorf("workspace member name %q: want letters, digits and @/._:-", ws.Name)
		}
		for _, cmd := range []string{ws.Install, ws.Prod, ws.Build} {
			if !commandRe.MatchString(cmd) {
				return fmt.Errorf("workspace command %q holds characters dockgen does not put into a RUN line", cmd)
			}
		}
		c.Root, c.App = ws.Root, ws.App
		c.Dockerfile = ws.App + "/Dockerfile"
		// BuildKit reads <Dockerfile>.dockerignore before the context's
		// .dockerignore, and buildah >= 1.28 does too: the ignore file stays
		// beside the project and other members' builds are not affected.
		c.Ignore = "Dockerfile.dockerignore"
	} else {
		p.Workspace = plan.WorkspaceFacts{}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	top := detect.GitTop(abs)
	if top == "" || top == abs {
		p.Context = c
		return nil
	}
	// Below the git top-level: CI runs there, with the context and the
	// Dockerfile named from it, and rebuilds only when the project or what
	// its build reads changes.
	ctx := filepath.Join(abs, filepath.FromSlash(c.Root))
	rel, err := filepath.Rel(top, ctx)
	if err != nil {
		return err
	}
	c.Repo = filepath.ToSlash(rel)
	if !plan.SafeRel(c.Repo) {
		return fmt.Errorf("build context %q in the repository: want a relative path of letters, digits, '.', '_', '-', '@'", c.Repo)
	}
	c.Paths = append(c.Paths, path.Join(c.Repo, c.App)+"/**")
	for _, d := range p.Workspace.Deps {
		c.Paths = append(c.Paths, path.Join(c.Repo, d)+"/**")
	}
	for _, f := range p.Workspace.Files {
		watch := path.Join(c.Repo, f)
		if fi, err := os.Stat(filepath.Join(ctx, filepath.FromSlash(f))); err == nil && fi.IsDir() {
			watch += "/**" // .yarn/releases, patches: their files
		}
		c.Paths = append(c.Paths, watch)
	}
	if p.Workspace.Npmrc {
		c.Paths = append(c.Paths, path.Join(c.Repo, ".npmrc"))
	}
	p.Context = c
	return nil
}
