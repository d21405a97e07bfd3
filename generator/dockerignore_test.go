package generator_test

import (
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
}

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
