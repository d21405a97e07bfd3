package generator_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/testkit"
)

var suggestedDirRe = regexp.MustCompile(`dockgen --dir (\S+)`)

// TestSuggestionsDoNotLoop: for every fixture, from its root and from every
// project directory detection lists, each `dockgen --dir X` a refusal
// suggests is run; it must not print the same suggestion again (a user
// following dockgen's advice never goes round in a circle).
func TestSuggestionsDoNotLoop(t *testing.T) {
	fixtures, _ := filepath.Glob(filepath.Join(testkit.RepoRoot(t), "generator", "testdata", "fixtures", "*.txtar"))
	for _, f := range fixtures {
		name := strings.TrimSuffix(filepath.Base(f), ".txtar")
		t.Run(name, func(t *testing.T) {
			root := testkit.Fixture(t, name)
			starts := []string{root}
			if res, err := detect.Dir(root); err == nil {
				for _, p := range res.Projects {
					starts = append(starts, filepath.Join(root, filepath.FromSlash(p.Path)))
				}
			}
			for _, dir := range starts {
				_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none"})
				var pick *generator.PickProjectError
				if !errors.As(err, &pick) {
					continue
				}
				for _, m := range suggestedDirRe.FindAllStringSubmatch(err.Error(), -1) {
					next := m[1]
					if _, serr := os.Stat(next); serr != nil {
						t.Errorf("%s suggests --dir %s, which does not exist", dir, next)
						continue
					}
					_, err2 := generator.Generate(context.Background(), generator.Request{Dir: next, CI: "none"})
					if err2 != nil && suggestedDirRe.MatchString(err2.Error()) {
						for _, m2 := range suggestedDirRe.FindAllStringSubmatch(err2.Error(), -1) {
							if filepath.Clean(m2[1]) == filepath.Clean(next) || err2.Error() == err.Error() {
								t.Errorf("following %q from %s loops:\n%v", m[0], dir, err2)
							}
						}
					}
				}
			}
		})
	}
}

// TestWorkspaceMemberFindsItsRoot: generated from inside a member, the
// build root is found above it and every file lands where its tool reads
// it: the Dockerfile and its ignore file beside the project, the CI
// workflow at the repository's top level.
func TestWorkspaceMemberFindsItsRoot(t *testing.T) {
	root := testkit.Fixture(t, "ws-pnpm-catalog")
	res, err := generator.Generate(context.Background(), generator.Request{Dir: filepath.Join(root, "apps", "web")})
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(root)
	if res.Root != real {
		t.Errorf("files relative to %s, want the git top-level %s", res.Root, real)
	}
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
	}
	want := "apps/web/Dockerfile apps/web/Dockerfile.dockerignore .github/workflows/docker-image-web.yml apps/web/.dockgen.yaml"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("files %s, want %s", got, want)
	}
	if c := res.Plan.Context; c.Root != "../.." || c.App != "apps/web" || c.Command() != "docker build -f apps/web/Dockerfile ." {
		t.Errorf("context %+v", c)
	}
}

// TestReplaceOutsideTheRepository: a directory replace no build context can
// hold is an error naming the go.mod line, not a build that fails later.
func TestReplaceOutsideTheRepository(t *testing.T) {
	dir := testkit.Fixture(t, "trap-go-replace-outside")
	_, err := generator.Generate(context.Background(), generator.Request{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "go.mod:5: replace example.com/lib => ../lib") || !strings.Contains(err.Error(), "outside the repository") {
		t.Fatalf("err = %v, want the replace line and why", err)
	}
}

// TestWorkspaceNamesAreValidated: a package name that is not a package name
// never reaches a RUN line; the build falls back to directories.
func TestWorkspaceNamesAreValidated(t *testing.T) {
	root := testkit.Fixture(t, "trap-node-workspace-hostile")
	res, err := generator.Generate(context.Background(), generator.Request{Dir: filepath.Join(root, "apps", "web"), CI: "none"})
	if err != nil {
		t.Fatal(err)
	}
	df := string(res.Files[0].Content)
	if strings.Contains(df, "evil") || !strings.Contains(df, "npm run build --workspace=apps/web") {
		t.Errorf("Dockerfile:\n%s", df)
	}
	if !strings.Contains(strings.Join(res.Warnings, "\n"), "cannot be used in a build command") {
		t.Errorf("no warning about the name: %v", res.Warnings)
	}
}

// TestGitLabIncludesOfTwoProjectsDoNotCollide: GitLab merges every include
// into one pipeline, a job name defined twice keeping only the last
// definition. Two members' include files may share a key only where both
// say the same; each project scans its own image in a job of its own.
func TestGitLabIncludesOfTwoProjectsDoNotCollide(t *testing.T) {
	root := testkit.Fixture(t, "ws-pnpm-catalog")
	merged := map[string]any{}
	from := map[string]string{}
	for _, app := range []string{"web", "docs"} {
		res, err := generator.Generate(context.Background(), generator.Request{Dir: filepath.Join(root, "apps", app), CI: "gitlab"})
		if err != nil {
			t.Fatal(err)
		}
		var inc []byte
		for _, f := range res.Files {
			if f.Path == ".gitlab/ci/docker-image-"+app+".yml" {
				inc = f.Content
			}
		}
		if inc == nil {
			t.Fatalf("%s: no include file among the generated files", app)
		}
		var doc map[string]any
		if err := yaml.Unmarshal(inc, &doc); err != nil {
			t.Fatal(err)
		}
		for k, v := range doc {
			if prev, ok := merged[k]; ok && k != "include" && !reflect.DeepEqual(prev, v) {
				t.Errorf("job %q of %s's include collides with %s's (GitLab keeps only one)", k, app, from[k])
			}
			merged[k], from[k] = v, app
		}
	}
	for _, app := range []string{"web", "docs"} {
		job, ok := merged["container_scanning-"+app].(map[string]any)
		if !ok {
			t.Fatalf("no scanning job for %s: %v", app, merged)
		}
		vars, _ := job["variables"].(map[string]any)
		if job["extends"] != "container_scanning" || vars["CS_IMAGE"] != "$CI_REGISTRY_IMAGE/"+app+":$CI_COMMIT_SHA" {
			t.Errorf("%s's scanning job: %v", app, job)
		}
		if _, ok := merged["docker-image-"+app]; !ok {
			t.Errorf("no build job for %s", app)
		}
	}
}
