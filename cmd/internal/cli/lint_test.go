package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLintCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module x\n")
	write(".dockerignore", ".git\n")
	write("Dockerfile", "FROM golang:1.22 AS build\nCOPY go.mod nope.go ./\nFROM gcr.io/distroless/static-debian13:nonroot\nUSER 65532\n")

	code, out, errOut := run(t, nil, "lint", dir)
	if code != 1 || !strings.Contains(out, "Dockerfile:2: error DG101: COPY source nope.go is not in the build context") || !strings.Contains(out, "fix:") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	code, out, _ = run(t, nil, "lint", "--format", "json", filepath.Join(dir, "Dockerfile"))
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil || code != 1 || len(fs) != 1 || fs[0]["rule"] != "DG101" {
		t.Fatalf("json: exit %d, %v:\n%s", code, err, out)
	}
	if code, _, _ := run(t, nil, "lint", "--ignore", "DG101", dir); code != 0 {
		t.Errorf("--ignore: exit %d", code)
	}
	if code, _, errOut := run(t, nil, "lint", "--error-on", "bogus", dir); code != 2 || !strings.Contains(errOut, "--error-on") {
		t.Errorf("bad --error-on: exit %d %s", code, errOut)
	}
	if code, _, errOut := run(t, nil, "lint", "--ignore", "DG1O1", dir); code != 2 || !strings.Contains(errOut, `--ignore "DG1O1" is not a rule`) {
		t.Errorf("misspelt --ignore: exit %d %s", code, errOut)
	}
	if code, _, errOut := run(t, nil, "lint", "--format", "yaml", dir); code != 2 || !strings.Contains(errOut, "--format") {
		t.Errorf("bad --format: exit %d %s", code, errOut)
	}
	if code, _, errOut := run(t, nil, "lint", filepath.Join(dir, "missing")); code != 1 || !strings.Contains(errOut, "missing") {
		t.Errorf("missing file: exit %d %s", code, errOut)
	}
}

// Module privacy comes from the user (--private, GOPRIVATE, GONOPROXY),
// not from a host name that merely looks internal.
func TestLintPrivateModulesFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"go.mod":     "module x\n\nrequire code.gitea.io/sdk/gitea v0.19.0\n",
		"Dockerfile": "FROM golang:1.22 AS build\nCOPY go.mod ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nFROM gcr.io/distroless/static-debian13:nonroot\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out, _ := run(t, nil, "lint", dir); code != 0 || strings.Contains(out, "DG602") {
		t.Errorf("public host flagged: exit %d\n%s", code, out)
	}
	if code, out, _ := run(t, map[string]string{"GOPRIVATE": "code.gitea.io"}, "lint", dir); code != 1 || !strings.Contains(out, "DG602") {
		t.Errorf("GOPRIVATE=code.gitea.io: exit %d\n%s", code, out)
	}
	if code, out, _ := run(t, nil, "lint", "--private", "code.gitea.io/sdk", dir); code != 1 || !strings.Contains(out, "DG602") {
		t.Errorf("--private: exit %d\n%s", code, out)
	}
}

// SARIF with no findings is a valid document: rules is an empty array.
func TestLintSARIFWithoutFindings(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM gcr.io/distroless/static-debian13:nonroot\nUSER 65532\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, nil, "lint", "--format", "sarif", dir)
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []any `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []any `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 || len(doc.Runs) != 1 || doc.Runs[0].Tool.Driver.Rules == nil || doc.Runs[0].Results == nil {
		t.Fatalf("exit %d, %v:\n%s%s", code, err, out, errOut)
	}
}

// Several paths and patterns, each with its own context, and one summary.
func TestLintSeveralDockerfiles(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"compose.yaml":            "services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n",
		"go.mod":                  "module x\n",
		"services/api/Dockerfile": "FROM golang:1.22 AS build\nCOPY go.mod ./\nFROM gcr.io/distroless/static-debian13:nonroot\n",
		"services/web/Dockerfile": "FROM nginxinc/nginx-unprivileged:1.27\nCOPY missing.html /usr/share/nginx/html/\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := run(t, nil, "lint", "--format", "json", filepath.Join(dir, "**", "Dockerfile"))
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil || code != 1 {
		t.Fatalf("exit %d, %v:\n%s%s", code, err, out, errOut)
	}
	// api's context is the compose file's folder, where go.mod is: no DG101.
	if len(fs) != 1 || fs[0]["rule"] != "DG101" || !strings.HasSuffix(fs[0]["file"].(string), "services/web/Dockerfile") {
		t.Errorf("findings: %v", fs)
	}
	if !strings.Contains(errOut, "2 Dockerfile(s), 1 finding(s): 1 error, 0 warning, 0 info") {
		t.Errorf("summary: %s", errOut)
	}
	if code, _, errOut := run(t, nil, "lint", filepath.Join(dir, "services", "api"), filepath.Join(dir, "nope", "Dockerfile")); code != 1 || !strings.Contains(errOut, "1 could not be checked") {
		t.Errorf("a missing file among several: exit %d %s", code, errOut)
	}
}
