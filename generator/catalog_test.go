package generator_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/answers"
	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/testkit"
	"github.com/dockgen/dockgen/generator/write"
)

func exampleCatalog(t *testing.T) string {
	return filepath.Join(testkit.RepoRoot(t), "examples", "catalog")
}

// TestExampleCatalogLints: the worked example of the team-catalog guide
// stays clean under every region profile (it is what `templates lint` says).
func TestExampleCatalogLints(t *testing.T) {
	problems, err := generator.LintCatalog(context.Background(), exampleCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// writeTree writes files (slash paths) under a new temp dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// overrideCatalog is a catalog whose "go" template prints marker.
func overrideCatalog(t *testing.T, marker string) string {
	return writeTree(t, map[string]string{
		"go/template.yaml":   "name: go\nkind: dockerfile\nlang: go\ndescription: override\nversion: 0.0.1\nfiles:\n  - template: Dockerfile.tmpl\n    path: Dockerfile\n",
		"go/Dockerfile.tmpl": "FROM {{ .Region.Image \"golang:1.22\" }} AS build\n# " + marker + "\n",
	})
}

func dockerfile(t *testing.T, req generator.Request) string {
	t.Helper()
	res, err := generator.Generate(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return string(res.Files[0].Content)
}

func TestCatalogPrecedence(t *testing.T) {
	flag, env, ans := overrideCatalog(t, "from-flag"), overrideCatalog(t, "from-env"), overrideCatalog(t, "from-answers")
	dir := testkit.Fixture(t, "go-basic")
	a := answers.Answers{Version: 1, Lang: "go", Template: "go", Catalog: ans, Region: "global", CI: "none"}
	data, _ := a.Marshal()
	if err := os.WriteFile(filepath.Join(dir, answers.FileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if _, _, err := catalog.Trust(context.Background(), dir, nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		req  generator.Request
		want string
	}{
		{generator.Request{Dir: dir, Catalogs: []string{flag}, EnvCatalogs: []string{env}}, "from-flag"},
		{generator.Request{Dir: dir, EnvCatalogs: []string{env}}, "from-env"},
		{generator.Request{Dir: dir}, "from-answers"},
	}
	for _, c := range cases {
		if got := dockerfile(t, c.req); !strings.Contains(got, c.want) {
			t.Errorf("want the template %s, got:\n%s", c.want, got)
		}
	}
	if err := os.Remove(filepath.Join(dir, answers.FileName)); err != nil {
		t.Fatal(err)
	}
	if got := dockerfile(t, generator.Request{Dir: dir}); strings.Contains(got, "from-") {
		t.Errorf("no catalog named, but a team template was used:\n%s", got)
	}
}

func TestCatalogNewTemplateAndRegion(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	req := generator.Request{Dir: dir, Catalogs: []string{exampleCatalog(t)}, Template: "go-grpc", Region: "corp", CI: "none", Set: map[string]string{"team": "payments"}}
	res, err := generator.Generate(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	df := string(res.Files[0].Content)
	// GOPROXY comes from the built-in region partial the team template reuses.
	for _, want := range []string{"docker-remote.artifactory.acme.example/golang:", "gcr-remote.artifactory.acme.example/distroless/", "ARG GOPROXY=https://artifactory.acme.example/api/go/go-remote", "EXPOSE 8080 50051", `vendor="acme-payments"`} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q:\n%s", want, df)
		}
	}
	if len(res.Findings) != 0 {
		t.Errorf("BuildKit findings: %v", res.Findings)
	}
	// The answers file names the catalog relative to the project.
	if want, _ := filepath.Rel(dir, exampleCatalog(t)); res.Answers.Catalog != filepath.ToSlash(want) {
		t.Errorf("answers catalog %q, want %q", res.Answers.Catalog, want)
	}
	// A re-run from the answers file alone gives the same bytes, once the
	// catalog the user named is remembered as trusted (as the CLI does).
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if err := catalog.Remember(res.Template, req.Catalogs); err != nil {
		t.Fatal(err)
	}
	changes, _ := write.Plan(dir, res.Files, false)
	if err := write.Apply(dir, changes); err != nil {
		t.Fatal(err)
	}
	again, err := generator.Generate(context.Background(), generator.Request{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Files[0].Content) != df {
		t.Error("re-run from .dockgen.yaml differs")
	}
}

func TestCatalogLintFindings(t *testing.T) {
	cat := writeTree(t, map[string]string{
		"casing/template.yaml":   "name: casing\nkind: dockerfile\nlang: go\ndescription: x\nversion: 1.0.0\nfiles:\n  - template: Dockerfile.tmpl\n    path: Dockerfile\n",
		"casing/Dockerfile.tmpl": "FROM golang:1.22 as build\nRUN true\n",
		"broken/template.yaml":   "name: broken\nkind: dockerfile\nlang: go\ndescription: x\nversion: 1.0.0\nfiles:\n  - template: Dockerfile.tmpl\n    path: Dockerfile\n",
		"broken/Dockerfile.tmpl": "FROM golang:1.22 AS build\nRUN echo {{ .Nope }}\n",
	})
	problems, err := generator.LintCatalog(context.Background(), cat)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range problems {
		all = append(all, p.String())
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"casing -> Dockerfile:1: FromAsCasing", "broken/Dockerfile.tmpl:2:", "render"} {
		if !strings.Contains(text, want) {
			t.Errorf("no problem containing %q in:\n%s", want, text)
		}
	}
}

func TestCatalogRejectsEscapesAndBadVariables(t *testing.T) {
	escape := writeTree(t, map[string]string{
		"evil/template.yaml":   "name: evil\nkind: dockerfile\nlang: go\ndescription: x\nversion: 1.0.0\nfiles:\n  - template: Dockerfile.tmpl\n    path: ../../etc/cron.d/x\n",
		"evil/Dockerfile.tmpl": "FROM golang:1.22 AS build\n",
	})
	dir := testkit.Fixture(t, "go-basic")
	_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, Catalogs: []string{escape}})
	if err == nil || !strings.Contains(err.Error(), "stay inside the project") {
		t.Errorf("path escape: err = %v", err)
	}
	for set, want := range map[string]string{
		"grpc_port=abc": "grpc_port",
		"team=Bad_Team": "team",
		"nosuchvar=1":   "nosuchvar",
	} {
		k, v, _ := strings.Cut(set, "=")
		_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, Catalogs: []string{exampleCatalog(t)}, Template: "go-grpc", Set: map[string]string{k: v}})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("--set %s: err = %v", set, err)
		}
	}
}

