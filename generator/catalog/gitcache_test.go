package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// testRepo makes a git repository holding a one-template catalog, tagged
// v1, and returns its git+file URL (without git+ and #ref).
func testRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	if err := os.MkdirAll(filepath.Join(repo, "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "go", "template.yaml"), []byte("name: go\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "--quiet", "-b", "main"}, {"add", "."}, {"commit", "--quiet", "-m", "v1"}, {"tag", "v1"}} {
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	return "file://" + filepath.ToSlash(repo)
}

// entryDir is where the cache keeps url (see fetchGitCatalog).
func entryDir(t *testing.T, url string) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(url))
	return filepath.Join(cache, "dockgen", "catalogs", hex.EncodeToString(sum[:8]))
}

// TestGitCacheConcurrentFirstFetch: runs that fetch the same catalog into
// an empty cache at once all succeed and read the same tree.
func TestGitCacheConcurrentFirstFetch(t *testing.T) {
	url := testRepo(t)
	for round := 0; round < 3; round++ {
		t.Setenv("XDG_CACHE_HOME", t.TempDir())
		const n = 8
		var wg sync.WaitGroup
		dirs, commits, errs := make([]string, n), make([]string, n), make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				dirs[i], commits[i], errs[i] = fetchGitCatalog(context.Background(), url, url, "v1", "")
			}()
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil {
				t.Fatalf("round %d, fetch %d: %v", round, i, errs[i])
			}
			if commits[i] != commits[0] || dirs[i] != dirs[0] {
				t.Fatalf("round %d: fetch %d read %s at %s, fetch 0 %s at %s", round, i, dirs[i], commits[i], dirs[0], commits[0])
			}
			if _, err := os.Stat(filepath.Join(dirs[i], "go", "template.yaml")); err != nil {
				t.Fatalf("round %d: incomplete tree: %v", round, err)
			}
		}
	}
}

// TestGitCacheBrokenEntryRefetched: what a killed fetch leaves behind (a
// repository directory git cannot open, a half-extracted tree) is
// detected and replaced instead of failing every later run.
func TestGitCacheBrokenEntryRefetched(t *testing.T) {
	url := testRepo(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	base := entryDir(t, url)
	// A clone killed early: the directory exists, with no HEAD or config.
	if err := os.MkdirAll(filepath.Join(base, "repo.git", "objects", "pack"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(base, "repo.git", "objects", "pack", "tmp_pack_x"), []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir, commit, err := fetchGitCatalog(context.Background(), url, url, "v1", "")
	if err != nil {
		t.Fatalf("a broken cache entry was not refetched: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go", "template.yaml")); err != nil {
		t.Fatal(err)
	}
	// A tree extraction killed half way: the tree is built again and the
	// leftover removed.
	tree := filepath.Join(base, "trees", commit)
	if err := os.RemoveAll(tree); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(base, "trees", ".tmp-killed", "go")
	if err := os.MkdirAll(leftover, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, _, err := fetchGitCatalog(context.Background(), url, url, "v1", commit); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(tree, "go", "template.yaml")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("a killed run's temporary directory is still there: %v", err)
	}
}
