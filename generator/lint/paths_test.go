package lint

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestExpandPaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"Dockerfile": "x", "svc/api/Dockerfile": "x", "svc/web/Dockerfile.prod": "x", "svc/web/README.md": "x",
		"node_modules/x/Dockerfile": "x", ".git/Dockerfile": "x",
	})
	targets, err := ExpandPaths([]string{filepath.Join(dir, "**", "Dockerfile*"), filepath.Join(dir, "svc", "api")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tg := range targets {
		got = append(got, tg.Path)
		if tg.Top != dir {
			t.Errorf("%s: top %s, want %s", tg.Path, tg.Top, dir)
		}
	}
	want := []string{filepath.Join(dir, "Dockerfile"), filepath.Join(dir, "svc/api/Dockerfile"), filepath.Join(dir, "svc/web/Dockerfile.prod")}
	// The plain path (svc/api) was also matched by the pattern: named once.
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if _, err := ExpandPaths([]string{filepath.Join(dir, "**", "Containerfile")}); err == nil {
		t.Error("a pattern that matches nothing is no error")
	}
	for _, c := range []struct {
		pat, name string
		ok        bool
	}{{"**/Dockerfile", "Dockerfile", true}, {"**/Dockerfile", "a/b/Dockerfile", true}, {"a/**/x", "a/x", true}, {"a/*/x", "a/b/c/x", false}, {"*.Dockerfile", "api.Dockerfile", true}} {
		if got := matchSegments(splitSlash(c.pat), splitSlash(c.name)); got != c.ok {
			t.Errorf("%s ~ %s: %v", c.pat, c.name, got)
		}
	}
}

func splitSlash(s string) []string { return strings.Split(s, "/") }

func TestContextFromCompose(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"compose.yaml":            "services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n  web:\n    build: services/web\n  evil:\n    build:\n      context: ../..\n      dockerfile: x/Dockerfile\n",
		"services/api/Dockerfile": "x", "services/web/Dockerfile": "x", "services/other/Dockerfile": "x", "x/Dockerfile": "x",
	})
	for file, want := range map[string]string{
		"services/api/Dockerfile":   dir,
		"services/web/Dockerfile":   filepath.Join(dir, "services/web"),
		"services/other/Dockerfile": filepath.Join(dir, "services/other"),
		"x/Dockerfile":              filepath.Join(dir, "x"), // the compose context leaves the project: ignored
	} {
		if got := ContextFor(filepath.Join(dir, file), dir); got != want {
			t.Errorf("%s: context %s, want %s", file, got, want)
		}
	}
}