// TestGitCatalog: a catalog in a local git repository, pinned by tag; the
// answers file records the commit and a re-run reproduces the bytes even
// after the tag moves.
func TestGitCatalog(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	repo := overrideCatalog(t, "catalog-v1")
	gitc := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitc("init", "--quiet", "-b", "main")
	gitc("add", ".")
	gitc("commit", "--quiet", "-m", "v1")
	gitc("tag", "v1.0.0")
	ref := "git+file://" + filepath.ToSlash(repo) + "#v1.0.0"

	dir := testkit.Fixture(t, "go-basic")
	res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, Catalogs: []string{ref}, CI: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Files[0].Content), "catalog-v1") || res.Answers.Catalog != ref || len(res.Answers.CatalogCommit) != 40 {
		t.Fatalf("catalog %q commit %q:\n%s", res.Answers.Catalog, res.Answers.CatalogCommit, res.Files[0].Content)
	}
	changes, _ := write.Plan(dir, res.Files, false)
	if err := write.Apply(dir, changes); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if err := catalog.Remember(res.Template, []string{ref}); err != nil {
		t.Fatal(err)
	}

	// Move the tag to a commit with another template.
	if err := os.WriteFile(filepath.Join(repo, "go", "Dockerfile.tmpl"), []byte("FROM golang:1.22 AS build\n# catalog-v2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitc("commit", "--quiet", "-am", "v2")
	gitc("tag", "-f", "v1.0.0")

	again, err := generator.Generate(context.Background(), generator.Request{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Files {
		if string(again.Files[i].Content) != string(res.Files[i].Content) {
			t.Errorf("%s changed after the tag moved:\n%s", res.Files[i].Path, again.Files[i].Content)
		}
	}

	for _, bad := range []string{"git+https://example.com/x.git", "git+ftp://example.com/x.git#v1", "git+https://example.com/x.git#--upload-pack=x"} {
		_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, Catalogs: []string{bad}})
		if err == nil || !strings.Contains(err.Error(), "git catalog") {
			t.Errorf("%s: err = %v", bad, err)
		}
	}
}

// TestCatalogCannotReadOutside: a symlink in a team catalog pointing out of
// it fails the render instead of copying that file into the output.
func TestCatalogCannotReadOutside(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("TOP-SECRET"), 0o600); err != nil {
		t.Fatal(err)
	}
	cat := writeTree(t, map[string]string{
		"x/template.yaml":   "name: x\nkind: dockerfile\nlang: go\ndescription: x\nversion: 1.0.0\nfiles:\n  - template: Dockerfile.tmpl\n    path: Dockerfile\n",
		"x/Dockerfile.tmpl": "FROM golang:1.22 AS build\n# {{ template \"x/leak.tmpl\" }}\n",
	})
	if err := os.Symlink(secret, filepath.Join(cat, "x", "leak.tmpl")); err != nil {
		t.Fatal(err)
	}
	res, err := generator.Generate(context.Background(), generator.Request{Dir: t.TempDir(), Lang: "go", Template: "x", Catalogs: []string{cat}})
	if err == nil {
		t.Fatalf("rendered through a symlink out of the catalog:\n%s", res.Files[0].Content)
	}
	if strings.Contains(err.Error(), "TOP-SECRET") || !strings.Contains(err.Error(), "leak.tmpl") {
		t.Errorf("err = %v", err)
	}
}

