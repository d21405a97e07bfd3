package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

// --build-secret is repeatable, reaches the Dockerfile as a secret mount and
// is recorded in .dockgen.yaml, so a plain re-run keeps it.
func TestBuildSecretFlag(t *testing.T) {
	dir := testkit.Fixture(t, "node-next")
	code, _, stderr := run(t, nil, "--dir", dir, "--ci", "none", "--build-secret", "API_KEY", "--build-secret", "STRIPE_KEY")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	df, _ := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	for _, want := range []string{"--mount=type=secret,id=API_KEY,env=API_KEY", "--mount=type=secret,id=STRIPE_KEY,env=STRIPE_KEY"} {
		if !strings.Contains(string(df), want) {
			t.Errorf("Dockerfile lacks %s", want)
		}
	}
	ans, _ := os.ReadFile(filepath.Join(dir, ".dockgen.yaml"))
	if !strings.Contains(string(ans), "build_secrets:\n  - API_KEY\n  - STRIPE_KEY") {
		t.Errorf(".dockgen.yaml does not record the secrets:\n%s", ans)
	}
	os.Remove(filepath.Join(dir, "Dockerfile"))
	if code, _, stderr := run(t, nil, "--dir", dir, "--force"); code != 0 {
		t.Fatalf("re-run: exit %d: %s", code, stderr)
	}
	if df, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); !strings.Contains(string(df), "id=STRIPE_KEY") {
		t.Errorf("a re-run from .dockgen.yaml dropped the secrets")
	}
}
