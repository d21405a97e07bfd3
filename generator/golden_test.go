package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/testkit"
)

// scenario is one golden folder: a fixture and the request made on it.
type scenario struct {
	name, fixture string
	req           generator.Request
}

// scenarios: every kind's built-in template x region x CI flavour on the
// kind's representative fixture, plus each package-manager and runtime
// variant.
func scenarios() []scenario {
	var out []scenario
	for _, k := range kind.All() {
		for _, region := range []string{"global", "cn"} {
			for _, ci := range plan.CIProviders {
				out = append(out, scenario{
					name:    k.Name + "-" + region + "-" + ci,
					fixture: k.Sample,
					req:     generator.Request{Lang: k.Name, Region: region, CI: ci},
				})
			}
		}
	}
	none := func(name, fixture string, req generator.Request) scenario {
		req.CI = "none"
		return scenario{name: name, fixture: fixture, req: req}
	}
	return append(out,
		none("go-cgo-vendor", "go-cgo-vendor", generator.Request{}),
		none("go-private-ssh", "go-basic", generator.Request{Private: []string{"github.com/acme", "git.corp.example/platform"}, Region: "cn"}),
		none("go-apt-packages-cn", "go-basic", generator.Request{Region: "cn", Runtime: "cgo", Set: map[string]string{"build_packages": "libsqlite3-dev"}}),
		none("go-main-below", "trap-go-main-below", generator.Request{}),
		none("go-loopback-flag", "go-loopback-flag", generator.Request{}),
		none("go-serve-subcommand", "go-serve-subcommand", generator.Request{}),
		none("go-urfave-env-port80", "go-urfave-env", generator.Request{}),
		none("go-cli", "go-cli", generator.Request{}),
		none("go-build-tags", "go-build-tags", generator.Request{}),
		none("go-embed-ui", "go-embed-ui", generator.Request{}),
		none("go-embed-ui-cn", "go-embed-ui", generator.Request{Region: "cn"}),
		none("go-sqlite-conf", "go-sqlite-conf", generator.Request{}),
		none("go-embed-ui-workspace", "go-embed-ui-workspace", generator.Request{}),
		none("go-writable-set", "go-loopback-flag", generator.Request{Set: map[string]string{"writable": "data,uploads/tmp,/var/lib/reader"}}),
		none("node-ts-pnpm-build", "node-ts-pnpm", generator.Request{}),
		none("node-ts-pnpm-build-cn", "node-ts-pnpm", generator.Request{Region: "cn"}),
		none("node-yarn-classic", "node-yarn", generator.Request{}),
		none("node-yarn-berry-build", "node-yarn-berry", generator.Request{Region: "cn"}),
		none("node-bun", "node-bun", generator.Request{}),
		none("python-poetry-factory", "python-poetry", generator.Request{}),
		none("python-poetry-cn", "python-poetry", generator.Request{Region: "cn"}),
		none("python-pipenv-wsgi", "python-pipenv", generator.Request{}),
		none("python-fastapi", "trap-python-fastapi", generator.Request{}),
		none("python-uv-cn", "python-uv", generator.Request{Region: "cn"}),
		none("python-pyproject-installable", "python-pyproject", generator.Request{}),
		none("java-maven-boot-wrapper", "java-maven-boot", generator.Request{}),
		none("java-gradle-kts-boot-legacy", "java-gradle-kts", generator.Request{}),
		none("java-gradle-kts-cn", "java-gradle-kts", generator.Request{Region: "cn"}),
		none("java-quarkus", "java-quarkus", generator.Request{}),
		none("static-vite-spa", "static-vite", generator.Request{}),
		none("static-vite-spa-cn", "static-vite", generator.Request{Region: "cn"}),
	)
}

// generateScenario runs a scenario and returns the files by path.
func generateScenario(t *testing.T, sc scenario) (*generator.Result, string) {
	t.Helper()
	dir := testkit.Fixture(t, sc.fixture)
	req := sc.req
	req.Dir = dir
	res, err := generator.Generate(context.Background(), req)
	if err != nil {
		t.Fatalf("%s: %v", sc.name, err)
	}
	return res, dir
}

func TestGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			res, _ := generateScenario(t, sc)
			for _, f := range res.Files {
				testkit.Golden(t, sc.name+"/"+f.Path, f.Content)
				seen[sc.name+"/"+f.Path] = true
			}
		})
	}
	if *testkit.Update || t.Failed() {
		return
	}
	// A golden file no scenario produces any more is stale.
	root := filepath.Join(testkit.RepoRoot(t), "golden")
	var stale []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == detectGoldens {
			return filepath.SkipDir
		}
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			if !seen[filepath.ToSlash(rel)] {
				stale = append(stale, rel)
			}
		}
		return nil
	})
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("stale golden files (delete them or run make golden): %s", strings.Join(stale, ", "))
	}
}
