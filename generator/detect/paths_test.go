package detect_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// Paths from package.json and pom.xml that leave the app directory never
// become the entry (CMD ["node","../../outside/x.js"]); a warning names the file.
func TestEntriesOutsideTheAppAreIgnored(t *testing.T) {
	cases := []struct {
		name, file, content string
		badEntry, warn      string
	}{
		{"main", "package.json", `{"name":"x","main":"../outside/x.js"}`, "../outside/x.js", "package.json:1: main ../outside/x.js is outside the project directory"},
		{"start script", "package.json", "{\"name\":\"x\",\n\"scripts\":{\"start\":\"node a/../../outside/x.js\"}}", "../outside/x.js", "package.json:2: the start script runs a/../../outside/x.js, which is outside the project directory"},
		{"pom finalName", "pom.xml", "<project>\n<artifactId>app</artifactId><version>1.0</version>\n<build><finalName>../../../../etc/x</finalName></build></project>", "target/../../../../etc/x.jar", "pom.xml:3: finalName ../../../../etc/x is not a file name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := t.TempDir()
			root := filepath.Join(base, "proj")
			os.MkdirAll(filepath.Join(base, "outside"), 0o755)
			os.WriteFile(filepath.Join(base, "outside", "x.js"), []byte("require('http').createServer().listen(1)\n"), 0o644)
			os.MkdirAll(filepath.Join(root, "a"), 0o755)
			os.WriteFile(filepath.Join(root, c.file), []byte(c.content), 0o644)
			res, err := detect.Dir(root)
			if err != nil {
				t.Fatal(err)
			}
			var ws []string
			for _, w := range res.Warnings {
				ws = append(ws, w.String())
			}
			for _, p := range res.Projects {
				if p.Entry == c.badEntry || strings.Contains(p.Entry, "..") {
					t.Errorf("entry %q", p.Entry)
				}
				for _, w := range p.Node.Start {
					if strings.Contains(w, "..") {
						t.Errorf("start %v", p.Node.Start)
					}
				}
			}
			if !strings.Contains(strings.Join(ws, "\n"), c.warn) {
				t.Errorf("no warning %q in:\n%s", c.warn, strings.Join(ws, "\n"))
			}
		})
	}
}

// TestGoMainSkipsDirsGoIgnores: ./cmd/... never matches cmd/.hid or
// cmd/_old, and a _x.go file is not compiled, so none is a main package.
func TestGoMainSkipsDirsGoIgnores(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"go.mod":             "module example.com/x\n\ngo 1.22\n",
		"cmd/.hid/main.go":   "package main\nfunc main() {}\n",
		"cmd/_old/main.go":   "package main\nfunc main() {}\n",
		"cmd/testdata/a.go":  "package main\nfunc main() {}\n",
		"cmd/tool/_main.go":  "package main\nfunc main() {}\n",
		"cmd/server/main.go": "package main\nfunc main() {}\n",
	}
	for n, body := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(root, n)), 0o755)
		os.WriteFile(filepath.Join(root, n), []byte(body), 0o644)
	}
	res, err := detect.Dir(root)
	if err != nil || res.Chosen < 0 {
		t.Fatal(err, res)
	}
	if p := res.Projects[res.Chosen]; p.Entry != "./cmd/server" || len(p.Alternatives) != 0 {
		t.Fatalf("entry %q, alternatives %v; want ./cmd/server alone", p.Entry, p.Alternatives)
	}
}
