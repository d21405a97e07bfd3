package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Issue 17 #10: sources are resolved inside the context as BuildKit does;
// a ".." that climbs out is a finding, and nothing outside is read.
func TestSourcesResolvedInsideContext(t *testing.T) {
	top := t.TempDir()
	writeFiles(t, top, map[string]string{
		"secret.txt":   "s3cret\n",
		"settings.xml": "<settings><password>x</password></settings>\n",
		"ctx/go.mod":   "module x\n",
	})
	ctx := filepath.Join(top, "ctx")
	check := func(df string) []Finding {
		t.Helper()
		fs, err := Check(context.Background(), "Dockerfile", []byte("FROM alpine:3.20\n"+df+"USER 1000\n"), Options{Context: ctx})
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}
	bad := check("COPY ../secret.txt /y\n")
	if !has(bad, "DG105", 2) || has(bad, "DG101", 0) {
		t.Errorf("../secret.txt: %v", bad)
	}
	if bad := check("COPY ../../../../../../../etc/passwd /y\n"); !has(bad, "DG105", 2) {
		t.Errorf("../../etc/passwd: %v", bad)
	}
	if bad := check("RUN --mount=type=bind,source=../secret.txt,target=/s true\n"); !has(bad, "DG105", 2) {
		t.Errorf("bind mount ../: %v", bad)
	}
	// settings.xml outside the context holds a password; inside there is
	// none, so BuildKit copies nothing and lint must not read the outside one.
	if bad := check("COPY ../settings.xml /root/.m2/\n"); has(bad, "DG304", 0) || !has(bad, "DG105", 2) {
		t.Errorf("../settings.xml: %v", bad)
	}
	if good := check("COPY go.mod /y\nCOPY /go.mod ./go.mod /z/\n"); len(good) != 0 {
		t.Errorf("good twin: %v", good)
	}
}

func TestContextReadsAreBounded(t *testing.T) {
	top := t.TempDir()
	writeFiles(t, top, map[string]string{"outside/go.mod": "module secret.example/x\n", "ctx/main.go": "package main\n"})
	ctx := filepath.Join(top, "ctx")
	df := []byte("FROM alpine:3.20\nUSER 1000\n")
	// A symlink out of the context is not followed; the error names the
	// file and echoes nothing of what it points at.
	if err := os.Symlink(filepath.Join("..", "outside", "go.mod"), filepath.Join(ctx, "go.mod")); err != nil {
		t.Fatal(err)
	}
	_, err := Check(context.Background(), "Dockerfile", df, Options{Context: ctx})
	if err == nil || !strings.Contains(err.Error(), "go.mod") || strings.Contains(err.Error(), "secret.example") {
		t.Errorf("go.mod -> ../outside: %v", err)
	}
	os.Remove(filepath.Join(ctx, "go.mod"))
	// A symlink to an endless device is refused before it is read.
	if err := os.Symlink("/dev/zero", filepath.Join(ctx, ".dockerignore")); err != nil {
		t.Fatal(err)
	}
	if _, err := Check(context.Background(), "Dockerfile", df, Options{Context: ctx}); err == nil || !strings.Contains(err.Error(), ".dockerignore") {
		t.Errorf(".dockerignore -> /dev/zero: %v", err)
	}
	os.Remove(filepath.Join(ctx, ".dockerignore"))
	// A file over the cap inside the context is refused, not read whole.
	writeFiles(t, ctx, map[string]string{"go.mod": "module x\n" + strings.Repeat("// pad\n", maxContextFile/7+1)})
	if _, err := Check(context.Background(), "Dockerfile", df, Options{Context: ctx}); err == nil || !strings.Contains(err.Error(), "go.mod is larger than") {
		t.Errorf("large go.mod: %v", err)
	}
	writeFiles(t, ctx, map[string]string{"go.mod": "module x\n"})
	if _, err := Check(context.Background(), "Dockerfile", df, Options{Context: ctx}); err != nil {
		t.Errorf("good twin: %v", err)
	}
}
