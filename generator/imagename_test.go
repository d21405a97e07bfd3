package generator

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockgen/dockgen/generator/plan"
)

// Directory names that are no valid reference become one, so a checkout's
// name cannot make every run fail.
func TestImageNameIsAValidReference(t *testing.T) {
	for dir, want := range map[string]string{
		"go-basic":    "go-basic",
		"my__svc":     "my-svc",
		"a..b":        "a-b",
		"my_-svc":     "my-svc",
		"a.-b":        "a-b",
		"a._.-b":      "a-b",
		"My App (v2)": "my-app-v2",
		"_-.":         "app",
		"svc.v1_x":    "svc.v1_x",
		"--x--":       "x",
	} {
		got := imageName(filepath.Join(t.TempDir(), dir))
		if got != want {
			t.Errorf("imageName(%q) = %q, want %q", dir, got, want)
		}
		p := plan.Plan{Name: got, Port: 8080, Lang: "go"}
		var fe *plan.FieldError
		if err := p.Validate(false); errors.As(err, &fe) && fe.Field == "image name" {
			t.Errorf("imageName(%q) = %q: %v", dir, got, err)
		}
	}
}

func TestGenerateInADirectoryNamedLikeNoReference(t *testing.T) {
	for _, name := range []string{"my__svc", "a..b", "my_-svc", "a.-b"} {
		dir := filepath.Join(t.TempDir(), name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, body := range map[string]string{"go.mod": "module example.com/svc\n\ngo 1.23\n", "main.go": "package main\n\nfunc main() {}\n"} {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err := Generate(t.Context(), Request{Dir: dir})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if res.Answers.ImageName != "" {
			t.Errorf("%s: a derived name was recorded in .dockgen.yaml: %q", name, res.Answers.ImageName)
		}
	}
}
