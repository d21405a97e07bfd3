package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/testkit"
)

// A module without a package main is refused with the flag that fixes it,
// instead of a `go build .` that compiles a library; --entry builds it.
func TestGoLibraryNeedsEntry(t *testing.T) {
	dir := testkit.Fixture(t, "trap-go-library")
	_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none"})
	if err == nil || !strings.Contains(err.Error(), "has no package main") || !strings.Contains(err.Error(), "--entry") {
		t.Fatalf("want a refusal naming --entry, got %v", err)
	}
	res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Entry: "./cmd/lib"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.Files[0].Content); !strings.Contains(got, "-o /out/lib ./cmd/lib") {
		t.Errorf("--entry not built:\n%s", got)
	}
}

// The binary of a /vN module is named after the module, not "v2".
func TestGoBinaryWithoutMajorSuffix(t *testing.T) {
	for fixture, want := range map[string]string{
		"trap-go-main-below":    "-o /out/app ./app",
		"trap-go-server-agent":  "-o /out/server ./cmd/server",
		"trap-go-several-mains": "-o /out/acmed ./cmd/acmed",
		"go-loopback-flag":      "-o /out/reader .",
		"trap-go-goreleaser":    "-o /out/pocket ./examples/base",
	} {
		res, err := generator.Generate(context.Background(), generator.Request{Dir: testkit.Fixture(t, fixture), CI: "none"})
		if err != nil {
			t.Fatal(err)
		}
		if got := string(res.Files[0].Content); !strings.Contains(got, want) {
			t.Errorf("%s: want %q in:\n%s", fixture, want, got)
		}
	}
}