func TestCatalogMinDockgen(t *testing.T) {
	cat := writeTree(t, map[string]string{
		"new/template.yaml":   "name: new\nkind: dockerfile\nlang: go\ndescription: x\nversion: 1.0.0\nmin_dockgen: 9.0.0\nfiles:\n  - template: Dockerfile.tmpl\n    path: Dockerfile\n",
		"new/Dockerfile.tmpl": "FROM golang:1.22 AS build\n",
	})
	defer func(v string) { generator.Version = v }(generator.Version)
	req := generator.Request{Dir: t.TempDir(), Lang: "go", Template: "new", Catalogs: []string{cat}}
	generator.Version = "1.2.3"
	if _, err := generator.Generate(context.Background(), req); err == nil || !strings.Contains(err.Error(), "needs dockgen 9.0.0 or newer") {
		t.Errorf("err = %v", err)
	}
	generator.Version = "9.1.0"
	if _, err := generator.Generate(context.Background(), req); err != nil {
		t.Error(err)
	}
}

// gitCatalogRepo makes a git repository of an override catalog whose go
// template prints marker, tagged v1.
func gitCatalogRepo(t *testing.T, marker string) (string, func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := overrideCatalog(t, marker)
	gitc := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitc("init", "--quiet", "-b", "main")
	gitc("add", ".")
	gitc("commit", "--quiet", "-m", "v1")
	gitc("tag", "v1")
	return repo, gitc
}

// TestGitCatalogCredentialsNeverRecorded: a token in a --catalog URL is
// used for the fetch but is never written to .dockgen.yaml, the cache or
// any output, never printed in an error, and refused in .dockgen.yaml.
// git's url.insteadOf maps the https URLs to a local repository.
func TestGitCatalogCredentialsNeverRecorded(t *testing.T) {
	repo, _ := gitCatalogRepo(t, "creds")
	const token = "s3cret-tok3n"
	withCreds := "https://ci-bot:" + token + "@git.example/team/c.git"
	gitconfig := filepath.Join(t.TempDir(), "gitconfig")
	cfg := "[url \"file://" + filepath.ToSlash(repo) + "\"]\n\tinsteadOf = " + withCreds + "\n\tinsteadOf = https://git.example/team/c.git\n"
	if err := os.WriteFile(gitconfig, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("GIT_CONFIG_GLOBAL", gitconfig)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")

	dir := testkit.Fixture(t, "go-basic")
	res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Catalogs: []string{"git+" + withCreds + "#v1"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "git+https://git.example/team/c.git#v1"; res.Answers.Catalog != want || res.Template.Source != want {
		t.Errorf("catalog recorded as %q, shown as %q; want %q", res.Answers.Catalog, res.Template.Source, want)
	}
	for _, f := range res.Files {
		if strings.Contains(string(f.Content), token) {
			t.Errorf("%s holds the token:\n%s", f.Path, f.Content)
		}
	}
	_ = filepath.WalkDir(cache, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, _ := os.ReadFile(p); strings.Contains(string(data), token) {
				t.Errorf("the cache file %s holds the token", p)
			}
		}
		return nil
	})

	// Errors name the catalog without its credentials.
	for _, bad := range []string{"git+" + withCreds + "#no-such-tag", "git+" + withCreds, "git+ftp://u:" + token + "@h/x.git#v1"} {
		_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Catalogs: []string{bad}})
		if err == nil || strings.Contains(err.Error(), token) {
			t.Errorf("%s: err = %v", bad, err)
		}
	}

	// The answers file is committed: credentials there are refused.
	a := answers.Answers{Version: 1, Lang: "go", Template: "go", Catalog: "git+" + withCreds + "#v1", Region: "global", CI: "none"}
	data, _ := a.Marshal()
	if err := os.WriteFile(filepath.Join(dir, answers.FileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, flags := range [][]string{nil, {"git+" + withCreds + "#v1"}} {
		_, err = generator.Generate(context.Background(), generator.Request{Dir: dir, Catalogs: flags})
		if err == nil || strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "credential helper") {
			t.Errorf("credentials in %s (flags %d): err = %v", answers.FileName, len(flags), err)
		}
	}
}

