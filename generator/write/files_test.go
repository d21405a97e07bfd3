//go:build unix

package write

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// An existing Dockerfile that is a named pipe is refused by path; the plan
// does not wait for a writer that never comes.
func TestExistingNamedPipeIsRefused(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() {
		if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	done := make(chan error, 1)
	go func() {
		_, err := Plan(dir, []File{{Path: "Dockerfile", Content: []byte("x\n")}}, true)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "Dockerfile") || !strings.Contains(err.Error(), "named pipe") {
			t.Fatalf("want an error naming Dockerfile as a named pipe, got %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Plan did not return: it blocks opening a named pipe")
	}
}
