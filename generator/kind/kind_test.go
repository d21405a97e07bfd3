package kind_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
)

// Every kind carries what the rest of dockgen ranges over: a kind that
// forgets its tools or its entry rules fails here, not at run time.
func TestRegistryComplete(t *testing.T) {
	seen := map[string]string{}
	claim := func(name, owner string) {
		if prev, ok := seen[name]; ok {
			t.Errorf("%q is claimed by %s and %s", name, prev, owner)
		}
		seen[name] = owner
	}
	for _, k := range kind.All() {
		claim(k.Name, k.Name)
		for _, a := range k.Aliases {
			claim(a.Name, k.Name)
			if a.Tool != "" && !k.HasTool(a.Tool) {
				t.Errorf("%s: alias %s names tool %s, which is not one of %v", k.Name, a.Name, a.Tool, k.Tools)
			}
		}
		if k.Name == "" || k.Name != strings.ToLower(k.Name) {
			t.Errorf("kind %q: want a lowercase name", k.Name)
		}
		for field, v := range map[string]string{"Title": k.Title, "Label": k.Label, "EntryHelp": k.EntryHelp,
			"EntryTitle": k.EntryTitle, "Version.Default": k.Version.Default, "Sample": k.Sample} {
			if v == "" {
				t.Errorf("%s: %s is empty", k.Name, field)
			}
		}
		if len(k.Tools) == 0 {
			t.Errorf("%s: no tools (the first is the default)", k.Name)
		}
		if k.Port < 1 || k.Port > 65535 {
			t.Errorf("%s: default port %d", k.Name, k.Port)
		}
		if len(k.Manifests)+len(k.Markers) == 0 || len(k.LookedFor) == 0 {
			t.Errorf("%s: detection needs Manifests (or Markers) and LookedFor", k.Name)
		}
		if k.Entry == nil {
			t.Errorf("%s: no Entry hook", k.Name)
		}
		if k.CodeFiles == nil && !k.PortFromTemplate {
			t.Errorf("%s: no CodeFiles: its port would never be detected", k.Name)
		}
		if k.Private != nil && (k.Private.Title == "" || k.Private.Apply == nil) {
			t.Errorf("%s: Private needs a question and Apply", k.Name)
		}
		if got := kind.Lookup(k.Name); got != k {
			t.Errorf("Lookup(%s) = %v", k.Name, got)
		}
		fixture := filepath.Join("..", "testdata", "fixtures", k.Sample+".txtar")
		if _, err := os.Stat(fixture); err != nil {
			t.Errorf("%s: golden sample fixture: %v", k.Name, err)
		}
	}
}

// A plan each kind completes with its defaults passes the kind's checks:
// the defaults and the validation agree.
func TestDefaultsValidate(t *testing.T) {
	for _, k := range kind.All() {
		p := &plan.Plan{Lang: k.Name, Name: "app", Tool: k.Tools[0], Port: k.Port}
		if k.Setup != nil {
			k.Setup(p)
		}
		p.LangVersion = k.ImageVersion(p, "")
		k.Entry(p, k.SampleEntry, k.SampleEntry != "")
		if err := k.Check(p, kind.Source{Dir: "proj", IsDir: func(string) bool { return false }}); err != nil {
			t.Errorf("%s: defaults do not validate: %v", k.Name, err)
		}
	}
}

// The help texts are derived from the registry; these pin what users see
// for the first five kinds (a new kind extends each list).
func TestHelpTexts(t *testing.T) {
	r := kind.Registry{kind.Go, kind.Node, kind.Python, kind.Java, kind.Static}
	for _, tt := range []struct{ got, want string }{
		{r.LangHelp(), "project kind: go, node, python, java, static (aliases: golang, nodejs, js, ts, py, flask, spring, maven, gradle, nginx, html)"},
		{r.PortHelp(), "port the app listens on (default: detected, else 8080 Go/Java/static, 3000 Node, 8000 Python)"},
		{r.LangVersionHelp(), "language version of the build image, e.g. 1.22, 24, 3.12, 21 (default: from the project)"},
		{r.EntryHelp(), "entry point: Go main package, Node start file or command, Python module:app or script.py, Java jar or main class, static site dir"},
		{r.LookedFor(), "go.mod, package.json, pyproject.toml, requirements.txt, pom.xml, build.gradle, index.html"},
	} {
		if tt.got != tt.want {
			t.Errorf("got  %q\nwant %q", tt.got, tt.want)
		}
	}
	_, _, err := r.Parse("cobol")
	want := `unknown language "cobol": valid values are go, node, python, java, static (aliases: flask, golang, gradle, html, javascript, js, maven, nginx, node.js, nodejs, py, spring, spring-boot, ts, typescript)`
	if err == nil || err.Error() != want {
		t.Errorf("Parse(cobol) = %v, want %s", err, want)
	}
}

// lint's knowledge from the kinds is well formed: every command compiles
// as a regexp and every toolchain and output names something.
func TestLintData(t *testing.T) {
	for _, c := range kind.LintCommands() {
		if _, err := regexp.Compile(c.Re); err != nil {
			t.Errorf("command %q: %v", c.Re, err)
		}
	}
	for _, tc := range kind.LintToolchains() {
		if tc.Image == "" {
			t.Error("a toolchain without an image name")
		}
	}
	for _, o := range kind.LintBuildOutputs() {
		if o.Dir == "" || o.Marker == "" || o.Command == "" {
			t.Errorf("incomplete build output %+v", o)
		}
	}
	var prefixes []string
	for _, ie := range kind.LintImageEnv() {
		prefixes = append(prefixes, ie.Prefix)
	}
	if got := strings.Join(prefixes, " "); got != "golang: node: python: eclipse-temurin: maven: gradle:" {
		t.Errorf("image env prefixes: %s", got)
	}
}

// The static kind refuses a site root that is neither in the project nor
// built by Node, looking at the project only through Source.IsDir.
func TestStaticSiteRoot(t *testing.T) {
	check := func(exists bool) error {
		p := &plan.Plan{Lang: "static", Name: "site", Tool: "none", Port: 8080}
		kind.Static.Setup(p)
		kind.Static.Entry(p, "public", true)
		return kind.Static.Check(p, kind.Source{Dir: "site", Build: "hugo", Framework: "hugo",
			IsDir: func(rel string) bool { return exists && rel == "public" }})
	}
	if err := check(true); err != nil {
		t.Errorf("public/ exists: %v", err)
	}
	err := check(false)
	if err == nil || !strings.Contains(err.Error(), `this hugo site is built with "hugo"`) {
		t.Errorf("public/ missing: got %v", err)
	}
}

// TestJavaBuildRootValues: a Gradle project path and reactor artifactIds
// go into RUN lines, so anything but names is refused.
func TestJavaBuildRootValues(t *testing.T) {
	for _, c := range []struct {
		name, path string
		reactor    []string
		ok         bool
	}{
		{"plain", "services:api", []string{"shop-core"}, true},
		{"path with a command", "app:x; rm -rf /", nil, false},
		{"leading colon", ":app", nil, false},
		{"artifact with a space", "", []string{"core -Dx=y"}, false},
	} {
		p := &plan.Plan{Lang: "java", Name: "app", Tool: "gradle", Port: 8080}
		p.Workspace.Name, p.Java.Reactor = c.path, c.reactor
		err := kind.Java.Validate(p, kind.Source{})
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok %v", c.name, err, c.ok)
		}
	}
}
