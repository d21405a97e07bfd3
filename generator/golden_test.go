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
		none("go-main-below", "trap-go-main-below", generator.Request{}),
		none("go-loopback-flag", "go-loopback-flag", generator.Request{}),
		none("go-serve-subcommand", "go-serve-subcommand", generator.Request{}),
		none("go-urfave-env-port80", "go-urfave-env", generator.Request{}),
		none("go-cli", "go-cli", generator.Request{}),
		none("go-build-tags", "go-build-tags", generator.Request{}),
		none("go-embed-ui", "go-embed-ui", generator.Request{}),
		none("go-embed-ui-cn", "go-embed-ui", generator.Request{Region: "cn"}),
		none("go-sqlite-conf", "go-sqlite-conf", generator.Request{}),
		none("go-workdir-files", "go-workdir-files", generator.Request{}),
		none("go-embed-vite-root", "go-embed-vite-root", generator.Request{}),
		none("go-embed-elm", "go-embed-elm", generator.Request{}),
		none("go-embed-ui-makefile", "go-embed-ui-makefile", generator.Request{}),
		none("go-embed-ui-postinstall", "go-embed-ui-postinstall", generator.Request{}),
		none("go-replace-inside", "go-replace-inside", generator.Request{}),
		none("go-exec-dir", "go-exec-dir", generator.Request{}),
		none("node-test-downloads", "node-test-downloads", generator.Request{}),
		none("go-embed-ui-workspace", "go-embed-ui-workspace", generator.Request{}),
		none("go-writable-set", "go-loopback-flag", generator.Request{Set: map[string]string{"writable": "data,uploads/tmp,/var/lib/reader"}}),
		none("node-ts-pnpm-build", "node-ts-pnpm", generator.Request{}),
		none("node-ts-pnpm-build-cn", "node-ts-pnpm", generator.Request{Region: "cn"}),
		none("node-yarn-classic", "node-yarn", generator.Request{}),
		none("node-yarn-berry-build", "node-yarn-berry", generator.Request{Region: "cn"}),
		none("node-bun", "node-bun", generator.Request{}),
		none("node-lifecycle", "node-lifecycle", generator.Request{}),
		none("node-prisma", "node-prisma", generator.Request{}),
		none("node-vite-koa", "node-vite-koa", generator.Request{}),
		none("node-nuxt", "node-nuxt", generator.Request{}),
		none("node-remix", "node-remix", generator.Request{}),
		none("node-sveltekit", "node-sveltekit", generator.Request{}),
		none("node-astro-ssr", "node-astro-ssr", generator.Request{}),
		none("node-next", "node-next", generator.Request{}),
		none("node-next-standalone", "trap-node-next-standalone", generator.Request{}),
		none("node-nest-prestart", "node-nest-prestart", generator.Request{}),
		none("node-legacy-toolchain", "node-legacy-toolchain", generator.Request{}),
		none("node-yarn3-plugins", "node-yarn3-plugins", generator.Request{}),
		none("node-webpack4-engines", "node-webpack4-engines", generator.Request{}),
		none("node-sources-in-node-modules", "node-sources-in-node-modules", generator.Request{}),
		none("node-native", "node-native", generator.Request{}),
		none("node-native-cn", "node-native", generator.Request{Region: "cn"}),
		none("node-port-80", "node-port-80", generator.Request{}),
		none("node-data-dir", "node-data-dir", generator.Request{}),
		none("node-port-80-fixed", "node-port-80-fixed", generator.Request{}),
		none("java-port-80", "java-maven-boot", generator.Request{Port: 80}),
		none("static-port-80", "static-plain", generator.Request{Port: 80}),
		none("node-native-set", "node-native", generator.Request{Set: map[string]string{"build_packages": "python3 make g++ libcairo2-dev", "runtime_packages": "libcairo2"}}),
		scenario{name: "node-build-secret-github", fixture: "node-next", req: generator.Request{CI: "github", BuildSecrets: []string{"NEXT_PUBLIC_API_URL", "STRIPE_SECRET_KEY"}}},
		scenario{name: "node-build-secret-gitlab", fixture: "node-next", req: generator.Request{CI: "gitlab", BuildSecrets: []string{"STRIPE_SECRET_KEY"}}},
		scenario{name: "python-build-secret-github", fixture: "python-pipenv-old", req: generator.Request{CI: "github", BuildSecrets: []string{"PIP_INDEX_URL"}}},
		scenario{name: "python-django-build-secret", fixture: "python-django-whitenoise", req: generator.Request{CI: "none", BuildSecrets: []string{"DATABASE_URL", "NETRC"}}},
		scenario{name: "go-build-secret-gitlab", fixture: "go-basic", req: generator.Request{CI: "gitlab", BuildSecrets: []string{"NETRC", "GOPRIVATE"}}},
		scenario{name: "java-build-secret", fixture: "java-gradle-kts", req: generator.Request{CI: "none", BuildSecrets: []string{"ORG_GRADLE_PROJECT_repoToken"}}},
		scenario{name: "static-build-secret", fixture: "static-vite", req: generator.Request{CI: "none", BuildSecrets: []string{"VITE_API_KEY"}}},
		scenario{name: "static-mkdocs-build-secret", fixture: "static-mkdocs", req: generator.Request{CI: "none", BuildSecrets: []string{"GH_TOKEN"}}},
		none("python-poetry-factory", "python-poetry", generator.Request{}),
		none("python-poetry-cn", "python-poetry", generator.Request{Region: "cn"}),
		none("python-pipenv-wsgi", "python-pipenv", generator.Request{}),
		none("python-fastapi", "trap-python-fastapi", generator.Request{}),
		none("python-uv-cn", "python-uv", generator.Request{Region: "cn"}),
		none("python-pyproject-installable", "python-pyproject", generator.Request{}),
		none("python-poetry-wheels", "python-poetry-wheels", generator.Request{}),
		none("python-psycopg-binary", "python-psycopg-binary", generator.Request{}),
		none("python-uv-wheels", "python-uv-wheels", generator.Request{}),
		none("python-django-whitenoise", "python-django-whitenoise", generator.Request{}),
		none("python-django-subdir-asgi", "python-django-subdir-asgi", generator.Request{}),
		none("python-port-80", "python-port-80", generator.Request{}),
		none("python-pipenv-old", "python-pipenv-old", generator.Request{Region: "cn"}),
		none("python-flask-instance", "python-flask-instance", generator.Request{Set: map[string]string{"writable": "uploads"}}),
		none("python-native", "python-native", generator.Request{}),
		none("python-native-cn", "python-native", generator.Request{Region: "cn"}),
		none("python-native-set", "python-native", generator.Request{Set: map[string]string{"build_packages": "gcc libc6-dev libpq-dev", "runtime_packages": "libpq5"}}),
		none("python-own-program", "python-own-program", generator.Request{}),
		none("python-uv-prod-group", "python-uv-prod-group", generator.Request{}),
		none("java-maven-boot-wrapper", "java-maven-boot", generator.Request{}),
		none("java-gradle-kts-boot-legacy", "java-gradle-kts", generator.Request{}),
		none("java-gradle-kts-cn", "java-gradle-kts", generator.Request{Region: "cn"}),
		none("java-quarkus", "java-quarkus", generator.Request{}),
		none("java-maven-assembly", "java-maven-assembly", generator.Request{}),
		none("java-maven-shade", "java-maven-shade", generator.Request{}),
		none("java-gradle-shadow", "java-gradle-shadow", generator.Request{}),
		none("java-gradle-app", "java-gradle-app", generator.Request{}),
		none("java-picocli-root", "java-picocli-root", generator.Request{}),
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
		member("ws-yarn-berry", "ws-yarn-berry", "apps/api", generator.Request{CI: "github"}),
		member("ws-static-vite", "ws-static-vite", "apps/site", generator.Request{CI: "github"}),
		member("ws-static-npmrc", "ws-static-npmrc", "apps/site", generator.Request{CI: "github"}),
		member("ws-pnpm-prod-script", "ws-pnpm-prod-script", "server", generator.Request{CI: "github"}),
		member("ws-go-replace", "ws-go-replace", "services/api", generator.Request{CI: "github"}),
		member("ws-go-work", "ws-go-work", "service", generator.Request{CI: "gitlab"}),
		member("ws-go-work-ui", "ws-go-work-ui", "service", generator.Request{CI: "github"}),
		member("java-maven-reactor", "java-maven-reactor", "services/api", generator.Request{CI: "github"}),
		member("java-maven-reactor-profiles", "java-maven-reactor-profiles", "app", generator.Request{CI: "github"}),
		member("java-gradle-multi", "java-gradle-multi", "app", generator.Request{CI: "github"}),
		member("java-gradle-root-configured", "java-gradle-root-configured", "app", generator.Request{CI: "github"}),
		member("ws-uv-workspace", "ws-uv-workspace", "apps/api", generator.Request{CI: "github"}),
		none("node-workspace-single", "trap-node-workspace-single", generator.Request{}),
		// Output directories read from the build's config, sites built by their generator.
		none("static-vite-outdir", "static-vite-outdir", generator.Request{}),
		none("static-angular-app", "static-angular-app", generator.Request{}),
		none("static-vue-cli-outdir", "static-vue-cli-outdir", generator.Request{}),
		none("static-webpack-game", "static-webpack-game", generator.Request{}),
		none("static-parcel", "static-parcel", generator.Request{}),
		none("static-eleventy", "static-eleventy", generator.Request{}),
		none("static-vitepress", "static-vitepress", generator.Request{}),
		none("static-hugo-modules", "static-hugo-modules", generator.Request{}),
		none("static-hugo-modules-cn", "static-hugo-modules", generator.Request{Region: "cn"}),
		none("static-hugo-config-dir", "static-hugo-config-dir", generator.Request{}),
		none("static-hugo-plain", "trap-static-hugo", generator.Request{}),
		none("static-hugo-workflow", "static-hugo-workflow", generator.Request{}),
		none("static-jekyll-bundler", "trap-static-jekyll", generator.Request{}),
		none("static-jekyll-plain-cn", "static-jekyll-plain", generator.Request{Region: "cn"}),
		none("static-jekyll-theme", "static-jekyll-theme", generator.Request{}),
		none("static-jekyll-legacy", "static-jekyll-legacy", generator.Request{}),
		none("static-mkdocs", "static-mkdocs", generator.Request{}),
		none("static-docsify", "static-docsify", generator.Request{}),
		none("static-sveltekit-spa", "static-sveltekit-spa", generator.Request{}),
		none("static-next-export", "static-next-export", generator.Request{}),
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
