package generator_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v3"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/testkit"
	"github.com/dockgen/dockgen/generator/write"
)

// detectGoldens is golden/'s folder of detection outputs (generator/detect's tests).
const detectGoldens = "detect"

// goldenDirs returns every scenario folder under golden/.
func goldenDirs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(testkit.RepoRoot(t), "golden"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != detectGoldens {
			out = append(out, projectDir(t, filepath.Join(testkit.RepoRoot(t), "golden", e.Name())))
		}
	}
	if len(out) < 30 {
		t.Fatalf("only %d golden scenarios; expected the full matrix", len(out))
	}
	return out
}

// projectDir is the directory of a scenario's Dockerfile: the scenario's
// own for a self-contained project, the member's below the repository's
// top level for a workspace member.
func projectDir(t *testing.T, scenario string) string {
	t.Helper()
	found := scenario
	filepath.WalkDir(scenario, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "Dockerfile" {
			found = filepath.Dir(p)
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

func TestGoldenDockerfilesPassBuildKitChecks(t *testing.T) {
	for _, dir := range goldenDirs(t) {
		dt, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
		if err != nil {
			t.Fatal(err)
		}
		findings, err := lint.BuildKit(context.Background(), "Dockerfile", dt)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range findings {
			t.Errorf("%s: %s", filepath.Base(dir), f)
		}
	}
}

// TestGoldenDockerfilesMeetContract checks the output contract of DESIGN.md
// on the parsed instructions of every golden Dockerfile.
func TestGoldenDockerfilesMeetContract(t *testing.T) {
	mirrorVar := regexp.MustCompile(`(?i)^(GOPROXY|GOSUMDB|npm_config_registry|pnpm_config_registry|YARN_NPM_REGISTRY_SERVER|BUN_CONFIG_REGISTRY|PIP_INDEX_URL|MAVEN_MIRROR|MVNW_REPOURL|APT_MIRROR)=`)
	versionArg := regexp.MustCompile(`^[A-Z][A-Z0-9]*_VERSION=[0-9]+(\.[0-9]+)*$`)
	for _, dir := range goldenDirs(t) {
		name := filepath.Base(dir)
		dt, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
		if err != nil {
			t.Fatal(err)
		}
		ans, err := os.ReadFile(filepath.Join(dir, ".dockgen.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		cn := bytes.Contains(ans, []byte("\nregion: cn\n"))
		if hasSyntax := bytes.HasPrefix(dt, []byte("# syntax=docker/dockerfile:1\n")); hasSyntax == cn {
			t.Errorf("%s: syntax line present=%v, want %v (cn drops it)", name, hasSyntax, !cn)
		}
		if bytes.Contains(dt, []byte("<<")) {
			t.Errorf("%s: heredoc: buildah cannot build it", name)
		}
		res, err := parser.Parse(bytes.NewReader(dt))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var stages [][]*parser.Node
		sawVersionArg := false
		for _, n := range res.AST.Children {
			cmd := strings.ToLower(n.Value)
			if cmd == "from" {
				stages = append(stages, nil)
				if len(n.Next.Next.Next.Value) == 0 || !regexp.MustCompile(`^[a-z0-9-]+$`).MatchString(n.Next.Next.Next.Value) {
					t.Errorf("%s:%d: stage without a name", name, n.StartLine)
				}
				if !strings.Contains(n.Original, " AS ") {
					t.Errorf("%s:%d: want uppercase AS", name, n.StartLine)
				}
				if strings.Contains(n.Next.Value, ":latest") {
					t.Errorf("%s:%d: latest tag", name, n.StartLine)
				}
			}
			if len(stages) == 0 {
				if cmd == "arg" && versionArg.MatchString(n.Next.Value) {
					sawVersionArg = true
				}
				continue
			}
			stages[len(stages)-1] = append(stages[len(stages)-1], n)
			// Portability: flags buildah and older BuildKit reject.
			for _, fl := range n.Flags {
				for _, banned := range []string{"--link", "--network", "--checksum", "--exclude"} {
					if strings.HasPrefix(fl, banned) {
						t.Errorf("%s:%d: %s %s is not portable to buildah", name, n.StartLine, n.Value, fl)
					}
				}
			}
		}
		if !sawVersionArg {
			t.Errorf("%s: no top-level language version ARG with a pinned default", name)
		}
		if len(stages) < 2 {
			t.Errorf("%s: want a multi-stage build, got %d stage(s)", name, len(stages))
			continue
		}
		runtime := stages[len(stages)-1]
		var user, expose, start *parser.Node
		for _, n := range runtime {
			switch strings.ToLower(n.Value) {
			case "user":
				user = n
			case "expose":
				expose = n
			case "cmd", "entrypoint":
				start = n
			case "arg", "env":
				for a := n.Next; a != nil; a = a.Next {
					if mirrorVar.MatchString(a.Value) || (a.Next != nil && mirrorVar.MatchString(a.Value+"="+a.Next.Value)) {
						t.Errorf("%s:%d: mirror setting %s in the runtime stage", name, n.StartLine, a.Value)
					}
				}
			}
		}
		if user == nil {
			t.Errorf("%s: runtime stage sets no USER", name)
		} else {
			uid, err := strconv.Atoi(strings.SplitN(user.Next.Value, ":", 2)[0])
			if err != nil || uid == 0 {
				t.Errorf("%s:%d: USER %s: want a numeric non-root UID", name, user.StartLine, user.Next.Value)
			}
		}
		// A command-line tool (no listener found) says why it has none.
		if expose == nil && !bytes.Contains(dt, []byte("\n# No EXPOSE: ")) {
			t.Errorf("%s: runtime stage has no EXPOSE", name)
		}
		if start == nil || start.Attributes["json"] != true {
			t.Errorf("%s: runtime stage needs an exec-form CMD or ENTRYPOINT", name)
		}
		checkIgnoredSources(t, dir, stages)
	}
}

// checkIgnoredSources fails when .dockerignore excludes a file that a COPY
// or a bind mount takes from the build context.
func checkIgnoredSources(t *testing.T, dir string, stages [][]*parser.Node) {
	// BuildKit prefers <Dockerfile>.dockerignore (a workspace member's).
	f, err := os.Open(filepath.Join(dir, "Dockerfile.dockerignore"))
	if os.IsNotExist(err) {
		f, err = os.Open(filepath.Join(dir, ".dockerignore"))
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	patterns, err := ignorefile.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	bindSrc := regexp.MustCompile(`type=bind,source=([^,\s]+)`)
	for _, stage := range stages {
		for _, n := range stage {
			var srcs []string
			switch strings.ToLower(n.Value) {
			case "copy", "add":
				fromStage := false
				for _, fl := range n.Flags {
					fromStage = fromStage || strings.HasPrefix(fl, "--from=")
				}
				if fromStage {
					continue
				}
				for a := n.Next; a != nil && a.Next != nil; a = a.Next {
					srcs = append(srcs, a.Value)
				}
			case "run":
				for _, fl := range n.Flags {
					if m := bindSrc.FindStringSubmatch(fl); m != nil {
						srcs = append(srcs, m[1])
					}
				}
			}
			for _, s := range srcs {
				s = strings.TrimSuffix(strings.TrimPrefix(s, "./"), "/")
				if s == "." || s == "" {
					continue
				}
				if ignored, _ := pm.MatchesOrParentMatches(s); ignored {
					t.Errorf("%s:%d: .dockerignore excludes %s, which the Dockerfile copies", filepath.Base(dir), n.StartLine, s)
				}
			}
		}
	}
}

func TestGoldenWorkflowsPassActionlint(t *testing.T) {
	n := 0
	roots, _ := filepath.Glob(filepath.Join(testkit.RepoRoot(t), "golden", "*", ".github", "workflows", "docker-image*.yml"))
	for _, p := range roots {
		dir := filepath.Dir(filepath.Dir(filepath.Dir(p)))
		dt, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n++
		l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		errs, err := l.Lint(p, dt, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range errs {
			t.Errorf("%s: %s", filepath.Base(dir), e.Error())
		}
	}
	if n == 0 {
		t.Fatal("no GitHub workflow among the goldens")
	}
}

func TestGoldenGitLabPipelinesParse(t *testing.T) {
	n := 0
	for _, dir := range goldenDirs(t) {
		dt, err := os.ReadFile(filepath.Join(dir, ".gitlab-ci.yml"))
		if os.IsNotExist(err) {
			continue
		}
		n++
		var doc map[string]any
		if err := yaml.Unmarshal(dt, &doc); err != nil {
			t.Fatalf("%s: %v", filepath.Base(dir), err)
		}
		job, ok := doc["docker-image"].(map[string]any)
		if !ok {
			t.Fatalf("%s: no docker-image job", filepath.Base(dir))
		}
		if job["stage"] != "build" || job["script"] == nil {
			t.Errorf("%s: docker-image job needs stage build and a script: %v", filepath.Base(dir), job)
		}
		if _, ok := doc["container_scanning"]; !ok {
			t.Errorf("%s: no container_scanning job", filepath.Base(dir))
		}
	}
	if n == 0 {
		t.Fatal("no GitLab pipeline among the goldens")
	}
}

// TestGoldenDockerfilesPassDockgenLint: every golden Dockerfile has zero
// findings from `dockgen lint`'s own rules as well as BuildKit's.
func TestGoldenDockerfilesPassDockgenLint(t *testing.T) {
	for _, dir := range goldenDirs(t) {
		data, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
		if err != nil {
			t.Fatal(err)
		}
		fs, err := lint.Check(context.Background(), "Dockerfile", data, lint.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			t.Errorf("%s: %s", filepath.Base(dir), f)
		}
	}
}

// TestGeneratedFilesPassLintInTheirContext: generated into a fixture, the
// Dockerfile and .dockerignore pass the context rules too (every COPY
// source exists and is not ignored, nothing sensitive leaks).
func TestGeneratedFilesPassLintInTheirContext(t *testing.T) {
	fixtures, _ := filepath.Glob(filepath.Join(testkit.RepoRoot(t), "generator", "testdata", "fixtures", "*.txtar"))
	for _, f := range fixtures {
		name := strings.TrimSuffix(filepath.Base(f), ".txtar")
		dir := testkit.Fixture(t, name)
		res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none"})
		if err != nil {
			continue // monorepos and the like: no single project to generate
		}
		changes, err := write.Plan(dir, res.Files, true)
		if err != nil {
			t.Fatal(err)
		}
		if err := write.Apply(dir, changes); err != nil {
			t.Fatal(err)
		}
		fs, err := lint.Check(context.Background(), "Dockerfile", res.Files[0].Content, lint.Options{Context: dir})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			t.Errorf("%s: %s", name, f)
		}
	}
}
