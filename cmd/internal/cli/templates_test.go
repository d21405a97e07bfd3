package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

func TestTemplatesCommands(t *testing.T) {
	catalog := filepath.Join(testkit.RepoRoot(t), "examples", "catalog")

	// lint: the worked example is clean (this is the check make test runs).
	if code, _, errOut := run(t, nil, "templates", "lint", catalog); code != 0 || !strings.Contains(errOut, "no problems") {
		t.Fatalf("lint example: exit %d: %s", code, errOut)
	}

	// list: built-ins and the team's template, with their source.
	code, out, errOut := run(t, nil, "templates", "list", "--json", "--catalog", catalog)
	if code != 0 {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	var rows []map[string]string
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	for _, r := range rows {
		sources[r["name"]] = r["source"]
	}
	if sources["go"] != "builtin" || sources["go-grpc"] != catalog {
		t.Errorf("sources: %v", sources)
	}

	// show and export.
	if code, out, _ := run(t, nil, "templates", "show", "python"); code != 0 || !strings.Contains(out, "name: workers") {
		t.Errorf("show: exit %d:\n%s", code, out)
	}
	dst := t.TempDir()
	if code, _, errOut := run(t, nil, "templates", "export", "static", dst); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dst, "static", "Dockerfile.tmpl")); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, nil, "templates", "export", "static", dst); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("export over an existing folder: exit %d: %s", code, errOut)
	}
	for _, name := range []string{"node", "ci-github"} {
		if code, _, errOut := run(t, nil, "templates", "export", name, dst); code != 0 {
			t.Fatalf("export %s: exit %d: %s", name, code, errOut)
		}
	}
	// Exported built-ins lint clean as a team catalog of their own.
	if code, _, errOut := run(t, nil, "templates", "lint", dst); code != 0 {
		t.Errorf("lint exported: exit %d: %s", code, errOut)
	}

	// lint findings: exit 1, located.
	if err := os.WriteFile(filepath.Join(dst, "static", "Dockerfile.tmpl"), []byte("FROM nginx:1.27 as runtime\nCOPY {{ .Missing }} /x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, nil, "templates", "lint", dst)
	if code != 1 || !strings.Contains(out, "static/Dockerfile.tmpl:2:") {
		t.Errorf("lint broken: exit %d:\n%s", code, out)
	}

	// usage errors.
	if code, _, _ := run(t, nil, "templates", "show"); code != 2 {
		t.Errorf("show without NAME: exit %d", code)
	}
	if code, _, errOut := run(t, nil, "templates", "show", "nope"); code != 1 || !strings.Contains(errOut, "templates list") {
		t.Errorf("show nope: exit %d: %s", code, errOut)
	}
}
