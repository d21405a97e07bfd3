package kind

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dockgen/dockgen/generator/plan"
)

// Static is a static site served by unprivileged nginx, optionally built by
// Node first (a SPA).
var Static = &Kind{
	Name: "static",
	// A static site's language is its build stage's: Node, or Ruby for
	// Jekyll and Python for MkDocs (Hugo's image is versioned by Hugo's release).
	Title:   "Build stage (Node; Ruby for Jekyll, Python for MkDocs)",
	Label:   "static",
	Aliases: []Alias{{Name: "nginx", InHelp: true}, {Name: "html", InHelp: true}},
	// pip is MkDocs' (its build stage is Python's).
	Tools:   append(append([]string{"none"}, nodeTools...), "pip"),
	Version: nodeVersion, // Node, for sites built with Node
	Port:    8080,
	// nginx serves on the template's port; dev-server ports do not apply.
	PortFromTemplate: true,
	BuildSecrets:     true, // mounted into the Node build of a site
	// A site built by Node in a workspace installs and builds at its root.
	FromBuildRoot: true,

	Manifests: []string{"hugo.toml", "hugo.yaml", "hugo.json"},
	// Outside a project only: a project's own public/index.html is not a
	// second site.
	Markers:   []string{"index.html", "config.toml", "_config.yml"},
	LookedFor: []string{"index.html"},

	EntryHelp:  "static site dir",
	EntryTitle: "Site directory",

	Setup: func(p *plan.Plan) {
		// Hugo, Jekyll and MkDocs build in their own image; a package.json
		// beside them is tooling, not the site's build.
		if p.Tool != "none" && p.Tool != "pip" && p.Static.Generator == "" {
			p.Static.NodeBuild = true
		}
		if p.Static.Generator == "hugo" && p.Static.GeneratorVersion == "" {
			p.Static.GeneratorVersion = DefaultHugoVersion
		}
	},
	Image: func(p *plan.Plan, declared string) string {
		switch {
		case p.Static.Generator == "jekyll":
			return rubyVersion.Image(declared)
		case p.Static.Generator == "mkdocs":
			return mkdocsPython.Image(declared)
		case !p.Static.NodeBuild:
			return "" // nginx only (or Hugo, versioned by GeneratorVersion): no language version
		}
		return nodeImage(p, declared)
	},
	Entry: func(p *plan.Plan, entry string, given bool) {
		detected := p.Static.Root != "" || p.Static.OutDirFrom != ""
		if given {
			p.Static.OutDirFrom = "" // the user named the directory the build writes
		}
		p.Entry = entry
		if p.Entry == "" && p.Static.OutDirFrom == "" {
			p.Entry = "."
			if p.Static.NodeBuild {
				p.Entry = "dist"
			}
		}
		// nginx's listen port is the template's: a privileged one moves to 8080.
		PrivilegedPort(p, true, "101")
		p.Static.Root = strings.TrimSuffix(strings.TrimPrefix(p.Entry, "./"), "/")
		if p.Static.Root == "" && p.Entry != "" {
			p.Static.Root = "."
		}
		if p.Static.NodeBuild {
			// Detection knows whether the site is a SPA; a build it did not
			// recognise (--lang static) keeps the SPA fallback.
			if !detected {
				p.Static.SPA = true
			}
			if len(p.Node.Manifests) == 0 {
				p.Node.Manifests = []string{"package.json"}
			}
			nodeManagerDefault(p)
		}
	},
	Validate: func(p *plan.Plan, src Source) error {
		if p.Static.Root == "" && p.Static.OutDirFrom != "" {
			return &plan.FieldError{Field: "site directory (--entry)", Want: fmt.Sprintf("dockgen cannot tell from %s which directory the build writes the site to (a computed value, a custom builder or one folder per locale); pass --entry with that directory", p.Static.OutDirFrom)}
		}
		if !plan.SafeRel(p.Static.Root) {
			return &plan.FieldError{Field: "site directory (--entry)", Value: p.Static.Root, Want: "want a relative directory such as ., public or dist"}
		}
		if err := validNodeFacts(p); err != nil {
			return err
		}
		if err := validGenerator(p); err != nil {
			return err
		}
		return checkSiteRoot(p, src)
	},

	Sample: "static-plain",
}

