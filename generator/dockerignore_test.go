package generator_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"

	"github.com/dockgen/dockgen/generator/write"
)

// mustExclude are context paths every generated .dockerignore keeps out of
// the build: dockgen's own temp files (a run killed mid-write leaves them).
var mustExclude = []string{
	write.WorkDir + "/lock",
	write.WorkDir + "/0.new",
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