// TestTemplateCannotWriteIntoGit: a catalog template that names .git/config
// (or a hook, or any hidden path outside the allowlist) is refused when
// the catalog loads, so --force cannot overwrite it.
func TestTemplateCannotWriteIntoGit(t *testing.T) {
	for _, target := range []string{".git/config", ".git/hooks/pre-commit", ".dockgen.yaml", "src/.envrc"} {
		cat := writeTree(t, map[string]string{
			"go/template.yaml":   "name: go\nkind: dockerfile\nlang: go\ndescription: x\nversion: 1.0.0\nfiles:\n  - template: Dockerfile.tmpl\n    path: Dockerfile\n  - template: x.tmpl\n    path: " + target + "\n",
			"go/Dockerfile.tmpl": "FROM golang:1.22 AS build\n",
			"go/x.tmpl":          "[core]\n\tfsmonitor = touch PWNED\n",
		})
		dir := testkit.Fixture(t, "go-basic")
		res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Catalogs: []string{cat}})
		if err == nil {
			t.Errorf("%s: accepted, %d files", target, len(res.Files))
			continue
		}
		if !strings.Contains(err.Error(), target) {
			t.Errorf("%s: err = %v", target, err)
		}
	}
}

// TestOverwriteDropsExecBit: overwriting a file (with --force) does not
// keep an executable bit, so a generated file never becomes a program.
func TestOverwriteDropsExecBit(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	p := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
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
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm()&0o111 != 0 {
		t.Errorf("Dockerfile mode %v after overwrite, want no executable bit", fi.Mode().Perm())
	}
}

