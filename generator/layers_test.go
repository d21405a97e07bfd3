package generator_test

import (
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

// layers orders dockgen's packages: each may import only packages of a
// lower layer, so no import runs back up and no cycle can form. The kind
// registry sits under detection, lint and planning so all of them read it.
var layers = [][]string{
	{"generator/safefs", "generator/shellquote"}, // leaf helpers
	{"templates", "generator/region", "generator/answers", "generator/write",
		"generator/testkit", "cmd/internal/iostreams"},
	{"generator/plan", "cmd/internal/prompt"},
	{"generator/kind"},
	{"generator/detect", "generator/catalog"},
	{"generator/lint"}, // its project rules compare a Dockerfile with detection's facts
	{"generator"},
	{"cmd/internal/cli"},
	{"cmd/dockgen", "cmd/internal/corpus"},
}

func TestImportsRunDownward(t *testing.T) {
	const module = "github.com/dockgen/dockgen/"
	layer := map[string]int{}
	for i, ps := range layers {
		for _, p := range ps {
			layer[p] = i
		}
	}
	root := testkit.RepoRoot(t)
	fset := token.NewFileSet()
	checked := 0
	for _, top := range []string{"cmd", "generator", "templates"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			rel, _ := filepath.Rel(root, filepath.Dir(p))
			pkg := filepath.ToSlash(rel)
			from, ok := layer[pkg]
			if !ok {
				t.Errorf("package %s has no layer: add it to layers", pkg)
				return nil
			}
			f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				ip, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(ip, module) {
					continue
				}
				checked++
				dep := strings.TrimPrefix(ip, module)
				if to, ok := layer[dep]; !ok || to >= from {
					t.Errorf("%s imports %s: it must import only lower layers (see layers)", path.Join(pkg, d.Name()), dep)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked == 0 {
		t.Fatal("no imports checked")
	}
}
