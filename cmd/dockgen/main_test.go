package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds the real dockgen once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dockgen-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "dockgen")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// TestBinary builds the real binary and runs it the way users do.
func TestBinary(t *testing.T) {
	bin := binary(t)
	run := func(dir string, args ...string) (int, string, string) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "CI=true")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, out.String(), errOut.String()
	}
	dir := testkit.Fixture(t, "java-maven-boot")
	if code, _, stderr := run(dir); code != 0 || !strings.Contains(stderr, "java project") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, _ := os.ReadFile(filepath.Join(testkit.RepoRoot(t), "golden", "java-maven-boot-wrapper", "Dockerfile"))
	got, _ := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if !bytes.Equal(got[bytes.IndexByte(got, '\n'):], want[bytes.IndexByte(want, '\n'):]) {
		t.Errorf("binary output differs from the reviewed golden")
	}
	if code, _, stderr := run(dir); code != 0 || strings.Count(stderr, "unchanged") != 4 {
		t.Fatalf("re-run: exit %d: %s", code, stderr)
	}
	code, _, stderr := run(dir, "--nope")
	if code != 2 || !strings.Contains(stderr, "unknown flag: --nope") || !strings.Contains(stderr, "Usage:") {
		t.Fatalf("unknown flag: exit %d: %s", code, stderr)
	}
	if code, stdout, _ := run(dir, "--help"); code != 0 || !strings.Contains(stdout, "Examples:") {
		t.Fatalf("--help: exit %d: %s", code, stdout)
	}
}