// writeAnswers writes a .dockgen.yaml naming a catalog, as a hostile
// repository would.
func writeAnswers(t *testing.T, dir, cat, commit string) {
	t.Helper()
	a := answers.Answers{Version: 1, Lang: "go", Template: "go", Catalog: cat, CatalogCommit: commit, Region: "global", CI: "none"}
	data, _ := a.Marshal()
	if err := os.WriteFile(filepath.Join(dir, answers.FileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRepositoryCatalogNeedsTrust: a catalog named only by the repository's
// .dockgen.yaml is neither fetched nor read until the user trusts it, at
// the commit (git) or content (directory) trusted; naming it with
// --catalog is trust for that run.
func TestRepositoryCatalogNeedsTrust(t *testing.T) {
	repo, gitc := gitCatalogRepo(t, "repo-named")
	cache := filepath.Join(t.TempDir(), "cache")
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	ctx := context.Background()
	ref := "git+file://" + filepath.ToSlash(repo) + "#v1"
	dir := testkit.Fixture(t, "go-basic")
	var untrusted *catalog.UntrustedError

	// Unpinned and pinned: stopped before git runs, with the command to trust it.
	for _, pin := range []string{"", strings.Repeat("a", 40)} {
		writeAnswers(t, dir, ref, pin)
		_, err := generator.Generate(ctx, generator.Request{Dir: dir})
		if !errors.As(err, &untrusted) || !strings.Contains(err.Error(), "dockgen trust --dir "+dir) || !strings.Contains(err.Error(), "--catalog '"+ref+"'") {
			t.Fatalf("pin %q: err = %v", pin, err)
		}
		if _, err := os.Stat(cache); !os.IsNotExist(err) {
			t.Fatalf("pin %q: the cache exists, so git ran before the catalog was trusted", pin)
		}
	}
	// Named by the user too: used.
	writeAnswers(t, dir, ref, "")
	if got := dockerfile(t, generator.Request{Dir: dir, Catalogs: []string{ref}}); !strings.Contains(got, "repo-named") {
		t.Errorf("--catalog did not use the catalog:\n%s", got)
	}
	// Trusted: used at the trusted commit, not at another.
	e, _, err := catalog.Trust(ctx, dir, nil)
	if err != nil || len(e.Commit) != 40 {
		t.Fatalf("trust: %+v, %v", e, err)
	}
	if got := dockerfile(t, generator.Request{Dir: dir}); !strings.Contains(got, "repo-named") {
		t.Errorf("trusted catalog not used:\n%s", got)
	}
	if err := os.WriteFile(filepath.Join(repo, "go", "Dockerfile.tmpl"), []byte("FROM golang:1.22 AS build\n# moved\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitc("commit", "--quiet", "-am", "v2")
	gitc("tag", "-f", "v1")
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // a fresh cache sees the ref move
	if _, err := generator.Generate(ctx, generator.Request{Dir: dir}); !errors.As(err, &untrusted) {
		t.Errorf("the ref moved to an untrusted commit: err = %v", err)
	}
	writeAnswers(t, dir, ref, e.Commit)
	if got := dockerfile(t, generator.Request{Dir: dir}); !strings.Contains(got, "repo-named") {
		t.Errorf("pinned to the trusted commit, not used:\n%s", got)
	}

	// A directory catalog inside the repository: trusted with its content.
	local := filepath.Join(dir, "platform")
	if err := os.CopyFS(local, os.DirFS(overrideCatalog(t, "in-repo"))); err != nil {
		t.Fatal(err)
	}
	writeAnswers(t, dir, "platform", "")
	if _, err := generator.Generate(ctx, generator.Request{Dir: dir}); !errors.As(err, &untrusted) || !strings.Contains(err.Error(), local) {
		t.Fatalf("in-repo catalog: err = %v", err)
	}
	if _, _, err := catalog.Trust(ctx, dir, nil); err != nil {
		t.Fatal(err)
	}
	if got := dockerfile(t, generator.Request{Dir: dir}); !strings.Contains(got, "in-repo") {
		t.Errorf("trusted directory catalog not used:\n%s", got)
	}
	if err := os.WriteFile(filepath.Join(local, "go", "Dockerfile.tmpl"), []byte("FROM golang:1.22 AS build\n# changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := generator.Generate(ctx, generator.Request{Dir: dir}); !errors.As(err, &untrusted) {
		t.Errorf("changed after it was trusted: err = %v", err)
	}
}

// TestBuiltinIntVariablesHaveRanges: --set values that would make a broken
// command or config are refused.
func TestBuiltinIntVariablesHaveRanges(t *testing.T) {
	for fixture, set := range map[string]map[string]string{
		"python-pip":   {"workers": "-3"},
		"static-plain": {"cache_days": "99999999999999"},
	} {
		dir := testkit.Fixture(t, fixture)
		for k, v := range set {
			_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Set: map[string]string{k: v}})
			if err == nil || !strings.Contains(err.Error(), "out of range") {
				t.Errorf("%s --set %s=%s: err = %v", fixture, k, v, err)
			}
		}
	}
}

// TestTeamDockerfileThatDoesNotParseIsAnError: a team template whose output
// is no Dockerfile fails generation (before, it was written with a warning).
func TestTeamDockerfileThatDoesNotParseIsAnError(t *testing.T) {
	cat := writeTree(t, map[string]string{
		"go/template.yaml":   "name: go\nkind: dockerfile\nlang: go\ndescription: x\nversion: 1.0.0\nfiles:\n  - template: Dockerfile.tmpl\n    path: Dockerfile\n",
		"go/Dockerfile.tmpl": "FROOM golang:1.22 AS build\nRUN true\n",
	})
	dir := testkit.Fixture(t, "go-basic")
	res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Catalogs: []string{cat}})
	if err == nil {
		t.Fatalf("generated with findings %v", res.Findings)
	}
	if !strings.Contains(err.Error(), "does not parse") || !strings.Contains(err.Error(), "template go") || !strings.Contains(err.Error(), "Dockerfile:1") {
		t.Errorf("err = %v", err)
	}
}

// TestCatalogFolderSymlinkedOutsideIsReported: a template folder that is a
// symbolic link out of the catalog cannot be read, and says so instead of
// being skipped (which left the built-in in use and templates lint quiet).
func TestCatalogFolderSymlinkedOutsideIsReported(t *testing.T) {
	outside := overrideCatalog(t, "outside")
	cat := t.TempDir()
	if err := os.Symlink(filepath.Join(outside, "go"), filepath.Join(cat, "go")); err != nil {
		t.Fatal(err)
	}
	dir := testkit.Fixture(t, "go-basic")
	_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Catalogs: []string{cat}})
	if err == nil || !strings.Contains(err.Error(), "go is a symbolic link") {
		t.Errorf("generate: err = %v", err)
	}
	problems, err := generator.LintCatalog(context.Background(), cat)
	if err != nil || len(problems) == 0 || !strings.Contains(problems[0].Message, "symbolic link") {
		t.Errorf("templates lint: %v %v", problems, err)
	}
}

