package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCatalogEnvKeepsGitURLs: DOCKGEN_CATALOG is a ':'-separated list, and
// a git URL in it (git+file:///...#v1) is one catalog, not three pieces.
func TestCatalogEnvKeepsGitURLs(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	repo := t.TempDir()
	files := map[string]string{
		"team-go/template.yaml":   "name: team-go\nkind: dockerfile\nlang: go\ndescription: x\nversion: 1.0.0\nfiles:\n  - template: Dockerfile.tmpl\n    path: Dockerfile\n",
		"team-go/Dockerfile.tmpl": "FROM golang:1.22\n",
	}
	for name, body := range files {
		p := filepath.Join(repo, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"init", "--quiet", "-b", "main"}, {"add", "."}, {"commit", "--quiet", "-m", "v1"}, {"tag", "v1"}} {
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	ref := "git+file://" + filepath.ToSlash(repo) + "#v1"
	code, out, errOut := run(t, map[string]string{"DOCKGEN_CATALOG": ref + ":" + t.TempDir()}, "templates", "list")
	if code != ExitOK || !strings.Contains(out, "team-go") || !strings.Contains(out, ref) {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}
