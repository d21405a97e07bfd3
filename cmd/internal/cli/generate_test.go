package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
	"github.com/dockgen/dockgen/generator/testkit"
)

func run(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	f := &Factory{IO: ios, Build: BuildInfo{Version: "1.2.3"}, Getenv: func(k string) string { return env[k] }}
	code = Run(context.Background(), f, args)
	return code, out.String(), errOut.String()
}

func TestFlagParsing(t *testing.T) {
	tests := []struct {
		name    string
		cli     string
		want    func(*GenerateOptions) bool
		wantErr string
	}{
		{name: "alias and region", cli: "--lang golang --region cn --ci gitlab", want: func(o *GenerateOptions) bool { return o.Lang == "go" && o.Region == "cn" && o.CI == "gitlab" }},
		{name: "set and private", cli: "--set a=b --set c=d=e --private github.com/x,gitlab.com/y", want: func(o *GenerateOptions) bool {
			return o.Set["a"] == "b" && o.Set["c"] == "d=e" && len(o.Private) == 2
		}},
		{name: "alias implies a tool", cli: "--lang gradle", want: func(o *GenerateOptions) bool { return o.Lang == "java" && o.Tool == "gradle" }},
		{name: "unknown lang lists valid values", cli: "--lang cobol", wantErr: "valid values are go, node, python, java, static"},
		{name: "unknown ci lists valid values", cli: "--ci jenkins", wantErr: "valid values are github, gitlab, none"},
		{name: "bad set", cli: "--set novalue", wantErr: `--set "novalue": want key=value`},
		{name: "dry-run and stdout", cli: "--dry-run --stdout", wantErr: "cannot be combined"},
		{name: "unknown flag", cli: "--colour", wantErr: "unknown flag: --colour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *GenerateOptions
			cmd := NewCmdRoot(&Factory{IO: ios, Getenv: func(string) string { return "" }}, func(o *GenerateOptions) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.cli))
			cmd.SetOut(ios.Out)
			cmd.SetErr(ios.ErrOut)
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.want(got) {
				t.Fatalf("err %v, opts %+v", err, got)
			}
		})
	}
}

func TestGenerateWritesThenReproducesFromAnswers(t *testing.T) {
	dir := testkit.Fixture(t, "python-pip")
	code, _, stderr := run(t, nil, "--dir", dir, "--lang", "flask", "--region", "cn", "--ci", "gitlab", "--port", "5000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"created     Dockerfile", "created     .gitlab-ci.yml", "created     .dockgen.yaml", "python project", "region cn"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}
	before := readAll(t, dir)
	// No flags: .dockgen.yaml reproduces everything byte for byte.
	code, _, stderr = run(t, nil, "--dir", dir)
	if code != 0 || strings.Count(stderr, "unchanged") != 4 {
		t.Fatalf("exit %d, want 4 unchanged files:\n%s", code, stderr)
	}
	if after := readAll(t, dir); after != before {
		t.Fatal("files changed on a re-run without flags")
	}
	// A different choice conflicts until --force.
	code, _, stderr = run(t, nil, "--dir", dir, "--port", "8000")
	if code != 1 || !strings.Contains(stderr, "Dockerfile") || !strings.Contains(stderr, "--force") {
		t.Fatalf("exit %d, want a conflict naming Dockerfile: %s", code, stderr)
	}
	if readAll(t, dir) != before {
		t.Fatal("a refused run changed files")
	}
	if code, _, stderr = run(t, nil, "--dir", dir, "--port", "8000", "--force"); code != 0 || !strings.Contains(stderr, "overwritten Dockerfile") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}

func TestDryRunWritesNothingAndPrintsDiff(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	code, stdout, stderr := run(t, nil, "--dir", dir, "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"--- /dev/null", "+++ b/Dockerfile", "+FROM gcr.io/distroless/static-debian13:nonroot AS runtime", "dry run: nothing was written"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dry run output lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); !os.IsNotExist(err) {
		t.Fatal("--dry-run wrote a Dockerfile")
	}
}

func TestStdoutPrintsOnlyTheDockerfile(t *testing.T) {
	dir := testkit.Fixture(t, "node-npm")
	code, stdout, stderr := run(t, nil, "--dir", dir, "--stdout")
	if code != 0 || !strings.HasPrefix(stdout, "# syntax=docker/dockerfile:1\n") || !strings.Contains(stdout, `CMD ["node", "server.js"]`) {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Fatalf("--stdout wrote files: %v", entries)
	}
}

func TestErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"nothing to detect", []string{"--dir", empty}, 1, "could not tell what kind of project this is"},
		{"unknown region", []string{"--dir", empty, "--lang", "go", "--region", "mars"}, 1, "unknown region \"mars\": valid values are cn, global"},
		{"unknown runtime", []string{"--dir", empty, "--lang", "go", "--runtime", "alpine"}, 1, "valid values are static, cgo"},
		{"missing dir", []string{"--dir", filepath.Join(empty, "nope")}, 1, "--dir"},
		{"bad entry", []string{"--dir", empty, "--lang", "python", "--entry", "not a target"}, 2, "invalid WSGI target (--entry)"},
		{"unknown variable", []string{"--dir", empty, "--lang", "go", "--set", "nope=1"}, 1, "valid names are ldflags, build_packages"},
		{"private for node", []string{"--dir", empty, "--lang", "node", "--private", "github.com/x", "--entry", "a.js"}, 1, "--private is supported for Go"},
		{"bad catalog env", []string{"--dir", empty, "--lang", "go"}, 1, "DOCKGEN_CATALOG: catalog"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			if tt.name == "bad catalog env" {
				env["DOCKGEN_CATALOG"] = filepath.Join(empty, "missing")
			}
			code, _, stderr := run(t, env, tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantErr) {
				t.Fatalf("exit %d (want %d), stderr:\n%s\nwant %q", code, tt.wantCode, stderr, tt.wantErr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	if code, stdout, _ := run(t, nil, "version"); code != 0 || stdout != "dockgen 1.2.3\n" {
		t.Fatalf("%d %q", code, stdout)
	}
}

func readAll(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\n" + string(data))
		}
		return nil
	})
	return b.String()
}