// TestOverrideOfAnotherKindIsExplained: a team template named go of kind ci
// hides the built-in Dockerfile template go; the error says so instead of
// "the catalog has no template for go".
func TestOverrideOfAnotherKindIsExplained(t *testing.T) {
	cat := writeTree(t, map[string]string{
		"go/template.yaml": "name: go\nkind: ci\nci: github\ndescription: x\nversion: 1.0.0\nfiles:\n  - template: ci.tmpl\n    path: .github/workflows/go.yml\n",
		"go/ci.tmpl":       "on: push\n",
	})
	dir := testkit.Fixture(t, "go-basic")
	_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Catalogs: []string{cat}})
	if err == nil || !strings.Contains(err.Error(), "template go") || !strings.Contains(err.Error(), "kind ci") || !strings.Contains(err.Error(), "rename") {
		t.Errorf("err = %v", err)
	}
}

// TestCatalogCommitMustBeOnTheRef: a catalog_commit that is not the ref's
// commit or an ancestor of it (a commit of another branch) is refused;
// one the ref has moved past is used.
func TestCatalogCommitMustBeOnTheRef(t *testing.T) {
	repo, gitc := gitCatalogRepo(t, "main-v1")
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	head := func() string {
		out, err := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(out))
	}
	old := head()
	gitc("checkout", "--quiet", "-b", "evil")
	if err := os.WriteFile(filepath.Join(repo, "go", "Dockerfile.tmpl"), []byte("FROM golang:1.22 AS build\n# evil\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitc("commit", "--quiet", "-am", "evil")
	evil := head()
	gitc("checkout", "--quiet", "main")
	if err := os.WriteFile(filepath.Join(repo, "go", "Dockerfile.tmpl"), []byte("FROM golang:1.22 AS build\n# main-v2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitc("commit", "--quiet", "-am", "v2")

	ref := "git+file://" + filepath.ToSlash(repo) + "#main"
	dir := testkit.Fixture(t, "go-basic")
	writeAnswers(t, dir, ref, evil)
	_, err := generator.Generate(context.Background(), generator.Request{Dir: dir, Catalogs: []string{ref}})
	if err == nil || !strings.Contains(err.Error(), "catalog_commit "+evil) {
		t.Errorf("a pin off the ref: err = %v", err)
	}
	writeAnswers(t, dir, ref, old)
	if got := dockerfile(t, generator.Request{Dir: dir, Catalogs: []string{ref}}); !strings.Contains(got, "main-v1") {
		t.Errorf("a pin the ref moved past was not used:\n%s", got)
	}
	// Cached now: the check still holds without a fetch.
	writeAnswers(t, dir, ref, evil)
	if _, err := generator.Generate(context.Background(), generator.Request{Dir: dir, Catalogs: []string{ref}}); err == nil {
		t.Error("a pin off the ref was used once cached")
	}
}
