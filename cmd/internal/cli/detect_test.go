package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

func TestDetectJSONIsTheContract(t *testing.T) {
	dir := testkit.Fixture(t, "trap-python-django")
	code, out, errOut := run(t, nil, "detect", "--json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Root     string           `json:"root"`
		Chosen   *int             `json:"chosen"`
		Projects []map[string]any `json:"projects"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if res.Root != "." || res.Chosen == nil || *res.Chosen != 0 || len(res.Projects) != 1 {
		t.Fatalf("unexpected shape: %s", out)
	}
	for _, k := range []string{"path", "lang", "version", "tool", "wrapper", "framework", "entry", "port", "build", "evidence"} {
		if _, ok := res.Projects[0][k]; !ok {
			t.Errorf("project lacks %q", k)
		}
	}
	if res.Projects[0]["entry"] != "mysite.wsgi:application" {
		t.Errorf("entry = %v", res.Projects[0]["entry"])
	}
}

func TestDetectHumanOutputShowsEvidence(t *testing.T) {
	dir := testkit.Fixture(t, "trap-go-several-mains")
	code, out, _ := run(t, nil, "detect", dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"* .: go", "./cmd/acmed", "go.mod:3", "go 1.22.5", "./cmd/gen-docs"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestGenerationStopsInAMonorepo(t *testing.T) {
	dir := testkit.Fixture(t, "trap-monorepo")
	code, _, errOut := run(t, nil, "--dir", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{"holds 2 projects", "--dir " + filepath.ToSlash(filepath.Join(dir, "backend")), "--dir " + filepath.ToSlash(filepath.Join(dir, "frontend"))} {
		if !strings.Contains(errOut, want) {
			t.Errorf("error lacks %q:\n%s", want, errOut)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 4 { // README.md backend frontend node_modules
		t.Errorf("files were written: %v", entries)
	}
	// Pointing --dir at one of them generates.
	if code, _, errOut := run(t, nil, "--dir", filepath.Join(dir, "backend"), "--ci", "none"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "backend", "Dockerfile")); err != nil {
		t.Fatal(err)
	}
}

func TestDetectErrors(t *testing.T) {
	code, _, errOut := run(t, nil, "detect", filepath.Join(t.TempDir(), "nope"))
	if code != 1 || !strings.Contains(errOut, "nope") {
		t.Errorf("missing dir: exit %d, %q", code, errOut)
	}
	code, _, errOut = run(t, nil, "detect", "a", "b")
	if code != 2 || !strings.Contains(errOut, "accepts at most 1 arg") {
		t.Errorf("two args: exit %d, %q", code, errOut)
	}
}
