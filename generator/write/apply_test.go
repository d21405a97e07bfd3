package write

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(b)
}

// Concurrent runs in one project (dockgen --port 1111 & dockgen --port 2222 &):
// all plan before any writes, which is the window where they used to both
// succeed and mix their files. Exactly one may write, and its file set must
// be whole.
func TestConcurrentRunsOneWins(t *testing.T) {
	const runs = 8
	for round := range 5 {
		dir := t.TempDir()
		plans := make([][]Change, runs)
		for i := range runs {
			files := []File{
				{Path: "Dockerfile", Content: fmt.Appendf(nil, "EXPOSE %d\n", i)},
				{Path: ".github/workflows/docker-image.yml", Content: fmt.Appendf(nil, "run: %d\n", i)},
				{Path: ".dockgen.yaml", Content: fmt.Appendf(nil, "port: %d\n", i)},
			}
			var err error
			if plans[i], err = Plan(dir, files, false); err != nil {
				t.Fatal(err)
			}
		}
		errs := make([]error, runs)
		var start, wg sync.WaitGroup
		start.Add(1)
		for i := range runs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				start.Wait()
				errs[i] = Apply(dir, plans[i])
			}()
		}
		start.Done()
		wg.Wait()
		winner := -1
		for i, err := range errs {
			if err == nil {
				if winner >= 0 {
					t.Fatalf("round %d: runs %d and %d both wrote", round, winner, i)
				}
				winner = i
				continue
			}
			var busy *BusyError
			var changed *ChangedError
			if !errors.As(err, &busy) && !errors.As(err, &changed) {
				t.Errorf("round %d: run %d: unexpected error %v", round, i, err)
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: no run wrote: %v", round, errs)
		}
		want := []string{fmt.Sprintf("EXPOSE %d\n", winner), fmt.Sprintf("run: %d\n", winner), fmt.Sprintf("port: %d\n", winner)}
		for j, p := range []string{"Dockerfile", ".github/workflows/docker-image.yml", ".dockgen.yaml"} {
			if got := read(t, filepath.Join(dir, p)); got != want[j] {
				t.Errorf("round %d: %s = %q, want the winner's %q", round, p, got, want[j])
			}
		}
		if _, err := os.Lstat(filepath.Join(dir, WorkDir)); !os.IsNotExist(err) {
			t.Errorf("round %d: %s left behind", round, WorkDir)
		}
	}
}

// A run that finds the lock held says so, with the holder's pid.
func TestLockHeldByAnotherRun(t *testing.T) {
	dir := t.TempDir()
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	lk, err := acquire(r)
	if err != nil {
		t.Fatal(err)
	}
	changes, _ := Plan(dir, []File{{Path: "Dockerfile", Content: []byte("x\n")}}, false)
	err = Apply(dir, changes)
	var busy *BusyError
	if !errors.As(err, &busy) || !strings.Contains(err.Error(), fmt.Sprintf("another dockgen is writing here (pid %d)", os.Getpid())) {
		t.Fatalf("want a busy error naming pid %d, got %v", os.Getpid(), err)
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); !os.IsNotExist(err) {
		t.Error("wrote while another run held the lock")
	}
	lk.release()
	if err := Apply(dir, changes); err != nil {
		t.Fatalf("after the other run ended: %v", err)
	}
}

// A file that appears after the plan (another program, or another run that
// got in first) is never replaced, even though the plan said "created".
func TestFileAppearingAfterThePlanIsNotReplaced(t *testing.T) {
	dir := t.TempDir()
	changes, err := Plan(dir, []File{{Path: "Dockerfile", Content: []byte("dockgen\n")}, {Path: ".dockgen.yaml", Content: []byte("a\n")}}, true)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("theirs\n"), 0o644)
	err = Apply(dir, changes)
	var changed *ChangedError
	if !errors.As(err, &changed) || changed.Path != "Dockerfile" {
		t.Fatalf("want a ChangedError on Dockerfile, got %v", err)
	}
	if got := read(t, filepath.Join(dir, "Dockerfile")); got != "theirs\n" {
		t.Errorf("Dockerfile replaced: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".dockgen.yaml")); !os.IsNotExist(err) {
		t.Error("wrote part of the set")
	}

	// The same when it appears after the check, between the temp files and
	// the link: the link fails instead of replacing it.
	dir = t.TempDir()
	changes, _ = Plan(dir, []File{{Path: ".dockgen.yaml", Content: []byte("a\n")}, {Path: "Dockerfile", Content: []byte("dockgen\n")}}, true)
	testHookBeforeCommit = func() error {
		return os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("theirs\n"), 0o644)
	}
	defer func() { testHookBeforeCommit = func() error { return nil } }()
	err = Apply(dir, changes)
	if !errors.As(err, &changed) || changed.Path != "Dockerfile" {
		t.Fatalf("want a ChangedError on Dockerfile, got %v", err)
	}
	if got := read(t, filepath.Join(dir, "Dockerfile")); got != "theirs\n" {
		t.Errorf("Dockerfile replaced: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".dockgen.yaml")); !os.IsNotExist(err) {
		t.Error(".dockgen.yaml written although the set failed")
	}
}

