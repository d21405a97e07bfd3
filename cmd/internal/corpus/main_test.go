package main

import (
	"path/filepath"
	"testing"
)

// The corpus README's comparison rules, one case each.
func TestEntryMatches(t *testing.T) {
	cases := []struct {
		lang, want, got string
		ok              bool
	}{
		{"go", "./cmd/alertmanager;./cmd/amtool", "./cmd/alertmanager", true},
		{"go", "./cmd/alertmanager;./cmd/amtool", "./cmd/amtool", true}, // acceptable, noted separately
		{"go", "./cmd/gh", "./cmd/gen-docs", false},
		{"node", "next start", "next start", true},
		{"node", "react-scripts start", "npm start", false},
		{"node", "npm start (browser-sync dev server)", "npm start", true},
		{"node", "dist/main.js", "./dist/main.js", true},
		{"static", ".", "./", true},
		{"static", "docs", "docs/", true},
		{"java", "target/app-1.0.jar", "target/*.jar", true},
		{"java", "build/libs/app-1.0-plain.jar", "build/libs/*.jar", false},
		{"python", "flaskr:create_app()", "flaskr:create_app()", true},
		{"python", "app:app", "", false},
	}
	for _, c := range cases {
		if got := entryMatches(c.lang, c.want, c.got); got != c.ok {
			t.Errorf("entryMatches(%q, %q, %q) = %v, want %v", c.lang, c.want, c.got, got, c.ok)
		}
	}
}

func TestCompareScoresPortOnlyForRuntimeRows(t *testing.T) {
	s := newScore()
	row := map[string]string{"id": "x", "kind": "node", "alt_kind": "static", "alt_entry": "build", "package_manager": "npm",
		"framework": "cra", "lang_version": "-", "entry": "react-scripts start", "port": "4100", "port_scope": "dev"}
	compare(s, row, project{Lang: "static", Tool: "npm", Framework: "cra", Entry: "build"})
	if s.scored["all"]["port"] != 0 {
		t.Error("a dev port was scored")
	}
	if len(s.misses) != 0 {
		t.Errorf("alt kind with its alt entry should match fully: %v", s.misses)
	}
}

// A workspace member's Dockerfile is built from its build root, named
// relative to it; a project at its own root is built from its folder.
func TestContextOfBuildRoot(t *testing.T) {
	dir := filepath.Join("tree", "backend")
	ctx, file, err := contextOf(result{Projects: []project{{Path: ".", BuildRoot: ".."}}}, dir)
	if err != nil || ctx != "tree" || file != "backend/Dockerfile" {
		t.Errorf("got %q %q %v, want tree backend/Dockerfile", ctx, file, err)
	}
	ctx, file, err = contextOf(result{Projects: []project{{Path: "."}}}, filepath.Join("tree", "internal", "trainer"))
	if err != nil || ctx != filepath.Join("tree", "internal", "trainer") || file != "Dockerfile" {
		t.Errorf("got %q %q %v, want the folder itself", ctx, file, err)
	}
	ctx, file, err = contextOf(result{Projects: []project{{Path: ".", BuildRoot: "../.."}}}, filepath.Join("tree", "internal", "trainer"))
	if err != nil || ctx != "tree" || file != "internal/trainer/Dockerfile" {
		t.Errorf("got %q %q %v, want tree internal/trainer/Dockerfile", ctx, file, err)
	}
}
