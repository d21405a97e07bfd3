package kind

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dockgen/dockgen/generator/plan"
)

// Static is a static site served by unprivileged nginx, optionally built by
// Node first (a SPA).
var Static = &Kind{
	Name: "static",
	// The only language of a static site is Node's, in its build stage.
	Title:   "Node (build stage)",
	Label:   "static",
	Aliases: []Alias{{Name: "nginx", InHelp: true}, {Name: "html", InHelp: true}},
	Tools:   append([]string{"none"}, nodeTools...),
	Version: nodeVersion, // Node, for sites built with Node
	Port:    8080,
	// nginx serves on the template's port; dev-server ports do not apply.
	PortFromTemplate: true,
	BuildSecrets:     true, // mounted into the Node build of a site

	Manifests: []string{"hugo.toml", "hugo.yaml", "hugo.json"},
	// Outside a project only: a project's own public/index.html is not a
	// second site.
	Markers:   []string{"index.html", "config.toml", "_config.yml"},
	LookedFor: []string{"index.html"},

	EntryHelp:  "static site dir",
	EntryTitle: "Site directory",

	Setup: func(p *plan.Plan) {
		if p.Tool != "none" {
			p.Static.NodeBuild = true
		}
	},
	Image: func(p *plan.Plan, declared string) string {
		if !p.Static.NodeBuild {
			return "" // nginx only: no language version
		}
		return nodeImage(p, declared)
	},
	Entry: func(p *plan.Plan, entry string, _ bool) {
		p.Entry = entry
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
			nodeManagerDefault(p)
		}
	},
	Validate: func(p *plan.Plan, src Source) error {
		if !plan.SafeRel(p.Static.Root) {
			return &plan.FieldError{Field: "site directory (--entry)", Value: p.Static.Root, Want: "want a relative directory such as ., public or dist"}
		}
		if err := validNodeFacts(p); err != nil {
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
	if p.Static.NodeBuild || p.Static.Root == "." {
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
