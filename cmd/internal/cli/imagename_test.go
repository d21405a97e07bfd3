package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

// --image-name sets the CI snippet's image; .dockgen.yaml keeps it, so a
// plain re-run reproduces it. Only the user's own value can be invalid.
func TestImageNameFlag(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	if code, _, errOut := run(t, nil, "--dir", dir, "--image-name", "orders-api"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	workflow := filepath.Join(dir, ".github", "workflows", "docker-image.yml")
	for _, f := range []string{workflow, filepath.Join(dir, ".dockgen.yaml")} {
		b, _ := os.ReadFile(f)
		if !strings.Contains(string(b), "orders-api") {
			t.Errorf("%s does not name orders-api:\n%s", f, b)
		}
	}
	if code, _, errOut := run(t, nil, "--dir", dir); code != 0 || strings.Count(errOut, "unchanged") != 4 {
		t.Errorf("re-run without the flag: exit %d: %s", code, errOut)
	}

	code, _, errOut := run(t, nil, "--dir", dir, "--image-name", "Orders__API", "--force")
	if code != ExitUsage || !strings.Contains(errOut, `invalid image name "Orders__API"`) || !strings.Contains(errOut, "--image-name") {
		t.Errorf("invalid --image-name: exit %d: %s", code, errOut)
	}
}
