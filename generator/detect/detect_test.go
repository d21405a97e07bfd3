package detect_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/testkit"
)

// TestDetectGolden runs detection on every fixture project and compares the
// JSON contract (plus warnings) with golden/detect/NAME.json.
func TestDetectGolden(t *testing.T) {
	fixtures, err := filepath.Glob(filepath.Join(testkit.RepoRoot(t), "generator", "testdata", "fixtures", "*.txtar"))
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	seen := map[string]bool{}
	for _, f := range fixtures {
		name := strings.TrimSuffix(filepath.Base(f), ".txtar")
		seen[name+".json"] = true
		t.Run(name, func(t *testing.T) {
			res, err := detect.Dir(testkit.Fixture(t, name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, "detect/"+name+".json", append(got, '\n'))
		})
	}
	goldens, _ := filepath.Glob(filepath.Join(testkit.RepoRoot(t), "golden", "detect", "*"))
	for _, g := range goldens {
		if !seen[filepath.Base(g)] && !*testkit.Update {
			t.Errorf("stale golden file golden/detect/%s: no fixture produces it", filepath.Base(g))
		}
	}
}

// TestTraps states, for each trap fixture, the facts its golden file must
// hold, so a golden rewrite that loses one of them fails here.
func TestTraps(t *testing.T) {
	type want struct {
		path, lang, tool, version, framework, entry string
		port                                        int
	}
	cases := []struct {
		fixture  string
		chosen   int
		projects []want
		warnings []string // substrings of "file:line: message"
	}{
		{"trap-node-two-lockfiles", 0, []want{{".", "node", "yarn", ">=20", "express", "server.js", 4000}}, []string{"several lockfiles"}},
		{"trap-python-factory", 0, []want{{".", "python", "pip", ">=3.10", "flask", "flaskr:create_app()", 0}}, nil},
		{"trap-go-several-mains", 0, []want{{".", "go", "go", "1.22.5", "none", "./cmd/acmed", 9001}}, nil},
		{"trap-java-maven-multimodule", -1, []want{{".", "java", "maven", "", "", "", 0}, {"api", "java", "maven", "21", "none", "target/shop-api-1.0.0.jar", 0}, {"app", "java", "maven", "21", "spring-boot", "target/shop-app-1.0.0.jar", 8081}}, nil},
		{"trap-monorepo", -1, []want{{"backend", "go", "go", "1.23", "none", ".", 8080}, {"frontend", "static", "npm", "", "vite", "dist", 0}}, nil},
		{"trap-malformed", -1, nil, []string{"api/pom.xml:4:", "py/pyproject.toml:3:", "svc/go.mod:5:", "web/package.json:3:"}},
		// packages/lib only declares main: a library, so packages/api is the one deployable project.
		{"trap-node-workspaces", 1, []want{{".", "node", "yarn", "22", "none", "", 0}, {"packages/api", "node", "yarn", "22", "koa", "index.js", 3100}, {"packages/lib", "node", "yarn", "22", "none", "index.js", 0}}, nil},
		{"trap-go-work", -1, []want{{"api", "go", "go", "1.23", "none", ".", 0}, {"worker", "go", "go", "1.23", "none", ".", 0}}, nil},
		{"trap-python-django", 0, []want{{".", "python", "pip", "3.12", "django", "mysite.wsgi:application", 8000}}, nil},
		{"trap-python-fastapi", 0, []want{{".", "python", "pip", "", "fastapi", "app.main:app", 8000}}, nil},
		{"trap-static-hugo", 0, []want{{".", "static", "none", "", "hugo", "public", 0}}, nil},
		{"trap-static-jekyll", 0, []want{{".", "static", "none", "", "jekyll", "_site", 0}}, nil},
		{"trap-node-tooling-site", 0, []want{{".", "static", "none", "", "none", "docs", 0}}, nil},
		{"trap-go-main-below", 0, []want{{".", "go", "go", "1.22", "none", "./app", 9090}}, nil},
		{"trap-go-goreleaser", 0, []want{{".", "go", "go", "1.23", "none", "./examples/base", 0}}, nil},
		{"trap-go-server-agent", 0, []want{{".", "go", "go", "1.23", "none", "./cmd/server", 8000}}, nil},
		{"trap-go-ambiguous", 0, []want{{".", "go", "go", "1.23", "none", "./cmd/alpha", 0}}, []string{"pass --entry with one of ./cmd/alpha, ./cmd/beta"}},
		{"trap-go-library", 0, []want{{".", "go", "go", "1.23", "none", "", 0}}, nil},
		{"trap-node-nest", 0, []want{{".", "node", "npm", ">=20.0.0", "nestjs", "dist/main.js", 3000}}, nil},
	}
	for _, c := range cases {
		t.Run(c.fixture, func(t *testing.T) {
			res, err := detect.Dir(testkit.Fixture(t, c.fixture))
			if err != nil {
				t.Fatal(err)
			}
			if res.Chosen != c.chosen {
				t.Errorf("chosen = %d, want %d", res.Chosen, c.chosen)
			}
			if c.projects != nil && len(res.Projects) != len(c.projects) {
				t.Fatalf("%d projects, want %d: %+v", len(res.Projects), len(c.projects), res.Projects)
			}
			for i, w := range c.projects {
				p := res.Projects[i]
				got := want{p.Path, p.Lang, p.Tool, p.Version, p.Framework, p.Entry, p.Port}
				if w.framework == "" { // aggregators: only where and what
					got = want{p.Path, p.Lang, p.Tool, "", "", "", 0}
					w.version = ""
				}
				if got != w {
					t.Errorf("project %d:\n got %+v\nwant %+v", i, got, w)
				}
			}
			var warnings []string
			for _, w := range res.Warnings {
				warnings = append(warnings, w.String())
			}
			for _, w := range c.warnings {
				if !strings.Contains(strings.Join(warnings, "\n"), w) {
					t.Errorf("no warning containing %q in:\n%s", w, strings.Join(warnings, "\n"))
				}
			}
		})
	}
}

// TestWalkSkipsAndBounds: heavy directories are not entered, a symlink
// loop and a link out of the root are not followed, and the entry bound
// stops the walk with a warning.
func TestWalkSkipsAndBounds(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write := func(rel, data string) { writeFile(t, root, rel, data) }
	write("go.mod", "module example.com/x\n\ngo 1.22\n")
	write("main.go", "package main\nfunc main() {}\n")
	write("node_modules/dep/package.json", `{"name":"dep"}`)
	write(".venv/lib/pyproject.toml", "[project]\n")
	write("vendor/example.com/y/go.mod", "module example.com/y\n")
	if err := os.WriteFile(filepath.Join(outside, "package.json"), []byte(`{"name":"outside"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(root, filepath.Join(root, "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "escape")); err != nil {
		t.Fatal(err)
	}
	res, err := detect.Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Projects) != 1 || res.Projects[0].Path != "." {
		t.Errorf("want only the root project, got %+v", res.Projects)
	}

	res, err = detect.Walk(root, detect.Limits{MaxDepth: 6, MaxEntries: 3, MaxProjects: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[len(res.Warnings)-1].Msg, "walk stopped") {
		t.Errorf("want a walk-stopped warning, got %+v", res.Warnings)
	}
}

// TestUnreadableRoot names the directory in the error.
func TestUnreadableRoot(t *testing.T) {
	_, err := detect.Dir(filepath.Join(t.TempDir(), "missing"))
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("err = %v, want one naming the directory", err)
	}
}

// writeFile writes root/rel, creating its directories.
func writeFile(tb testing.TB, root, rel, data string) {
	tb.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		tb.Fatal(err)
	}
}
