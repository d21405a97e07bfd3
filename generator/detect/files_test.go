//go:build unix

package detect_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/detect"
)

// detectWithin runs detection and fails when it has not returned after a
// generous bound: the bug guarded against is an open that never returns.
func detectWithin(t *testing.T, root string) *detect.Result {
	t.Helper()
	type out struct {
		res *detect.Result
		err error
	}
	done := make(chan out, 1)
	go func() { r, err := detect.Dir(root); done <- out{r, err} }()
	select {
	case o := <-done:
		if o.err != nil {
			t.Fatal(o.err)
		}
		return o.res
	case <-time.After(20 * time.Second):
		t.Fatal("detection did not return: it blocks opening a named pipe")
	}
	return nil
}

func fifo(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	t.Cleanup(func() { // release a reader a failing run left blocked
		if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
}

func warningsOf(r *detect.Result) string {
	var ws []string
	for _, w := range r.Warnings {
		ws = append(ws, w.String())
	}
	return strings.Join(ws, "\n")
}

// Named pipes where manifests are expected (mkfifo go.mod; a package.json six
// levels down; a pipe named like a Go cmd directory) are reported by path,
// never opened in a way that waits for a writer.
func TestNamedPipesAreReportedNotOpened(t *testing.T) {
	root := t.TempDir()
	fifo(t, filepath.Join(root, "go.mod"))
	fifo(t, filepath.Join(root, "a", "b", "c", "d", "e", "f", "package.json"))
	res := detectWithin(t, root)
	ws := warningsOf(res)
	for _, want := range []string{"go.mod: skipped: not a regular file (a named pipe)", "a/b/c/d/e/f/package.json: skipped: not a regular file (a named pipe)"} {
		if !strings.Contains(ws, want) {
			t.Errorf("no warning %q in:\n%s", want, ws)
		}
	}

	// A real Go module whose cmd/ is a pipe.
	root = t.TempDir()
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/x\n\ngo 1.22\n"), 0o644)
	os.WriteFile(filepath.Join(root, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644)
	fifo(t, filepath.Join(root, "cmd"))
	res = detectWithin(t, root)
	if len(res.Projects) != 1 || res.Projects[0].Lang != "go" {
		t.Errorf("want the Go project still detected, got %+v", res.Projects)
	}
}

// A manifest linked to /dev/zero or to a file outside the project is not read.
func TestLinksOutOfTheProjectAreNotRead(t *testing.T) {
	root := t.TempDir()
	os.Symlink("/dev/zero", filepath.Join(root, "package.json"))
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/x\n\ngo 1.22\n"), 0o644)
	os.Symlink("/dev/zero", filepath.Join(root, ".go-version"))
	res := detectWithin(t, root)
	if len(res.Projects) != 1 || res.Projects[0].Version != "1.22" {
		t.Errorf("want go 1.22 from go.mod, got %+v", res.Projects)
	}
}

// npm accepts a UTF-8 byte order mark in package.json, so dockgen does too.
func TestByteOrderMarkInManifests(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "package.json"), []byte("\xef\xbb\xbf"+`{"name":"x","engines":{"node":"20"},"main":"server.js","dependencies":{"express":"4"}}`), 0o644)
	os.WriteFile(filepath.Join(root, "server.js"), []byte("require('express')().listen(4100)\n"), 0o644)
	res := detectWithin(t, root)
	if len(res.Projects) != 1 {
		t.Fatalf("projects: %+v, warnings:\n%s", res.Projects, warningsOf(res))
	}
	p := res.Projects[0]
	if p.Lang != "node" || p.Version != "20" || p.Framework != "express" || p.Entry != "server.js" {
		t.Errorf("got %+v; warnings:\n%s", p, warningsOf(res))
	}
	if strings.Contains(warningsOf(res), "malformed") {
		t.Errorf("a BOM made package.json malformed:\n%s", warningsOf(res))
	}

	root = t.TempDir()
	os.WriteFile(filepath.Join(root, "pyproject.toml"), []byte("\xef\xbb\xbf[project]\nname = \"x\"\nrequires-python = \">=3.11\"\ndependencies = [\"flask\"]\n"), 0o644)
	os.WriteFile(filepath.Join(root, "app.py"), []byte("from flask import Flask\napp = Flask(__name__)\n"), 0o644)
	res = detectWithin(t, root)
	if len(res.Projects) != 1 || res.Projects[0].Version != ">=3.11" || strings.Contains(warningsOf(res), "pyproject.toml") {
		t.Errorf("pyproject.toml with a BOM: %+v\n%s", res.Projects, warningsOf(res))
	}
}
