// Package testkit has the helpers dockgen's tests share: txtar fixture
// projects and the one golden-file helper of the repository.
package testkit

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/tools/txtar"
)

// Update rewrites golden files instead of comparing (go test ./... -update, or make golden).
var Update = flag.Bool("update", false, "rewrite golden files")

// RepoRoot returns the repository root (the directory holding go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Fixture extracts generator/testdata/fixtures/NAME.txtar into a fresh temp dir.
func Fixture(t testing.TB, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join(RepoRoot(t), "generator", "testdata", "fixtures", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	// The folder is named after the fixture: the CI image name derives from it.
	dir := filepath.Join(t.TempDir(), name)
	Extract(t, ar, dir)
	return dir
}

// Extract writes an archive's files under dir.
func Extract(t testing.TB, ar *txtar.Archive, dir string) {
	t.Helper()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if filepath.Base(p) == "mvnw" || filepath.Base(p) == "gradlew" {
			mode = 0o755
		}
		if err := os.WriteFile(p, f.Data, mode); err != nil {
			t.Fatal(err)
		}
	}
}

// Golden compares got with the golden file at golden/REL (relative to the
// repository root), or rewrites it with -update.
func Golden(t testing.TB, rel string, got []byte) {
	t.Helper()
	p := filepath.Join(RepoRoot(t), "golden", filepath.FromSlash(rel))
	if *Update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("golden file missing (run make golden): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("golden/%s differs from the generated file (run make golden and review the diff):\n--- want\n%s\n--- got\n%s", rel, want, got)
	}
}
