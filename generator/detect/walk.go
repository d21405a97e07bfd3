package detect

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/safefs"
)

// Limits bound a walk so that a huge or hostile tree costs a fixed amount.
type Limits struct {
	MaxDepth    int // directory levels below the root that are examined
	MaxEntries  int // directory entries read before the walk stops
	MaxProjects int // projects listed before the walk stops
	// MaxMainDirs bounds the folders a Go module's main search examines
	// (0: maxMainDirs). Lint, which needs one project's facts within its
	// own time budget, looks at fewer.
	MaxMainDirs int
	// Done, when closed, stops the walk with ErrCancelled (Ctrl-C): 200,000
	// entries on a slow disk take seconds.
	Done <-chan struct{}
}

// ErrCancelled is returned by a walk whose Limits.Done was closed.
var ErrCancelled = errors.New("detection cancelled")

// DirContext is Dir, stopped (with ctx.Err()) when ctx is done.
func DirContext(ctx context.Context, root string) (*Result, error) {
	lim := DefaultLimits
	lim.Done = ctx.Done()
	res, err := Walk(root, lim)
	if errors.Is(err, ErrCancelled) && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return res, err
}

// DefaultLimits are generous for monorepos and still finish in milliseconds.
var DefaultLimits = Limits{MaxDepth: 6, MaxEntries: 200_000, MaxProjects: 200}

// skipDirs are never walked into: dependencies, build outputs, caches and
// fixtures. Dot-directories (.git, .venv, .next, ...) are skipped as a rule.
var skipDirs = map[string]bool{
	"node_modules": true, "bower_components": true, "jspm_packages": true,
	"vendor": true, "target": true, "build": true, "dist": true, "out": true,
	"venv": true, "virtualenv": true, "__pycache__": true, "site-packages": true,
	"coverage": true, "testdata": true, "__tests__": true, "_site": true,
}

// manifests are the file names that make a directory worth running the
// detectors on: each kind's Manifests, and its Markers outside a project
// (inside one only real build manifests count, so the project's own
// public/index.html is not listed as a second site).
var manifests = namesOf(func(k *kind.Kind) []string { return k.Manifests })
var markers = namesOf(func(k *kind.Kind) []string { return k.Markers })

// names is a set of file names with the path.Match patterns among them.
type names struct {
	exact    map[string]bool
	patterns []string
}

func namesOf(of func(*kind.Kind) []string) names {
	ns := names{exact: map[string]bool{}}
	for _, k := range kind.All() {
		for _, n := range of(k) {
			if strings.ContainsAny(n, "*?[") {
				ns.patterns = append(ns.patterns, n)
			} else {
				ns.exact[n] = true
			}
		}
	}
	return ns
}

