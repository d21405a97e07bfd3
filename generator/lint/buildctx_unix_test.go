//go:build unix

package lint

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A FIFO in the context (or as the Dockerfile) is reported, never opened:
// opening one blocks until a writer comes.
func TestFIFOsAreNotOpened(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, ".dockerignore"), 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	_, err := Check(context.Background(), "Dockerfile", []byte("FROM alpine:3.20\nUSER 1000\n"), Options{Context: dir})
	if err == nil || !strings.Contains(err.Error(), ".dockerignore is not a regular file") {
		t.Errorf(".dockerignore FIFO: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "Dockerfile"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadDockerfile(filepath.Join(dir, "Dockerfile")); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Dockerfile FIFO: %v", err)
	}
}
