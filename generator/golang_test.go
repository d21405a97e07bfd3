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

// --entry naming another main drops the start facts read for the detected one.
func TestGoEntryGivenDropsDetectedStart(t *testing.T) {
	dir := testkit.Fixture(t, "go-serve-subcommand")
	res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Entry: "./cmd"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.Files[0].Content); strings.Contains(got, "CMD [") || strings.Contains(got, "ENV PORT") {
		t.Errorf("the detected main's start was applied to --entry ./cmd:\n%s", got)
	}
	res, err = generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Entry: "."})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.Files[0].Content); !strings.Contains(got, `CMD ["serve", "--http=0.0.0.0:8090"]`) {
		t.Errorf("--entry naming the detected main lost its start:\n%s", got)
	}
}

// The goreleaser binary name survives a re-run from the answers file
// (where the entry counts as given).
func TestGoGoreleaserBinaryStable(t *testing.T) {
	dir := testkit.Fixture(t, "trap-go-goreleaser")
	for _, entry := range []string{"", "./examples/base"} {
		res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Entry: entry})
		if err != nil {
			t.Fatal(err)
		}
		if got := string(res.Files[0].Content); !strings.Contains(got, "-o /out/pocket ./examples/base") {
			t.Errorf("entry %q: binary not from goreleaser:\n%s", entry, got)
		}
	}
}
