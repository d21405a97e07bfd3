package detect

import (
	"os"
	"path/filepath"
	"testing"
)

// A start script that runs a development tool is named in a warning; the
// frameworks' production servers are not.
func TestDevServerTool(t *testing.T) {
	cases := map[string]string{
		"nx serve api":                             "nx serve",
		"nest start":                               "nest start",
		"cross-env NODE_ENV=dev nodemon src":       "nodemon src",
		"npm run build && npx ts-node src/main.ts": "ts-node src/main.ts",
		"next start":                               "",
		"next start -p 8080":                       "",
		"node dist/main.js":                        "",
		"react-scripts start":                      "react-scripts start",
	}
	for cmd, want := range cases {
		if got := devServerTool(cmd); got != want {
			t.Errorf("devServerTool(%q) = %q, want %q", cmd, got, want)
		}
	}
}

// A Fastify listen() without a host binds localhost: a warning says so.
func TestFastifyLoopback(t *testing.T) {
	cases := map[string]bool{
		"await app.listen({ port: 3000 })":                   true,
		"app.listen(port)":                                   true,
		"await app.listen({ port: 3000, host: '0.0.0.0' })":  false,
		"fastify.listen({ port: env.PORT, host: env.HOST })": false,
		"server.listen(3000, '0.0.0.0', () => {})":           false,
	}
	for code, warn := range cases {
		root := t.TempDir()
		if err := os.WriteFile(filepath.Join(root, "server.js"), []byte(code+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		abs, err := openRoot(root)
		if err != nil {
			t.Fatal(err)
		}
		var warnings []Warning
		d := &dir{root: abs, rel: ".", warnings: &warnings}
		p := &Project{Entry: "server.js"}
		fastifyLoopback(d, p)
		if got := len(warnings) > 0; got != warn {
			t.Errorf("%q: warned %v, want %v (%v)", code, got, warn, warnings)
		}
		if want := map[bool]string{true: "server.js:1"}[warn]; p.Node.Loopback != want {
			t.Errorf("%q: Loopback %q, want %q (lint's DG832 reads it)", code, p.Node.Loopback, want)
		}
	}
}