// checkSiteRoot refuses a static site whose served directory is neither in
// the repository nor built by Node: the Dockerfile would COPY a directory
// that does not exist (a Hugo or Jekyll site whose output is not committed).
func checkSiteRoot(p *plan.Plan, src Source) error {
	if p.Static.NodeBuild || p.Static.Generator != "" || p.Static.Root == "." {
		return nil
	}
	if src.IsDir(p.Static.Root) {
		return nil
	}
	msg := fmt.Sprintf("the site directory %s/ does not exist in %s", p.Static.Root, src.Dir)
	if src.Build != "" {
		msg += fmt.Sprintf("; this %s site is built with %q, which the static template does not run yet: build it and commit %s/, or point --entry at a directory that holds index.html", src.Framework, src.Build, p.Static.Root)
	} else {
		msg += "; point --entry at the directory that holds index.html"
	}
	return errors.New(msg)
}

// DefaultHugoVersion is the Hugo release a site is built with when it names
// none (the official image's tag, v<version>).
const DefaultHugoVersion = "0.162.0"

var (
	rubyVersion  = Version{Default: "3.3", Map: firstMajorMinor} // github-pages' Jekyll 3.10 and Jekyll 4 both run on it
	mkdocsPython = Version{Default: "3.13", Map: pythonMinor}

	semverRe  = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)
	scriptRe  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9:_.-]*$`)
	packageRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	// pinnedPackageRe is a package with an optional exact version (gem
	// install jekyll:3.10.0).
	pinnedPackageRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*(:[0-9]+(\.[0-9]+)*)?$`)
	pageRe          = regexp.MustCompile(`^[A-Za-z0-9_-]+\.html$`)
	basePathRe      = regexp.MustCompile(`^/([A-Za-z0-9._~-]+/)+$`)
	envFileRe       = regexp.MustCompile(`^\.env\.[A-Za-z0-9_-]+$`)
	generators      = []string{"", "hugo", "jekyll", "mkdocs"}
)

// validGenerator checks the site-generator facts that reach the template
// (values read from the repository: versions, script and package names,
// paths).
func validGenerator(p *plan.Plan) error {
	s := p.Static
	valid := false
	for _, g := range generators {
		valid = valid || s.Generator == g
	}
	if !valid {
		return &plan.FieldError{Field: "site generator", Value: s.Generator, Want: "want hugo, jekyll or mkdocs"}
	}
	if p.Tool == "pip" && s.Generator != "mkdocs" {
		return &plan.FieldError{Field: "tool (--tool)", Value: p.Tool, Want: "pip builds MkDocs sites only; for this site use none or a Node package manager"}
	}
	if s.Generator == "hugo" && (s.NodeTooling || s.Script != "") && p.Tool == "bun" {
		return &plan.FieldError{Field: "tool (--tool)", Value: p.Tool, Want: "Hugo's image has Node and npm but no Bun; pass --tool npm"}
	}
	if s.Generator == "hugo" && !semverRe.MatchString(s.GeneratorVersion) {
		return &plan.FieldError{Field: "Hugo version", Value: s.GeneratorVersion, Want: "want a release such as " + DefaultHugoVersion}
	}
	if s.Script != "" && !scriptRe.MatchString(s.Script) {
		return &plan.FieldError{Field: "package.json build script", Value: s.Script, Want: "want a script name of letters, digits and :_.-"}
	}
	for _, pkg := range s.Packages {
		if !pinnedPackageRe.MatchString(pkg) {
			return &plan.FieldError{Field: "site generator package", Value: pkg, Want: "want a package name of letters, digits and _.-, optionally :VERSION"}
		}
	}
	for _, pkg := range s.JekyllPlugins {
		if !packageRe.MatchString(pkg) {
			return &plan.FieldError{Field: "Jekyll plugin", Value: pkg, Want: "want a gem name of letters, digits and _.-"}
		}
	}
	if s.JekyllHighlighter != "" && s.JekyllHighlighter != "rouge" {
		return &plan.FieldError{Field: "Jekyll highlighter", Value: s.JekyllHighlighter, Want: "want rouge"}
	}
	for _, g := range s.Gemspecs {
		if !packageRe.MatchString(g) {
			return &plan.FieldError{Field: "gemspec", Value: g, Want: "want a file name such as theme.gemspec"}
		}
	}
	if s.Requirements != "" && (!plan.SafeRel(s.Requirements) || s.Requirements == ".") {
		return &plan.FieldError{Field: "MkDocs requirements file", Value: s.Requirements, Want: "want a relative file path"}
	}
	if s.Fallback != "" && !pageRe.MatchString(s.Fallback) {
		return &plan.FieldError{Field: "SPA fallback page", Value: s.Fallback, Want: "want a page such as 200.html"}
	}
	if s.BasePath != "" && !basePathRe.MatchString(s.BasePath) {
		return &plan.FieldError{Field: "site base path", Value: s.BasePath, Want: "want a URL path such as /docs/"}
	}
	return nil
}
