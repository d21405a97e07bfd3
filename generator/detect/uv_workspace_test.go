package detect

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

// TestUVWorkspace: a member installs from the workspace root's uv.lock,
// for itself only; the virtual root only groups, an excluded directory and
// a library member are not built from the root / not candidates.
func TestUVWorkspace(t *testing.T) {
	dir := testkit.Fixture(t, "ws-uv-workspace")
	res, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if root := projectAt(t, res, "."); !root.aggregate {
		t.Error("the virtual workspace root only groups its members")
	}
	api := projectAt(t, res, "apps/api")
	ws := api.Workspace
	if api.BuildRoot != "." || api.Tool != "uv" || api.Python.Lockfile != "uv.lock" || ws.Name != "api" || ws.App != "apps/api" {
		t.Errorf("build root %q tool %q lockfile %q name %q app %q", api.BuildRoot, api.Tool, api.Python.Lockfile, ws.Name, ws.App)
	}
	if !slices.Equal(ws.Manifests, []string{"apps/api/pyproject.toml", "libs/shared/pyproject.toml"}) || !slices.Equal(ws.Deps, []string{"libs/shared"}) {
		t.Errorf("manifests %v deps %v", ws.Manifests, ws.Deps)
	}
	if p := projectAt(t, res, "apps/scratch"); p.BuildRoot != "apps/scratch" {
		t.Errorf("excluded apps/scratch: build root %q", p.BuildRoot)
	}
	if projectAt(t, res, "libs/shared").Deployable() {
		t.Error("libs/shared has no app: not deployable")
	}

	// From inside the member, and without the lockfile: built on its own.
	res, err = Dir(filepath.Join(dir, "apps", "api"))
	if err != nil {
		t.Fatal(err)
	}
	if p := res.Projects[0]; p.BuildRoot != "../.." || p.Workspace.Name != "api" {
		t.Errorf("from the member: build root %q name %q", p.BuildRoot, p.Workspace.Name)
	}
	if err := os.Remove(filepath.Join(dir, "uv.lock")); err != nil {
		t.Fatal(err)
	}
	res, err = Dir(filepath.Join(dir, "apps", "api"))
	if err != nil {
		t.Fatal(err)
	}
	if p := res.Projects[0]; p.BuildRoot != "." || p.Workspace.Root != "" {
		t.Errorf("unlocked workspace: build root %q, workspace %+v", p.BuildRoot, p.Workspace)
	}
}
