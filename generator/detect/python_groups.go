package detect

import (
	"slices"
	"sort"
	"strings"
)

var (
	// prodGroupRe names the dependency groups a deployment installs beside
	// the main dependencies, by convention.
	prodGroupRe = lazy(`^(?i:prod|production|deploy|deployment)$`)
	// groupFlagRe is a --group NAME (or --with/--only for Poetry) in the
	// project's own uv or Poetry command: an export header, a Dockerfile, a
	// Makefile.
	groupFlagRe = lazy(`\b(?:uv|poetry)\s+(?:export|sync|install|pip compile)\b[^\n]*`)
	groupArgRe  = lazy(`--(?:group|with|only)[= ]([A-Za-z0-9][A-Za-z0-9._,-]*)`)
	groupNameRe = lazy(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
)

// groupFiles hold the project's own install commands.
var groupFiles = []string{"Dockerfile", "Makefile", "Procfile", "requirements.txt", "requirements/prod.txt", "requirements/production.txt", "requirements-prod.txt"}

// pyGroups finds the PEP 735 dependency groups a production install needs
// besides the main dependencies: the groups the project's own uv/Poetry
// command installs, else one named prod or production; dev and test groups
// never. uv's default-groups other than dev are installed by uv export
// already. The groups' requirements join the dependency text (gunicorn in
// a prod group is a server the image has).
func pyGroups(d *dir, p *Project, pp *pyproject, data []byte, sc *pyScan) {
	if len(pp.DependencyGroups) == 0 {
		return
	}
	var named []string
	for _, f := range groupFiles {
		text := d.read(f)
		for _, cmd := range groupFlagRe.get().FindAllString(string(text), 8) {
			for _, m := range groupArgRe.get().FindAllStringSubmatch(cmd, 8) {
				for _, g := range strings.Split(m[1], ",") {
					if _, ok := pp.DependencyGroups[g]; ok && !devGroup(g) && !slices.Contains(named, g) {
						named = append(named, g)
						p.evidence(d.path(f), lineOf(text, cmd), "the project's own install takes the dependency group %s", g)
					}
				}
			}
		}
	}
	if len(named) == 0 {
		var names []string
		for g := range pp.DependencyGroups {
			names = append(names, g)
		}
		sort.Strings(names)
		for _, g := range names {
			if prodGroupRe.MatchString(g) && !defaultGroup(pp, g) {
				named = append(named, g)
				p.evidence(d.path("pyproject.toml"), lineOf(data, g+" ="), "dependency group %s: installed for production", g)
			}
		}
	}
	for _, g := range named {
		if !groupNameRe.MatchString(g) {
			continue
		}
		p.Python.Groups = append(p.Python.Groups, g)
		for _, req := range pp.DependencyGroups[g] {
			if s, ok := req.(string); ok {
				sc.deps.WriteString(s + "\n")
				sc.addDirect(s)
			}
		}
	}
}

// devGroup reports whether a group holds development or test tools.
func devGroup(g string) bool {
	g = strings.ToLower(g)
	return g == "dev" || strings.HasPrefix(g, "test") || g == "lint" || g == "docs" || g == "typing"
}

// defaultGroup reports whether uv installs g by default (tool.uv
// default-groups), so uv export has it without asking.
func defaultGroup(pp *pyproject, g string) bool {
	if pp.Tool.UV == nil {
		return false
	}
	switch v := pp.Tool.UV.DefaultGroups.(type) {
	case string:
		return v == "all"
	case []any:
		return slices.Contains(v, any(g))
	}
	return false
}
