package lint

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxExpanded caps the Dockerfiles one glob may name.
const maxExpanded = 1000

// Target is one Dockerfile to lint, and the folder its compose lookup may
// not leave (the folder the user named: the current one, or a pattern's
// fixed leading folders).
type Target struct {
	Path, Top string
}

// ExpandPaths turns lint's arguments into Dockerfile paths: a folder means
// its Dockerfile, a pattern (*, ?, [ ], ** for any depth) is matched by
// dockgen itself, so `dockgen lint '**/Dockerfile*'` works in any shell.
// Folders named .git and node_modules are not searched.
func ExpandPaths(args []string) ([]Target, error) {
	var out []Target
	for _, a := range args {
		if !hasGlobMeta(a) {
			if fi, err := os.Stat(a); err == nil && fi.IsDir() {
				a = filepath.Join(a, "Dockerfile")
			}
			top := "."
			if !within(mustAbs(a), mustAbs(".")) {
				top = filepath.Dir(a)
			}
			out = append(out, Target{a, top})
			continue
		}
		root, m, err := globFiles(a)
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("no file matches %s", a)
		}
		for _, p := range m {
			out = append(out, Target{p, root})
		}
	}
	seen := map[string]bool{}
	return slices.DeleteFunc(out, func(t Target) bool {
		dup := seen[filepath.Clean(t.Path)]
		seen[filepath.Clean(t.Path)] = true
		return dup
	}), nil
}

// globFiles matches a pattern with ** against regular files under its
// fixed leading folders.
func globFiles(pattern string) (string, []string, error) {
	pat := filepath.ToSlash(filepath.Clean(pattern))
	segs := strings.Split(pat, "/")
	root := "."
	i := 0
	if strings.HasPrefix(pat, "/") {
		root, segs = "/", segs[1:]
	}
	for ; i < len(segs)-1 && !hasGlobMeta(segs[i]); i++ {
		root = path.Join(root, segs[i])
	}
	rest := segs[i:]
	for _, s := range rest {
		if _, err := path.Match(s, ""); err != nil {
			return "", nil, fmt.Errorf("pattern %s: %w", pattern, err)
		}
	}
	var out []string
	err := filepath.WalkDir(filepath.FromSlash(root), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable folders are skipped
		}
		if d.IsDir() {
			if p != filepath.FromSlash(root) && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(filepath.FromSlash(root), p)
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if matchSegments(rest, strings.Split(filepath.ToSlash(rel), "/")) {
			out = append(out, p)
			if len(out) > maxExpanded {
				return fmt.Errorf("%s matches more than %d files", pattern, maxExpanded)
			}
		}
		return nil
	})
	return filepath.FromSlash(root), out, err
}

// matchSegments matches path segments against pattern segments, where **
// matches any number of folders.
func matchSegments(pat, name []string) bool {
	if len(pat) == 0 {
		return len(name) == 0
	}
	if pat[0] == "**" {
		for k := 0; k <= len(name); k++ {
			if matchSegments(pat[1:], name[k:]) {
				return true
			}
		}
		return false
	}
	if len(name) == 0 {
		return false
	}
	ok, _ := path.Match(pat[0], name[0])
	return ok && matchSegments(pat[1:], name[1:])
}

var composeFiles = []string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}

// ContextFor finds a Dockerfile's build context: the build.context of a
// compose service that builds it (a compose file in the Dockerfile's
// folder or a parent, up to and including top), else the Dockerfile's
// folder. A compose context must stay inside top: the compose file is
// repository content, and lint reads the context.
func ContextFor(dockerfile, top string) string {
	abs, err := filepath.Abs(dockerfile)
	if err != nil {
		return filepath.Dir(dockerfile)
	}
	topAbs, err := filepath.Abs(top)
	if err != nil {
		return filepath.Dir(dockerfile)
	}
	for dir := filepath.Dir(abs); within(dir, topAbs); dir = filepath.Dir(dir) {
		for _, name := range composeFiles {
			data, err := readBeside(filepath.Join(dir, name), "")
			if err != nil {
				continue
			}
			if ctx, ok := composeContext(data, dir, abs); ok && within(ctx, topAbs) {
				if rel, err := filepath.Rel(mustAbs("."), ctx); err == nil && !filepath.IsAbs(dockerfile) {
					return rel
				}
				return ctx
			}
		}
		if dir == topAbs || filepath.Dir(dir) == dir {
			break
		}
	}
	return filepath.Dir(dockerfile)
}

func mustAbs(p string) string {
	a, _ := filepath.Abs(p)
	return a
}

func within(p, top string) bool {
	rel, err := filepath.Rel(top, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// composeContext: the context of the service whose build names dockerfile.
func composeContext(data []byte, dir, dockerfile string) (string, bool) {
	var doc struct {
		Services map[string]struct {
			Build yaml.Node `yaml:"build"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return "", false
	}
	names := make([]string, 0, len(doc.Services))
	for n := range doc.Services {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		b := doc.Services[n].Build
		var ctx, df string
		switch b.Kind {
		case yaml.ScalarNode:
			ctx = b.Value
		case yaml.MappingNode:
			var m struct {
				Context    string `yaml:"context"`
				Dockerfile string `yaml:"dockerfile"`
			}
			if b.Decode(&m) != nil {
				continue
			}
			ctx, df = m.Context, m.Dockerfile
		default:
			continue
		}
		if ctx == "" {
			ctx = "."
		}
		if strings.Contains(ctx, "://") || strings.HasPrefix(ctx, "git@") {
			continue // a remote context
		}
		if df == "" {
			df = "Dockerfile"
		}
		ctxAbs := filepath.Join(dir, filepath.FromSlash(ctx))
		if filepath.Join(ctxAbs, filepath.FromSlash(df)) == dockerfile {
			return ctxAbs, true
		}
	}
	return "", false
}
