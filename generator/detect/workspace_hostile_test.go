//go:build unix

package detect_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/detect"
)

// TestWorkspaceFilesAreReadSafely: the files detection reads above or
// beside the project (go.work, a replace target's go.mod) are repository
// files too: a named pipe or a link to /dev/zero there must not hang it.
func TestWorkspaceFilesAreReadSafely(t *testing.T) {
	cases := map[string]func(root string) error{
		"go.work pipe":        func(root string) error { return syscall.Mkfifo(filepath.Join(root, "go.work"), 0o644) },
		"go.work /dev/zero":   func(root string) error { return os.Symlink("/dev/zero", filepath.Join(root, "go.work")) },
		"replace go.mod pipe": func(root string) error { return syscall.Mkfifo(filepath.Join(root, "lib", "go.mod"), 0o644) },
	}
	for name, plant := range cases {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			os.Mkdir(filepath.Join(root, ".git"), 0o755) // the ceiling of the walk up
			os.MkdirAll(filepath.Join(root, "svc"), 0o755)
			os.MkdirAll(filepath.Join(root, "lib"), 0o755)
			os.WriteFile(filepath.Join(root, "svc", "go.mod"), []byte("module example.com/x\n\ngo 1.22\n\nreplace example.com/y => ../lib\n"), 0o644)
			os.WriteFile(filepath.Join(root, "svc", "main.go"), []byte("package main\nfunc main() {}\n"), 0o644)
			if err := plant(root); err != nil {
				t.Skip(err)
			}
			done := make(chan error, 1)
			go func() { _, err := detect.Dir(filepath.Join(root, "svc")); done <- err }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(20 * time.Second):
				// Unblock the reader so the test binary can exit.
				for _, p := range []string{filepath.Join(root, "go.work"), filepath.Join(root, "lib", "go.mod")} {
					if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
						f.Close()
					}
				}
				t.Fatal("detection blocked on a file above the project")
			}
		})
	}
}
