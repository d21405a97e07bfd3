package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/testkit"
)

// TestStaticOutDirUnreadable: an output directory dockgen cannot read from
// the build's config is not guessed: generation names the file and asks for
// --entry, and --entry is then used as given.
func TestStaticOutDirUnreadable(t *testing.T) {
	dir := testkit.Fixture(t, "static-vite-unreadable")
	_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none"})
	if err == nil || !strings.Contains(err.Error(), "vite.config.js") || !strings.Contains(err.Error(), "--entry") {
		t.Fatalf("want an error naming vite.config.js and --entry, got %v", err)
	}
	res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Entry: "out"})
	if err != nil {
		t.Fatal(err)
	}
	if df := fileOf(res, "Dockerfile"); !strings.Contains(df, "COPY --from=build /app/out/ /usr/share/nginx/html/") {
		t.Errorf("--entry out not served:\n%s", df)
	}
}

// TestStaticGeneratorsBuild: sites whose output is built by Hugo, Jekyll or
// MkDocs are built in the image, not refused, and a multi-page site keeps its
// 404s (no SPA fallback).
func TestStaticGeneratorsBuild(t *testing.T) {
	for fixture, want := range map[string]string{
		"trap-static-hugo":    "hugo --gc --minify",
		"trap-static-jekyll":  "bundle exec jekyll build",
		"static-mkdocs":       "mkdocs build",
		"static-hugo-modules": "npm run build:production",
	} {
		res, err := generator.Generate(context.Background(), generator.Request{Dir: testkit.Fixture(t, fixture), CI: "none"})
		if err != nil {
			t.Fatalf("%s: %v", fixture, err)
		}
		df := fileOf(res, "Dockerfile")
		if !strings.Contains(df, want) || strings.Contains(df, "/index.html;") || !strings.Contains(df, "=404;") {
			t.Errorf("%s: want a build running %q and no SPA fallback:\n%s", fixture, want, df)
		}
	}
}

func fileOf(res *generator.Result, path string) string {
	for _, f := range res.Files {
		if f.Path == path {
			return string(f.Content)
		}
	}
	return ""
}

// TestStaticHugoToolingWithBun: Hugo's image carries npm, not Bun; a Hugo
// site's Bun tooling is refused with the way out rather than a build that
// fails on "bun: not found".
func TestStaticHugoToolingWithBun(t *testing.T) {
	dir := testkit.Fixture(t, "static-hugo-modules")
	_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Tool: "bun"})
	if err == nil || !strings.Contains(err.Error(), "--tool npm") {
		t.Fatalf("want a refusal naming --tool npm, got %v", err)
	}
}
