package detect

import "testing"

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
