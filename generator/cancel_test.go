package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestGenerateStopsWhenCancelled: the detection walk, the long step of a
// run in a large monorepo, checks the context (Ctrl-C) instead of reading
// up to 200,000 entries first.
func TestGenerateStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/x\n\ngo 1.22\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\nfunc main() {}\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, Request{Dir: dir}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if _, err := Generate(context.Background(), Request{Dir: dir}); err != nil {
		t.Fatal(err)
	}
}
