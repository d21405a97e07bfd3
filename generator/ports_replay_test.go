package generator_test

import (
	"context"
	"testing"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/testkit"
)

// A privileged port moved to 8080 is recorded as asked, so a re-run from
// the answers file applies the port rule again and writes the same
// Dockerfile (comment included).
func TestPrivilegedPortAnswersReplay(t *testing.T) {
	for _, fixture := range []string{"node-port-80", "python-port-80", "go-urfave-env"} {
		dir := testkit.Fixture(t, fixture)
		first, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none"})
		if err != nil {
			t.Fatal(err)
		}
		again, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", Port: first.Answers.Port})
		if err != nil {
			t.Fatal(err)
		}
		if a, b := string(first.Files[0].Content), string(again.Files[0].Content); a != b || first.Answers.Port >= 1024 {
			t.Errorf("%s: answers port %d; the re-run changed the Dockerfile:\n%s\n---\n%s", fixture, first.Answers.Port, a, b)
		}
	}
}
