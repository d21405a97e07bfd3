package detect

import (
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// uv workspaces: a member builds from the workspace root, where the only
// uv.lock is, installing that member's locked dependencies only
// (`uv export --package NAME`). Same two roots as the Node, Go and Java
// workspaces (plan.Context, plan.WorkspaceFacts).

// uvPyproject is what a uv workspace reads from a pyproject.toml.
type uvPyproject struct {
	Project *struct {
		Name string `toml:"name"`
	} `toml:"project"`
	Tool struct {
		UV struct {
			Workspace *struct {
				Members []string `toml:"members"`
				Exclude []string `toml:"exclude"`
			} `toml:"workspace"`
			Sources map[string]struct {
				Workspace bool `toml:"workspace"`
			} `toml:"sources"`
		} `toml:"uv"`
	} `toml:"tool"`
}

// pyNameOK is a project name dockgen writes into a command (PEP 508).
var pyNameOK = lazy(`^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$`)

// pyNorm is a project name normalized as PEP 503 does.
func pyNorm(n string) string {
	return strings.ToLower(strings.NewReplacer("_", "-", ".", "-").Replace(n))
}

func readPyproject(top, abs string) (*uvPyproject, []byte) {
	data := readAbove(top, filepath.Join(abs, "pyproject.toml"))
	if data == nil {
		return nil, nil
	}
	var pp uvPyproject
	if _, err := toml.Decode(string(data), &pp); err != nil {
		return nil, nil
	}
	return &pp, data
}

// uvWorkspace sets a uv workspace member's build root: the nearest
// directory above it whose [tool.uv.workspace] members list it and that
// holds uv.lock. A virtual workspace root (no [project]) only groups its
// members.
func uvWorkspace(d *dir, p *Project) {
	abs := filepath.Join(d.root, filepath.FromSlash(d.rel))
	top := d.ceiling(abs)
	if self, _ := readPyproject(top, abs); self != nil && self.Tool.UV.Workspace != nil && self.Project == nil {
		p.aggregate = true
		p.evidence(d.path("pyproject.toml"), 1, "uv workspace root without a [project]: its members are the projects")
		return
	}
	if d.exists("uv.lock") {
		return // a lockfile of its own: built on its own
	}
	for up := filepath.Dir(abs); within(top, up); up = filepath.Dir(up) {
		root, data := readPyproject(top, up)
		if root != nil && root.Tool.UV.Workspace != nil {
			rel, _ := filepath.Rel(up, abs)
			ws := root.Tool.UV.Workspace
			w := &wsRoot{abs: up, patterns: ws.Members}
			for _, e := range ws.Exclude {
				w.patterns = append(w.patterns, "!"+e)
			}
			if !w.matches(filepath.ToSlash(rel)) {
				return // the nearest workspace does not list it
			}
			if fi, err := os.Lstat(filepath.Join(up, "uv.lock")); err != nil || !fi.Mode().IsRegular() {
				return // an unlocked workspace: nothing to install from
			}
			uvMember(d, p, w, top, data)
			return
		}
		if up == top || filepath.Dir(up) == up {
			break
		}
	}
}

func uvMember(d *dir, p *Project, w *wsRoot, top string, rootData []byte) {
	abs := filepath.Join(d.root, filepath.FromSlash(d.rel))
	self, _ := readPyproject(top, abs)
	if self == nil || self.Project == nil || !pyNameOK.MatchString(self.Project.Name) {
		d.warn("pyproject.toml", 0, "uv workspace member without a usable [project] name: built on its own, without the workspace's uv.lock")
		return
	}
	setRoot(d, p, w.abs, abs)
	ws := &p.Workspace
	ws.Name = self.Project.Name
	p.evidence(path.Join(p.BuildRoot, "pyproject.toml"), max(1, lineOf(rootData, "[tool.uv.workspace]")),
		"uv workspace root %s lists %s: install %s's locked dependencies from %s", p.BuildRoot, ws.App, ws.Name, path.Join(p.BuildRoot, "uv.lock"))
	p.library = p.Entry == "" // a member without an app: a library of the others
	p.Tool, p.Python.Lockfile = "uv", "uv.lock"
	p.Python.Requirements, p.Python.Installable = "", false
	ws.Files = []string{"pyproject.toml", "uv.lock"}
	// Every member's pyproject.toml: uv reads the whole workspace.
	byName := map[string]string{}
	members := map[string]*uvPyproject{}
	var walk func(rel string, depth int)
	entries := 0
	walk = func(rel string, depth int) {
		list, err := os.ReadDir(filepath.Join(w.abs, filepath.FromSlash(rel)))
		if err != nil || entries > maxWorkspaceEntries {
			return
		}
		entries += len(list)
		if rel != "." && w.matches(rel) && safeDirRe.MatchString(rel) {
			if pp, _ := readPyproject(top, filepath.Join(w.abs, filepath.FromSlash(rel))); pp != nil {
				ws.Manifests = append(ws.Manifests, path.Join(rel, "pyproject.toml"))
				members[rel] = pp
				if pp.Project != nil {
					byName[pyNorm(pp.Project.Name)] = rel
				}
			}
		}
		if depth >= DefaultLimits.MaxDepth {
			return
		}
		for _, e := range list {
			if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !skipDirs[e.Name()] {
				walk(path.Join(rel, e.Name()), depth+1)
			}
		}
	}
	walk(".", 0)
	sort.Strings(ws.Manifests)
	// The workspace members it depends on ({ workspace = true } sources),
	// transitively: installed from their sources after the locked ones.
	seen := map[string]bool{ws.App: true}
	queue := []string{ws.App}
	for len(queue) > 0 {
		m := members[queue[0]]
		queue = queue[1:]
		if m == nil {
			continue
		}
		var names []string
		for n, s := range m.Tool.UV.Sources {
			if s.Workspace {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			if dep, ok := byName[pyNorm(n)]; ok && !seen[dep] {
				seen[dep] = true
				queue = append(queue, dep)
				ws.Deps = append(ws.Deps, dep)
			}
		}
	}
	sort.Strings(ws.Deps)
	if len(ws.Deps) > 0 {
		p.evidence(d.path("pyproject.toml"), 1, "workspace dependencies: %s", strings.Join(ws.Deps, ", "))
	}
}
