package detect_test

import (
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// Parcel builds a static site when its entry is an HTML page (package.json
// "source" or the build command), into --dist-dir/--out-dir or dist; a
// JavaScript entry is no site.
func TestParcelSite(t *testing.T) {
	for _, c := range []struct {
		name, pkg  string
		lang, root string
	}{
		{"source page", `{"source": "src/index.html", "scripts": {"start": "parcel", "build": "parcel build"}, "devDependencies": {"parcel": "^2"}}`, "static", "dist"},
		{"page on the command line, dist dir", `{"scripts": {"build": "rm -rf out && parcel build src/index.html --dist-dir out/site --public-url ./"}, "devDependencies": {"parcel": "^2"}}`, "static", "out/site"},
		{"parcel 1 out dir", `{"scripts": {"build": "parcel build index.html -d public"}, "devDependencies": {"parcel-bundler": "^1"}}`, "static", "public"},
		{"targets distDir", `{"source": "src/index.html", "targets": {"default": {"distDir": "./www"}}, "scripts": {"build": "parcel build"}, "devDependencies": {"parcel": "^2"}}`, "static", "www"},
		{"library entry", `{"source": "src/lib.js", "main": "dist/lib.js", "scripts": {"build": "parcel build"}, "devDependencies": {"parcel": "^2"}}`, "", ""},
		{"server beside it", `{"source": "src/index.html", "scripts": {"start": "node server.js", "build": "parcel build"}, "dependencies": {"express": "^4"}, "devDependencies": {"parcel": "^2"}}`, "node", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := writeTree(t, map[string]string{
				"package.json":   c.pkg,
				"src/index.html": "<!doctype html><script type=module src=./index.js></script>\n",
				"index.html":     "<!doctype html>\n",
				"src/index.js":   "document.title = 'x'\n",
				"server.js":      "require('express')().listen(3000)\n",
				"src/lib.js":     "export const x = 1\n",
			})
			res, err := detect.Dir(root)
			if err != nil {
				t.Fatal(err)
			}
			var p *detect.Project
			lang, entry := "", ""
			if res.Chosen >= 0 {
				p = &res.Projects[res.Chosen]
				lang, entry = p.Lang, p.Entry
			}
			if c.lang == "static" && (lang != "static" || entry != c.root || p.Framework != "parcel") {
				t.Errorf("got %s %q, want a parcel site in %s", lang, entry, c.root)
			}
			if c.lang != "static" && lang == "static" && p.Framework == "parcel" {
				t.Errorf("got a parcel site in %q, want none", entry)
			}
		})
	}
}
