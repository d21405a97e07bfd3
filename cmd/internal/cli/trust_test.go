package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

// TestMain keeps the package's tests away from the user's trust store.
func TestMain(m *testing.M) {
	cfg, err := os.MkdirTemp("", "dockgen-cli-config-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", cfg)
	code := m.Run()
	os.RemoveAll(cfg)
	os.Exit(code)
}

// TestTrustCommand: a catalog only .dockgen.yaml names stops the run with
// the command to trust it; dockgen trust records it, and then a plain run
// uses it. A catalog named with --catalog is remembered.
func TestTrustCommand(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	cat := filepath.Join(testkit.RepoRoot(t), "examples", "catalog")
	dir := testkit.Fixture(t, "go-basic")
	answers := "version: 1\nlang: go\ntemplate: go-grpc\ncatalog: " + cat + "\nregion: global\nci: none\nvariables:\n  team: payments\n"
	if err := os.WriteFile(filepath.Join(dir, ".dockgen.yaml"), []byte(answers), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, nil, "--dir", dir, "--stdout")
	if code != ExitError || !strings.Contains(errOut, "dockgen trust --dir "+dir) {
		t.Fatalf("untrusted: exit %d\n%s", code, errOut)
	}
	code, _, errOut = run(t, nil, "trust", "--dir", dir)
	if code != ExitOK || !strings.Contains(errOut, "trusted "+cat) {
		t.Fatalf("trust: exit %d\n%s", code, errOut)
	}
	code, out, errOut := run(t, nil, "--dir", dir, "--stdout")
	if code != ExitOK || !strings.Contains(out, "acme-payments") {
		t.Fatalf("trusted: exit %d\n%s%s", code, out, errOut)
	}

	// A catalog the user names with --catalog is remembered when written.
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	other := testkit.Fixture(t, "go-basic")
	if code, _, errOut := run(t, nil, "--dir", other, "--catalog", cat, "--template", "go-grpc", "--set", "team=payments", "--ci", "none"); code != ExitOK {
		t.Fatalf("--catalog: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := run(t, nil, "--dir", other, "--stdout"); code != ExitOK {
		t.Fatalf("re-run after --catalog: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := run(t, nil, "trust", "--dir", t.TempDir()); code != ExitError || !strings.Contains(errOut, "nothing to trust") {
		t.Errorf("no answers file: exit %d\n%s", code, errOut)
	}
}