func (ns names) has(name string) bool {
	if ns.exact[name] {
		return true
	}
	for _, p := range ns.patterns {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// Walk detects every project under root, breadth-first, within lim. The root
// is examined first; symlinked directories are never entered, so loops and
// links out of the root cannot be followed.
func Walk(root string, lim Limits) (*Result, error) {
	abs, err := openRoot(root)
	if err != nil {
		return nil, err
	}
	fsys, err := safefs.OpenRoot(abs)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	res := &Result{Root: ".", Chosen: -1, Projects: []Project{}}
	type item struct {
		rel    string
		depth  int
		inside bool // below a detected project
	}
	queue := []item{{".", 0, false}}
	entries := 0
	cache := &walkCache{mainDirs: lim.MaxMainDirs}
	for len(queue) > 0 {
		select {
		case <-lim.Done:
			return nil, ErrCancelled
		default:
		}
		it := queue[0]
		queue = queue[1:]
		// Non-blocking and inside the root: the entry was a directory when
		// listed, but a pipe swapped in since must not block the walk.
		list, ok := cache.lists[it.rel]
		var err error
		if !ok {
			list, err = fsys.ReadDir(it.rel)
		}
		if err != nil {
			res.Warnings = append(res.Warnings, Warning{File: it.rel, Msg: fmt.Sprintf("cannot read directory: %v", unwrapPath(err))})
			continue
		}
		entries += len(list)
		if entries > lim.MaxEntries {
			res.Warnings = append(res.Warnings, Warning{File: it.rel, Msg: fmt.Sprintf("walk stopped after %d directory entries; point --dir at the project to look deeper", lim.MaxEntries)})
			break
		}
		if isVirtualenv(list) {
			continue
		}
		inside := it.inside
		if it.rel == "." || hasManifest(list, it.inside) {
			d := &dir{root: abs, rel: it.rel, warnings: &res.Warnings, listing: list, fsys: fsys, cache: cache}
			if p := detectOne(d); p != nil {
				res.Projects = append(res.Projects, *p)
				inside = true
				if len(res.Projects) >= lim.MaxProjects {
					res.Warnings = append(res.Warnings, Warning{File: it.rel, Msg: fmt.Sprintf("walk stopped after %d projects", lim.MaxProjects)})
					break
				}
			}
		}
		if it.depth >= lim.MaxDepth {
			continue
		}
		for _, e := range list {
			// DirEntry types come from the directory itself: a symlink to a
			// directory is not a directory here, so it is never entered.
			if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || skipDirs[e.Name()] {
				continue
			}
			queue = append(queue, item{path.Join(it.rel, e.Name()), it.depth + 1, inside})
		}
	}
	res.Chosen = choose(res.Projects)
	return res, nil
}

func hasManifest(list []fs.DirEntry, inside bool) bool {
	for _, e := range list {
		n := e.Name()
		if manifests.has(n) || (!inside && markers.has(n)) {
			return true
		}
	}
	return false
}

func isVirtualenv(list []fs.DirEntry) bool {
	for _, e := range list {
		if e.Name() == "pyvenv.cfg" {
			return true
		}
	}
	return false
}

// choose returns the project dockgen would use: the root project unless it
// only aggregates others (workspaces, multi-module builds), else the only
// deployable project; -1 when the user has to pick.
func choose(ps []Project) int {
	if len(ps) > 0 && ps[0].Path == "." && !ps[0].aggregate {
		return 0 // the root project, deployable or not: what --dir . means
	}
	candidates := Candidates(ps)
	if len(candidates) == 1 {
		return candidates[0]
	}
	// A workspace root whose production start runs one package names the app.
	if len(ps) > 0 && ps[0].Path == "." && ps[0].startsMember != "" {
		for _, i := range candidates {
			if m := ps[0].startsMember; ps[i].Workspace.Name == m || ps[i].Path == strings.TrimPrefix(m, "./") {
				return i
			}
		}
	}
	// A workspace root that is the only project is the app (pnpm's
	// packages: ['**'] on a single package): generated, not refused.
	if len(ps) == 1 && ps[0].Path == "." {
		return 0
	}
	return -1
}

// Candidates are the projects worth generating for, in walk order: not a
// root that only groups others, and not a library (a Go module without a
// main package, a Node package that starts nothing). When none is
// deployable, every non-aggregate project is a candidate.
func Candidates(ps []Project) []int {
	var all, deployable []int
	for i, p := range ps {
		if p.aggregate {
			continue
		}
		all = append(all, i)
		if p.Deployable() {
			deployable = append(deployable, i)
		}
	}
	if len(deployable) > 0 {
		return deployable
	}
	return all
}

// Deployable reports whether the project runs something: a library has
// nothing to start.
func (p *Project) Deployable() bool {
	if det := detectorOf(p.Lang); det != nil && det.deployable != nil {
		return det.deployable(p)
	}
	return true
}

// notLibrary is the deployable hook of kinds whose detector marks
// libraries (a Maven module or uv member that makes nothing to run).
func notLibrary(p *Project) bool { return !p.library }

func unwrapPath(err error) error {
	if se, ok := err.(*safefs.Error); ok {
		return errors.New(se.Reason())
	}
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
