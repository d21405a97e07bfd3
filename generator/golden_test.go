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
	sub           string // the project's directory in the fixture (a workspace member); "" for its root
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
		none("java-maven-assembly", "java-maven-assembly", generator.Request{}),
		none("java-maven-shade", "java-maven-shade", generator.Request{}),
		none("java-gradle-shadow", "java-gradle-shadow", generator.Request{}),
		none("java-gradle-app", "java-gradle-app", generator.Request{}),
		none("java-gradle-boot-sqlite", "java-gradle-boot-sqlite", generator.Request{Set: map[string]string{"writable": "data,cache/thumbs"}}),
		none("java-jhipster", "java-jhipster", generator.Request{}),
		none("java-gradle-nowrapper-8", "java-gradle-nowrapper-8", generator.Request{}),
		none("java-gradle-entry-glob", "java-gradle-nowrapper-8", generator.Request{Entry: "build/libs/legacy*.jar"}),
		none("java-maven-computed-name", "java-maven-computed-name", generator.Request{}),
		none("static-vite-spa", "static-vite", generator.Request{}),
		none("static-vite-spa-cn", "static-vite", generator.Request{Region: "cn"}),
		// Workspace members, generated from their own directory: the build
		// root is found above them, CI goes to the repository's top level.
		member("ws-pnpm-catalog", "ws-pnpm-catalog", "apps/web", generator.Request{CI: "github"}),
		member("ws-pnpm-catalog-gitlab", "ws-pnpm-catalog", "apps/web", generator.Request{CI: "gitlab"}),
		member("ws-npm-turbo", "ws-npm-turbo", "apps/api", generator.Request{CI: "github"}),
		member("ws-go-replace", "ws-go-replace", "services/api", generator.Request{CI: "github"}),
		member("ws-go-work", "ws-go-work", "service", generator.Request{CI: "gitlab"}),
		member("java-maven-reactor", "java-maven-reactor", "services/api", generator.Request{CI: "github"}),
		member("java-gradle-multi", "java-gradle-multi", "app", generator.Request{CI: "github"}),
		member("ws-uv-workspace", "ws-uv-workspace", "apps/api", generator.Request{CI: "github"}),
		none("node-workspace-single", "trap-node-workspace-single", generator.Request{}),
	)
}

func member(name, fixture, sub string, req generator.Request) scenario {
	return scenario{name: name, fixture: fixture, req: req, sub: sub}
}

// generateScenario runs a scenario and returns the files by path.
func generateScenario(t *testing.T, sc scenario) (*generator.Result, string) {
	t.Helper()
	dir := testkit.Fixture(t, sc.fixture)
	req := sc.req
	req.Dir = filepath.Join(dir, filepath.FromSlash(sc.sub))
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
