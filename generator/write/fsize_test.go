//go:build linux

package write

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fsizeFiles is the set the child writes: a big file after a small one, so
// the write fails (EFBIG, like a full disk) partway through the set.
func fsizeFiles() []File {
	return []File{
		{Path: "Dockerfile", Content: []byte("new\n")},
		{Path: ".github/workflows/docker-image.yml", Content: []byte("y\n")},
		{Path: ".dockgen.yaml", Content: []byte(strings.Repeat("#", 256<<10))},
	}
}

// A write that fails for real (a file size limit makes write(2) fail with
// EFBIG, as a full disk fails with ENOSPC) changes nothing: the Dockerfile
// used to be replaced already, with no workflow and no .dockgen.yaml.
func TestWriteFailureChangesNothing(t *testing.T) {
	if dir := os.Getenv("DOCKGEN_TEST_FSIZE_DIR"); dir != "" {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 64 << 10, Max: 64 << 10}); err != nil {
			os.Exit(3)
		}
		changes, err := Plan(dir, fsizeFiles(), true)
		if err != nil {
			os.Exit(4)
		}
		if err := Apply(dir, changes); err != nil {
			os.Stderr.WriteString(err.Error())
			os.Exit(1)
		}
		os.Exit(0)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("old\n"), 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteFailureChangesNothing$")
	cmd.Env = append(os.Environ(), "DOCKGEN_TEST_FSIZE_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("want the child's Apply to fail, got %v: %s", err, out)
	}
	if !strings.Contains(string(out), ".dockgen.yaml") || !strings.Contains(string(out), "nothing was written") {
		t.Errorf("error should name the file and say nothing was written: %s", out)
	}
	if got := read(t, filepath.Join(dir, "Dockerfile")); got != "old\n" {
		t.Errorf("Dockerfile = %q, want it untouched", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("want only the Dockerfile, got %v", names)
	}
}