func TestGitLabNeverClobbersAUsersPipeline(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	mine := "stages: [test]\nunit:\n  script: [go test ./...]\n"
	os.WriteFile(filepath.Join(dir, ".gitlab-ci.yml"), []byte(mine), 0o644)
	code, _, stderr := run(t, nil, "--dir", dir, "--ci", "gitlab")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".gitlab-ci.yml")); string(b) != mine {
		t.Fatal("the user's .gitlab-ci.yml changed")
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitlab", "ci", "docker-image.yml")); err != nil {
		t.Fatalf("include file not written: %v", err)
	}
	if !strings.Contains(stderr, "- local: .gitlab/ci/docker-image.yml") {
		t.Errorf("the include line is not printed:\n%s", stderr)
	}
	// A re-run reproduces the same files.
	if code, _, stderr = run(t, nil, "--dir", dir); code != 0 || strings.Count(stderr, "unchanged") != 4 {
		t.Fatalf("re-run: exit %d: %s", code, stderr)
	}
}

// A bad value gets its one error line and exit code 2; usage follows only
// a malformed command line.
func TestUsageOnlyForSyntaxErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name      string
		args      []string
		wantUsage bool
	}{
		{"bad port", []string{"--dir", empty, "--lang", "go", "--port", "70000"}, false},
		{"bad entry", []string{"--dir", empty, "--lang", "python", "--entry", "not a target"}, false},
		{"unknown lang", []string{"--lang", "cobol"}, false},
		{"bad set", []string{"--set", "novalue"}, false},
		{"unknown flag", []string{"--colour"}, true},
		{"port not a number", []string{"--port", "eighty"}, true},
		{"detect with two paths", []string{"detect", "a", "b"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, nil, tt.args...)
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d:\n%s", code, ExitUsage, stderr)
			}
			if got := strings.Contains(stderr, "Usage:"); got != tt.wantUsage {
				t.Fatalf("usage printed: %v, want %v:\n%s", got, tt.wantUsage, stderr)
			}
			if !tt.wantUsage && strings.Count(stderr, "\n") != 1 {
				t.Fatalf("want one error line:\n%s", stderr)
			}
		})
	}
}

// TestWorkspaceMemberRun: `dockgen --dir MEMBER` writes the Dockerfile and
// its ignore file beside the member and the workflow at the repository's
// top level, prints the build command to run at the build root, and a
// second run finds every file unchanged.
func TestWorkspaceMemberRun(t *testing.T) {
	root := testkit.Fixture(t, "ws-npm-turbo")
	member := filepath.Join(root, "apps", "api")
	code, _, stderr := run(t, nil, "--dir", member)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"apps/api/Dockerfile", "apps/api/Dockerfile.dockerignore", "apps/api/.dockgen.yaml", ".github/workflows/docker-image-api.yml"} {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(f))); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(member, ".github")); err == nil {
		t.Error("a workflow under the member: GitHub never reads it")
	}
	if !strings.Contains(stderr, "build from ../.. (the build root): docker build -f apps/api/Dockerfile .") {
		t.Errorf("no build command in:\n%s", stderr)
	}
	code, _, stderr = run(t, nil, "--dir", member)
	if code != 0 || strings.Contains(stderr, "created") || strings.Contains(stderr, "overwritten") {
		t.Errorf("second run: exit %d\n%s", code, stderr)
	}
}

// TestDetectShowsTheBuildRoot: the text output names the build root of a
// member detected on its own.
func TestDetectShowsTheBuildRoot(t *testing.T) {
	root := testkit.Fixture(t, "ws-pnpm-catalog")
	code, stdout, stderr := run(t, nil, "detect", filepath.Join(root, "apps", "web"))
	if code != 0 || !strings.Contains(stdout, "context    ../.. (the build root)") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}
