package lint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"golang.org/x/mod/modfile"
)

// maxTagDirs bounds the packages DG826 reads: the main package and the
// module's packages it imports (one level).
const maxTagDirs = 40

// goSource is one Go file of a package a build compiles or leaves out.
type goSource struct {
	text string // without // comments
	f    *ast.File
	data []byte
}

// checkGoTags: DG826 when go build leaves out a build tag the
// repository's own build passes (detection's Go.Tags, from its Makefile,
// Dockerfile or goreleaser config) and the main package uses a name that
// only a file built with that tag declares (navidrome's main.go uses
// buildtags.NETGO, declared behind //go:build netgo): the build stops
// with "undefined".
func (c *checker) checkGoTags(run *instructions.RunCommand, b goBuild, pkg, mainDir string) {
	// The folders' own reading comes first: detection (c.project) reads
	// the whole module for its main packages, so it is asked only when a
	// name of main's is declared only behind a tag this build leaves out.
	modDir, module := c.moduleOf(mainDir)
	if module == "" {
		return
	}
	mainFiles, _ := c.goSources(mainDir, b.tags)
	dirs := map[string]string{} // imported module package folder -> the name main's files use
	for _, s := range mainFiles {
		for _, imp := range s.f.Imports {
			ip, err := strconv.Unquote(imp.Path.Value)
			if err != nil || !strings.HasPrefix(ip, module+"/") || len(dirs) >= maxTagDirs {
				continue
			}
			alias := path.Base(ip)
			if imp.Name != nil {
				alias = imp.Name.Name
			}
			dirs[path.Join(modDir, strings.TrimPrefix(ip, module+"/"))] = alias
		}
	}
	order := make([]string, 0, len(dirs))
	for d := range dirs {
		order = append(order, d)
	}
	slices.Sort(order) // one finding, the same on every run
	for _, dir := range order {
		alias := dirs[dir]
		built, left := c.goSources(dir, b.tags)
		if len(left) == 0 {
			continue
		}
		if len(built) > 0 && alias == path.Base(dir) && built[0].f.Name.Name != alias {
			alias = built[0].f.Name.Name // import path and package name differ
		}
		have := declared(built)
		for _, s := range left {
			for _, name := range names(declared([]goSource{s})) {
				use := regexp.MustCompile(`\b` + regexp.QuoteMeta(alias) + `\.` + regexp.QuoteMeta(name) + `\b`)
				if have[name] || !slices.ContainsFunc(mainFiles, func(m goSource) bool { return use.MatchString(m.text) }) {
					continue
				}
				missing := c.repoTagsMissing(b.tags, s.data)
				if len(missing) == 0 {
					continue // not a tag the repository's build passes, or not enough for this file
				}
				c.add(GoBuildTagsMissing, line(run), "go build "+pkg+" without -tags "+strings.Join(missing, ",")+" (the repository's own build passes them"+c.tagsWhere()+"): "+alias+"."+name+" is declared only in "+dir+"/ files built with them, so go build stops with 'undefined: "+alias+"."+name+"'")
				return
			}
		}
	}
}

// repoTagsMissing: the tags detection read from the repository's own
// build (Go.Tags) that this build leaves out, when the file compiles with
// them added; nil otherwise.
func (c *checker) repoTagsMissing(tags map[string]bool, file []byte) []string {
	p := c.project()
	if p == nil || p.Lang != "go" {
		return nil
	}
	with := maps.Clone(tags)
	var missing []string
	for _, t := range p.Go.Tags {
		if !tags[t] {
			missing = append(missing, t)
			with[t] = true
		}
	}
	if len(missing) == 0 || !buildsWith(file, with) {
		return nil
	}
	return missing
}

// moduleOf finds the go.mod at or above a context folder: its folder and
// module path ("" when none).
func (c *checker) moduleOf(dir string) (string, string) {
	for d := dir; ; d = path.Dir(d) {
		if data, err := c.ctx.readFile(path.Join(d, "go.mod")); err == nil {
			return d, modfile.ModulePath(data)
		}
		if d == "." || d == "/" {
			return "", ""
		}
	}
}

// tagsWhere cites detection's evidence for the tags.
func (c *checker) tagsWhere() string {
	for _, e := range c.project().Evidence {
		if strings.HasPrefix(e.Fact, "builds with -tags") {
			return ", " + e.File
		}
	}
	return ""
}

var lineCommentRe = regexp.MustCompile(`(?m)//.*$`)

// goSources reads a context folder's Go files (no tests, no other
// systems): those a Linux build with tags compiles, and those it leaves
// out by their build constraint.
func (c *checker) goSources(dir string, tags map[string]bool) (built, left []goSource) {
	entries, err := fs.ReadDir(c.ctx.fsys, dir)
	if err != nil || len(entries) > maxPkgEntries {
		return nil, nil
	}
	reads := 0
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasPrefix(n, "_") || strings.HasPrefix(n, ".") ||
			!e.Type().IsRegular() || otherOS(n) {
			continue
		}
		if reads++; reads > maxPkgReads {
			return nil, nil // too large to judge
		}
		data, err := c.ctx.readFile(path.Join(dir, n))
		if err != nil {
			return nil, nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), n, data, parser.SkipObjectResolution)
		if err != nil {
			return nil, nil // a file lint cannot parse: say nothing
		}
		s := goSource{text: lineCommentRe.ReplaceAllString(string(data), ""), f: f, data: data}
		if buildsWith(data, tags) {
			built = append(built, s)
		} else {
			left = append(left, s)
		}
	}
	return built, left
}

// declared lists the package-level names the files declare.
func declared(files []goSource) map[string]bool {
	out := map[string]bool{}
	for _, s := range files {
		for _, d := range s.f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							out[n.Name] = true
						}
					case *ast.TypeSpec:
						out[sp.Name.Name] = true
					}
				}
			}
		}
	}
	return out
}

func names(m map[string]bool) []string {
	var out []string
	for n := range m {
		if ast.IsExported(n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}
