package generator_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/write"
)

// contractProjects are the fixed parts of one project per kind; the fuzzer
// supplies the manifest's bytes.
var contractProjects = []struct {
	manifest string
	seed     string
	others   map[string]string
}{
	{"go.mod", "module example.com/x\n\ngo 1.22\n", map[string]string{"main.go": "package main\n\nfunc main() {}\n"}},
	{"package.json", `{"name":"a","engines":{"node":">=20"},"scripts":{"start":"node server.js","build":"tsc"},"dependencies":{"express":"^4"}}`,
		map[string]string{"server.js": "require('http').createServer().listen(3000)\n", "package-lock.json": "{\"lockfileVersion\":3}\n"}},
	{"pyproject.toml", "[project]\nname = \"a\"\nrequires-python = \">=3.11\"\ndependencies = [\"flask\", \"gunicorn\"]\n",
		map[string]string{"app.py": "from flask import Flask\napp = Flask(__name__)\n"}},
	{"pom.xml", "<project><artifactId>a</artifactId><version>1</version><properties><java.version>17</java.version></properties></project>",
		map[string]string{"src/main/java/a/App.java": "package a;\npublic class App { public static void main(String[] a) {} }\n"}},
	{"Procfile", "web: gunicorn --bind 0.0.0.0:$PORT app:app\n", map[string]string{"requirements.txt": "flask\ngunicorn\n", "app.py": "app = Flask(__name__)\n"}},
	{"index.html", "<!doctype html><title>x</title>\n", nil},
}

var contractCI = []string{"github", "gitlab", "none"}

// FuzzGenerationContract: whatever a repository's manifest holds, a
// generation that succeeds writes files that (1) `dockgen lint` finds
// nothing in, in their own build context, (2) hold CI YAML that parses,
// and (3) a re-run with no flags reproduces byte for byte. A refusal is
// fine; a panic or a broken contract is not.
//
// It runs in process, in one directory per fuzzing worker, emptied between
// inputs (a temp dir per input cost more than the generation).
func FuzzGenerationContract(f *testing.F) {
	for i, p := range contractProjects {
		f.Add(uint8(i), []byte(p.seed))
		f.Add(uint8(i+len(contractProjects)), []byte(p.seed))
	}
	dir := f.TempDir()
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, which uint8, manifest []byte) {
		p := contractProjects[int(which)%len(contractProjects)]
		ci := contractCI[int(which)/len(contractProjects)%len(contractCI)]
		reset(t, dir)
		for n, body := range p.others {
			put(t, dir, n, []byte(body))
		}
		put(t, dir, p.manifest, manifest)

		res, err := generator.Generate(ctx, generator.Request{Dir: dir, CI: ci})
		if err != nil {
			return
		}
		// The files as write.Apply leaves them, without its lock and fsyncs
		// (write has its own tests): the contract is about their content.
		if _, err := write.Plan(res.Root, res.Files, false); err != nil {
			t.Fatalf("planning the write: %v", err)
		}
		for _, file := range res.Files {
			put(t, res.Root, file.Path, file.Content)
		}
		findings, err := lint.Check(ctx, "Dockerfile", res.Files[0].Content, lint.Options{Context: dir})
		if err != nil {
			t.Fatalf("lint: %v", err)
		}
		for _, fd := range findings {
			t.Errorf("generated Dockerfile: %s\n%s", fd, res.Files[0].Content)
		}
		for _, file := range res.Files {
			if strings.HasSuffix(file.Path, ".yml") || strings.HasSuffix(file.Path, ".yaml") {
				var v any
				if err := yaml.Unmarshal(file.Content, &v); err != nil || v == nil {
					t.Errorf("%s does not parse as YAML: %v\n%s", file.Path, err, file.Content)
				}
			}
		}

		again, err := generator.Generate(ctx, generator.Request{Dir: dir})
		if err != nil {
			t.Fatalf("a re-run with no flags fails: %v", err)
		}
		if len(again.Files) != len(res.Files) {
			t.Fatalf("a re-run makes %d files, the first run %d", len(again.Files), len(res.Files))
		}
		for i, file := range again.Files {
			if file.Path != res.Files[i].Path || !bytes.Equal(file.Content, res.Files[i].Content) {
				t.Errorf("a re-run changes %s:\n--- first\n%s\n--- again\n%s", file.Path, res.Files[i].Content, file.Content)
			}
		}
	})
}

// reset empties dir, keeping the directory itself.
func reset(t *testing.T, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}

func put(t *testing.T, dir, name string, data []byte) {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
