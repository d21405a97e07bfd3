package detect

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
)

var (
	// vcsURLRe is pip's version-control URL (git+https://, hg+ssh://...).
	vcsURLRe = lazy(`\b(git|hg|svn|bzr)\+(?:https?|ssh|git|file)://`)
	// lockVCSRe is a locked package whose source is a repository: uv.lock's
	// source = { git = ... }, poetry.lock's type = "git", Pipfile's
	// {git = ...} and Pipfile.lock's "git": entries.
	lockVCSRe     = lazy(`\{\s*git\s*=|^\s*type\s*=\s*"git"|"git"\s*:`)
	reqNameRe     = lazy(`^\s*(?:-e\s+)?([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*@`)
	eggRe         = lazy(`#egg=([A-Za-z0-9][A-Za-z0-9._-]*)`)
	lockNameRe    = lazy(`^\s*name\s*=\s*"([A-Za-z0-9][A-Za-z0-9._-]*)"`)
	pipfileNameRe = lazy(`^\s*"?([A-Za-z0-9][A-Za-z0-9._-]*)"?\s*[:=]\s*\{`)
)

// vcsTools are the version-control tools pip calls, by URL scheme prefix.
var vcsTools = []string{"git", "hg", "svn", "bzr"}

// pyVCS finds requirements installed from a version-control URL in what the
// tool installs from: the lockfile, else the requirements files, else
// pyproject.toml. pip clones them, so the build stage needs the tool.
//
// In a lockfile of a pyproject that lists its direct requirements, a
// repository package none of the installed ones names is a dev or optional
// group's (a transitive one cannot be: indexes refuse URL requirements);
// in Pipfile.lock, the develop section is not installed.
func pyVCS(d *dir, p *Project, sc *pyScan) {
	var files []string
	switch {
	case p.Python.Lockfile != "":
		files = []string{p.Python.Lockfile}
	case p.Python.Requirements != "":
		files = append(files, p.Python.Requirements)
		for _, inc := range p.Python.Includes {
			files = append(files, path.Join(path.Dir(p.Python.Requirements), inc))
		}
	case p.Python.Pyproject:
		files = []string{"pyproject.toml"}
	}
	if p.Tool == "pipenv" && p.Python.Lockfile == "" {
		files = []string{"Pipfile"}
	}
	lock := p.Python.Lockfile != "" || p.Tool == "pipenv"
	for _, f := range files {
		name, devSection := "", false
		for i, line := range strings.Split(string(d.read(f)), "\n") {
			if f == "Pipfile.lock" && strings.HasPrefix(strings.TrimSpace(line), `"develop"`) {
				break
			}
			if t := strings.TrimSpace(line); f == "Pipfile" && strings.HasPrefix(t, "[") {
				devSection = strings.HasPrefix(t, "[dev-packages]")
			}
			if devSection {
				continue
			}
			if m := lockNameRe.FindStringSubmatch(line); m != nil {
				name = m[1]
			} else if m := pipfileNameRe.FindStringSubmatch(line); m != nil && strings.HasPrefix(f, "Pipfile") {
				name = m[1]
			}
			tool := ""
			if m := vcsURLRe.FindStringSubmatch(line); m != nil && !strings.HasPrefix(strings.TrimSpace(line), "#") {
				tool = m[1]
				name = reqName(line, name, lock)
			} else if lock && lockVCSRe.MatchString(line) {
				tool = "git"
			}
			if tool == "" || !slices.Contains(vcsTools, tool) {
				continue
			}
			where := d.path(f) + ":" + strconv.Itoa(i+1)
			if !pyPkgNameRe.MatchString(name) {
				name = ""
			}
			if name != "" && slices.ContainsFunc(p.Python.VCS, func(v plan.PyVCS) bool { return v.Name == name }) {
				continue
			}
			if (f == "uv.lock" || f == "poetry.lock") && sc.direct != nil && name != "" && !sc.direct[kind.PyName(name)] {
				continue
			}
			p.Python.VCS = append(p.Python.VCS, plan.PyVCS{Name: name, Tool: tool, Where: where})
			p.evidence(d.path(f), i+1, "%s is installed from %s: the build stage needs %s", pick(name, "a requirement"), tool, tool)
			if len(p.Python.VCS) >= 8 {
				return
			}
		}
	}
}

// reqName is the package a requirement line installs: "name @ URL", an
// #egg= fragment, else (in a lockfile) the package the line belongs to.
func reqName(line, inLock string, lock bool) string {
	if m := reqNameRe.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	if m := eggRe.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	if lock {
		return inLock
	}
	return ""
}
