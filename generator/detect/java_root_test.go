package detect

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

func projectAt(t *testing.T, res *Result, path string) *Project {
	t.Helper()
	for i := range res.Projects {
		if res.Projects[i].Path == path {
			return &res.Projects[i]
		}
	}
	t.Fatalf("no project at %s", path)
	return nil
}

// TestMavenReactorRoot: a module that inherits from the reactor builds
// from the reactor root with every POM; the library module is no
// candidate, so the app is chosen at the root.
func TestMavenReactorRoot(t *testing.T) {
	dir := testkit.Fixture(t, "java-maven-reactor")
	res, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Chosen < 0 || res.Projects[res.Chosen].Path != "services/api" {
		t.Fatalf("chosen = %d, want services/api", res.Chosen)
	}
	api := projectAt(t, res, "services/api")
	ws := api.Workspace
	if api.BuildRoot != "." || ws.App != "services/api" || ws.Root != "../.." {
		t.Errorf("roots = %q %q %q", api.BuildRoot, ws.App, ws.Root)
	}
	if !slices.Equal(ws.Files, []string{"mvnw", ".mvn", "pom.xml", "services/pom.xml"}) ||
		!slices.Equal(ws.Manifests, []string{"libs/core/pom.xml", "services/api/pom.xml"}) ||
		!slices.Equal(ws.Deps, []string{"libs/core"}) {
		t.Errorf("files %v manifests %v deps %v", ws.Files, ws.Manifests, ws.Deps)
	}
	if !slices.Equal(api.Java.Reactor, []string{"shop-core"}) {
		t.Errorf("reactor artifacts left to the build = %v, want [shop-core]", api.Java.Reactor)
	}
	if !api.Java.Wrapper || api.Wrapper {
		t.Errorf("the root's wrapper builds (Java.Wrapper %v), the module has none of its own (Wrapper %v)", api.Java.Wrapper, api.Wrapper)
	}
	if core := projectAt(t, res, "libs/core"); core.Deployable() {
		t.Error("libs/core makes nothing to run: not deployable")
	}

	// Generated from inside the module, the root is found above it.
	res, err = Dir(filepath.Join(dir, "services", "api"))
	if err != nil {
		t.Fatal(err)
	}
	if p := res.Projects[0]; p.BuildRoot != "../.." || p.Workspace.App != "services/api" {
		t.Errorf("from the module: build root %q, app %q", p.BuildRoot, p.Workspace.App)
	}
}

// TestMavenAggregatorOfIndependentModules: modules that neither inherit
// from a reactor POM nor depend on one build alone.
func TestMavenAggregatorOfIndependentModules(t *testing.T) {
	res, err := Dir(testkit.Fixture(t, "trap-java-maven-multimodule"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"api", "app"} {
		if p := projectAt(t, res, path); p.BuildRoot != path || p.Workspace.Root != "" {
			t.Errorf("%s: build root %q, workspace %+v", path, p.BuildRoot, p.Workspace)
		}
	}
}

// TestGradleSettingsRoot: an included subproject builds from the settings
// root with its own task; buildSrc and a library are no candidates.
func TestGradleSettingsRoot(t *testing.T) {
	res, err := Dir(testkit.Fixture(t, "java-gradle-multi"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Chosen < 0 || res.Projects[res.Chosen].Path != "app" {
		t.Fatalf("chosen = %d, want app", res.Chosen)
	}
	if !projectAt(t, res, ".").aggregate {
		t.Error("the root project makes nothing to run: it only groups the others")
	}
	app := projectAt(t, res, "app")
	ws := app.Workspace
	if app.BuildRoot != "." || ws.Name != "app" || !slices.Equal(app.Java.Goals, []string{"shadowJar"}) {
		t.Errorf("build root %q, project path %q, goals %v", app.BuildRoot, ws.Name, app.Java.Goals)
	}
	for _, f := range []string{"gradlew", "gradle", "settings.gradle.kts", "build.gradle.kts", "buildSrc"} {
		if !slices.Contains(ws.Files, f) {
			t.Errorf("files %v lack %s", ws.Files, f)
		}
	}
	if !slices.Equal(ws.Manifests, []string{"app/build.gradle.kts", "lib/build.gradle.kts", "lib/gradle.properties"}) || !slices.Equal(ws.Deps, []string{"lib"}) {
		t.Errorf("manifests %v deps %v", ws.Manifests, ws.Deps)
	}
	for _, path := range []string{"lib", "buildSrc"} {
		if projectAt(t, res, path).Deployable() {
			t.Errorf("%s is not deployable", path)
		}
	}
}

// TestGradleSettingsNotIncluding: the nearest settings file that does not
// include the project leaves it on its own.
func TestGradleSettingsNotIncluding(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"settings.gradle":       "include 'other'\n",
		"other/build.gradle":    "plugins { id 'java' }\n",
		"app/build.gradle":      "plugins { id 'java' }\n",
		"app/src/Main.java":     "class Main {}\n",
		"nested/x/build.gradle": "plugins { id 'java' }\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p := projectAt(t, res, "app"); p.BuildRoot != "app" {
		t.Errorf("app: build root %q, want its own directory", p.BuildRoot)
	}
	if p := projectAt(t, res, "other"); p.BuildRoot != "." || p.Workspace.Name != "other" {
		t.Errorf("other: build root %q, path %q", p.BuildRoot, p.Workspace.Name)
	}
}

// TestGradleIncludes reads the include forms of both DSLs.
func TestGradleIncludes(t *testing.T) {
	got := gradleIncludes([]byte(`rootProject.name = 'x'
include 'a', ':b:c'
include(":d")
include(
    ":e",
)
project(':d').projectDir = file('modules/d')
project(':e').projectDir = file('../outside')
// include ':commented'
/* include ':block' */
`))
	want := map[string]string{"a": "a", "b:c": "b/c", "d": "modules/d"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}

// TestMavenConfigWithoutWrapper: .mvn marks the reactor root and configures
// every mvn (maven.config, extensions.xml): copied without a wrapper too.
func TestMavenConfigWithoutWrapper(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		".git/HEAD":              "ref: refs/heads/main\n",
		"pom.xml":                `<project><artifactId>root</artifactId><version>1</version><packaging>pom</packaging><modules><module>app</module></modules></project>`,
		".mvn/maven.config":      "-T1C\n",
		"app/pom.xml":            `<project><parent><artifactId>root</artifactId><version>1</version></parent><artifactId>app</artifactId></project>`,
		"app/src/main/java/A.kt": "",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	app := projectAt(t, res, "app")
	if app.BuildRoot != "." || app.Java.Wrapper || !slices.Equal(app.Workspace.Files, []string{".mvn", "pom.xml"}) {
		t.Errorf("build root %q, wrapper %v, files %v", app.BuildRoot, app.Java.Wrapper, app.Workspace.Files)
	}
}
