package generator_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/testkit"
	"github.com/dockgen/dockgen/generator/write"
)

// mustExclude are context paths every generated .dockerignore keeps out of
// the build: dockgen's own temp files (a run killed mid-write leaves them),
// and the credential files dockgen lint's DG103 and common scanners flag.
var mustExclude = []string{
	write.WorkDir + "/lock",
	write.WorkDir + "/0.new",
	".aws/credentials", ".aws",
	".git-credentials", "sub/.git-credentials",
	".docker/config.json",
	"credentials.json", "deploy/credentials.json",
	"terraform.tfstate", "infra/prod.tfstate", "terraform.tfstate.backup",
	"secrets/db_password.txt", "deploy/secrets/token.txt",
}

// mustKeep are context paths no generated .dockerignore may exclude: source
// packages that happen to be named like secrets (flipt's internal/secrets:
// its real build stopped at "no required module provides package").
var mustKeep = []string{"internal/secrets/store.go", "src/secrets/index.js", "app/secrets/__init__.py"}

func TestDockerignoreExcludes(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "golden", "*", ".dockerignore"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden .dockerignore files: %v", err)
	}
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		patterns, err := ignorefile.ReadAll(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		pm, err := patternmatcher.New(patterns)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range mustExclude {
			if ok, err := pm.MatchesOrParentMatches(p); err != nil || !ok {
				t.Errorf("%s does not exclude %s", file, p)
			}
		}
		for _, p := range mustKeep {
			if ok, err := pm.MatchesOrParentMatches(p); err != nil || ok {
				t.Errorf("%s excludes %s", file, p)
			}
		}
	}
}

// A project holding AWS credentials: what dockgen writes passes dockgen lint
// (DG103 used to flag .aws, exit 1).
func TestGeneratedFilesPassLintWithCredentialsPresent(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	os.MkdirAll(filepath.Join(dir, ".aws"), 0o700)
	os.WriteFile(filepath.Join(dir, ".aws", "credentials"), []byte("[default]\n"), 0o600)
	res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none"})
	if err != nil {
		t.Fatal(err)
	}
	changes, err := write.Plan(dir, res.Files, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := write.Apply(dir, changes); err != nil {
		t.Fatal(err)
	}
	findings, err := lint.Check(context.Background(), "Dockerfile", res.Files[0].Content, lint.Options{Context: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("finding: %s", f)
	}
}

// An app that checks its environment against .env.example at start
// (dotenv-safe; holdout2 h2-node-11 stopped with "ENOENT .env.example") keeps
// that placeholder in the context; every other .env file stays out.
func TestDockerignoreKeepsTheEnvPlaceholderAnAppReads(t *testing.T) {
	for _, dep := range []string{"dotenv-safe", "dotenv"} {
		dir := t.TempDir()
		for name, body := range map[string]string{
			"package.json": `{"name":"api","scripts":{"start":"node server.js"},"dependencies":{"express":"^4.19.0","` + dep + `":"^8.0.0"}}`,
			"server.js":    "require('" + dep + "').config();\nrequire('express')().listen(3000);\n",
			".env.example": "JWT_SECRET=\n",
			".env":         "JWT_SECRET=real\n",
		} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none"})
		if err != nil {
			t.Fatal(err)
		}
		var ignore []byte
		for _, f := range res.Files {
			if filepath.Base(f.Path) == ".dockerignore" {
				ignore = f.Content
			}
		}
		patterns, err := ignorefile.ReadAll(bytes.NewReader(ignore))
		if err != nil {
			t.Fatal(err)
		}
		pm, _ := patternmatcher.New(patterns)
		kept, _ := pm.MatchesOrParentMatches(".env.example")
		if secret, _ := pm.MatchesOrParentMatches(".env"); !secret {
			t.Errorf("%s: .env is in the context", dep)
		}
		if want := dep == "dotenv"; kept != want {
			t.Errorf("%s: .env.example excluded = %v, want %v", dep, kept, want)
		}
	}
}
