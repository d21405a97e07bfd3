package write

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRefusesToOverwriteWithoutForce(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("mine\n"), 0o600)
	files := []File{{Path: "Dockerfile", Content: []byte("new\n")}, {Path: ".dockerignore", Content: []byte("x\n")}}
	changes, err := Plan(dir, files, false)
	if err != nil {
		t.Fatal(err)
	}
	err = Apply(dir, changes)
	var ce *ConflictError
	if !errors.As(err, &ce) || len(ce.Paths) != 1 || ce.Paths[0] != "Dockerfile" {
		t.Fatalf("want a conflict on Dockerfile, got %v", err)
	}
	if !strings.Contains(err.Error(), "--force") || !strings.Contains(err.Error(), "--dry-run") {
		t.Errorf("error should suggest --dry-run and --force: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); string(b) != "mine\n" {
		t.Errorf("user file changed: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, ".dockerignore")); !os.IsNotExist(err) {
		t.Errorf("a conflict must write nothing, but .dockerignore exists")
	}
}

func TestForceOverwritesAtomicallyAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	os.WriteFile(p, []byte("mine\n"), 0o600)
	changes, err := Plan(dir, []File{{Path: "Dockerfile", Content: []byte("new\n")}, {Path: "a/b/c.yml", Content: []byte("c\n")}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if changes[0].Status != Overwritten || changes[1].Status != Created {
		t.Fatalf("statuses: %v %v", changes[0].Status, changes[1].Status)
	}
	if err := Apply(dir, changes); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if b, _ := os.ReadFile(p); string(b) != "new\n" || fi.Mode().Perm() != 0o600 {
		t.Errorf("got %q mode %v, want new content with mode 0600", b, fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".dockgen-") {
			t.Errorf("temp file left behind: %s", e.Name())
		}
	}
}

func TestIdenticalContentIsUnchanged(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("same\n"), 0o644)
	changes, _ := Plan(dir, []File{{Path: "Dockerfile", Content: []byte("same\n")}}, false)
	if changes[0].Status != Unchanged {
		t.Fatalf("got %v", changes[0].Status)
	}
	if err := Apply(dir, changes); err != nil {
		t.Fatal(err)
	}
}

func TestRefusesPathsOutsideTheProject(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	os.Symlink(outside, filepath.Join(dir, "link"))
	os.Symlink(filepath.Join(outside, "f"), filepath.Join(dir, "Dockerfile"))
	for _, p := range []string{"../x", "/etc/passwd", "a/../../x", "link/Dockerfile", "Dockerfile"} {
		if _, err := Plan(dir, []File{{Path: p, Content: []byte("x")}}, true); err == nil {
			t.Errorf("%s: want an error", p)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("wrote outside the project: %v", entries)
	}
}

// TestRefusalNamesTheFileAndTheLink: the error names the file dockgen was
// to write and the link on its way, both as paths in the project, and
// nothing of where the link points.
func TestRefusalNamesTheFileAndTheLink(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".github"), 0o755)
	os.Symlink(outside, filepath.Join(dir, ".github", "workflows"))
	_, err := Plan(dir, []File{{Path: ".github/workflows/docker.yml", Content: []byte("x")}}, true)
	want := "refusing to write .github/workflows/docker.yml: .github/workflows leads outside the project directory"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
}

func TestDiff(t *testing.T) {
	d, err := Diff(Change{File: File{Path: "Dockerfile", Content: []byte("a\nb\n")}, Status: Overwritten, Old: []byte("a\n")})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d, "--- a/Dockerfile") || !strings.Contains(d, "+b") {
		t.Errorf("unexpected diff:\n%s", d)
	}
	d, _ = Diff(Change{File: File{Path: "new", Content: []byte("x\n")}, Status: Created})
	if !strings.Contains(d, "--- /dev/null") {
		t.Errorf("new file diff should come from /dev/null:\n%s", d)
	}
}