// An overwrite planned with --force is refused when the file changed since.
func TestOverwriteOfAFileChangedSinceThePlan(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	os.WriteFile(p, []byte("old\n"), 0o644)
	changes, _ := Plan(dir, []File{{Path: "Dockerfile", Content: []byte("new\n")}}, true)
	os.Remove(p)
	os.WriteFile(p, []byte("edited meanwhile\n"), 0o644)
	var changed *ChangedError
	if err := Apply(dir, changes); !errors.As(err, &changed) {
		t.Fatalf("want a ChangedError, got %v", err)
	}
	if got := read(t, p); got != "edited meanwhile\n" {
		t.Errorf("got %q", got)
	}
}

// A dangling .github symlink used to leave the Dockerfile written and no
// workflow nor .dockgen.yaml: the set is applied whole or not at all.
func TestDanglingDirectoryLinkWritesNothing(t *testing.T) {
	dir := t.TempDir()
	os.Symlink("missing", filepath.Join(dir, ".github"))
	files := []File{
		{Path: "Dockerfile", Content: []byte("x\n")},
		{Path: ".github/workflows/docker-image.yml", Content: []byte("y\n")},
		{Path: ".dockgen.yaml", Content: []byte("z\n")},
	}
	changes, err := Plan(dir, files, false)
	if err != nil {
		t.Fatal(err)
	}
	err = Apply(dir, changes)
	if err == nil || !strings.Contains(err.Error(), ".github") {
		t.Fatalf("want an error naming .github, got %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("want only the .github link left, got %v", names)
	}
}

// A failure midway through the renames restores every file already
// replaced and removes the new ones and the directories made for them.
func TestFailureMidwayRollsBack(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("old\n"), 0o600)
	files := []File{
		{Path: "Dockerfile", Content: []byte("new\n")},
		{Path: ".github/workflows/docker-image.yml", Content: []byte("y\n")},
		{Path: ".dockgen.yaml", Content: []byte("z\n")},
	}
	changes, err := Plan(dir, files, true)
	if err != nil {
		t.Fatal(err)
	}
	testHookAfterStep = func(p string) error {
		if p == ".github/workflows/docker-image.yml" {
			return errors.New("injected failure")
		}
		return nil
	}
	defer func() { testHookAfterStep = func(string) error { return nil } }()
	if err := Apply(dir, changes); err == nil {
		t.Fatal("want the injected failure")
	}
	fi, _ := os.Stat(filepath.Join(dir, "Dockerfile"))
	if got := read(t, filepath.Join(dir, "Dockerfile")); got != "old\n" || fi.Mode().Perm() != 0o600 {
		t.Errorf("Dockerfile not restored: %q %v", got, fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("want only Dockerfile left, got %v", names)
	}
}

// What a run killed mid-write left (temp files in WorkDir, and the
// .NAME.dockgen-NNNN files of older versions) is removed by the next run.
func TestStaleTempFilesAreCleaned(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, WorkDir), 0o700)
	os.WriteFile(filepath.Join(dir, WorkDir, "0.new"), []byte("partial"), 0o600)
	os.WriteFile(filepath.Join(dir, ".Dockerfile.dockgen-123456"), []byte("partial"), 0o600)
	os.WriteFile(filepath.Join(dir, ".Dockerfile.dockgen-notmine"), []byte("keep"), 0o600)
	changes, _ := Plan(dir, []File{{Path: "Dockerfile", Content: []byte("x\n")}}, false)
	if err := Apply(dir, changes); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".Dockerfile.dockgen-notmine Dockerfile" {
		t.Errorf("left: %v", names)
	}
}

// A repository can carry .dockgen-tmp itself: a lock that is a symbolic link
// to one of the user's files must not be opened for writing through.
func TestPlantedLockLinkIsNotFollowed(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("mine\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, WorkDir), 0o755)
	os.Symlink("../Dockerfile", filepath.Join(dir, WorkDir, "lock"))
	changes, _ := Plan(dir, []File{{Path: ".dockerignore", Content: []byte("x\n")}}, false)
	if err := Apply(dir, changes); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "Dockerfile")); got != "mine\n" {
		t.Errorf("Dockerfile changed through the lock link: %q", got)
	}
}
