package detect

import (
	"github.com/dockgen/dockgen/generator/plan"
)

// staticRoots are the folders checked for index.html, in order.
var staticRoots = []string{".", "public", "docs", "site", "www", "html"}

func detectStatic(d *dir) (*Project, bool) {
	// A SPA built by Node (also reached when --lang static is given).
	if p, ok := detectNode(d); ok && p.Lang == plan.LangStatic {
		return p, true
	}
	for _, r := range staticRoots {
		index := "index.html"
		if r != "." {
			index = r + "/index.html"
		}
		if d.exists(index) {
			p := &Project{Lang: plan.LangStatic, Tool: "none", Framework: "none", Entry: r}
			p.Static = plan.StaticFacts{Root: r}
			p.evidence(d.path(index), 1, "static site: %s", index)
			return p, true
		}
	}
	return nil, false
}
