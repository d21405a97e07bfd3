package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/testkit"
)

// --build-secret mounts each secret into the build step only, is recorded
// in the answers file, and is refused where nothing would mount it or when
// the name could reach a shell.
func TestBuildSecrets(t *testing.T) {
	dir := testkit.Fixture(t, "node-next")
	res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", BuildSecrets: []string{"API_KEY"}})
	if err != nil {
		t.Fatal(err)
	}
	df := string(res.Files[0].Content)
	if !strings.Contains(df, "--mount=type=secret,id=API_KEY,env=API_KEY") || strings.Contains(df, "ARG API_KEY") || strings.Contains(df, "ENV API_KEY") {
		t.Errorf("the Dockerfile does not mount API_KEY as a build secret only:\n%s", df)
	}
	if got := res.Answers.BuildSecrets; len(got) != 1 || got[0] != "API_KEY" {
		t.Errorf("answers build_secrets = %q, want [API_KEY]", got)
	}
	for _, bad := range []string{"API KEY", "$(id)", "1KEY"} {
		if _, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "none", BuildSecrets: []string{bad}}); err == nil || !strings.Contains(err.Error(), "build secret") {
			t.Errorf("secret %q: err = %v, want a refusal naming the build secret", bad, err)
		}
	}
	// Every kind mounts them into the steps that fetch dependencies; NETRC
	// is the credentials file the tools read, every other name a variable.
	for _, c := range []struct{ fixture, step string }{
		{"go-basic", "go mod download"},
		{"python-pip", "pip install -r"},
		{"java-maven", "dependency:go-offline"},
	} {
		res, err := generator.Generate(context.Background(), generator.Request{Dir: testkit.Fixture(t, c.fixture), CI: "none", BuildSecrets: []string{"REPO_TOKEN", "NETRC"}})
		if err != nil {
			t.Fatalf("%s: %v", c.fixture, err)
		}
		df := string(res.Files[0].Content)
		want := "--mount=type=secret,id=REPO_TOKEN,env=REPO_TOKEN \\\n    --mount=type=secret,id=NETRC,target=/root/.netrc \\\n"
		i := strings.Index(df, c.step)
		if i < 0 || !strings.Contains(df[:i], want) || strings.Contains(df, "ARG REPO_TOKEN") || strings.Contains(df, "ENV REPO_TOKEN") {
			t.Errorf("%s: the %s step does not mount the secrets:\n%s", c.fixture, c.step, df)
		}
	}
}
