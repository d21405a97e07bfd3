package detect_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// Folders a Node server writes: created by a literal path (relative to the
// working directory or joined to __dirname) or a data folder's relative
// default in a module that creates folders; not a setting alone, not an
// absolute path, not node_modules.
func TestNodeWritable(t *testing.T) {
	for name, c := range map[string]struct {
		code string
		want []string
	}{
		"a data folder default, created":   {"const dataDir = process.env.DATA_DIR || args[\"data-dir\"] || \"./data/\";\nfs.mkdirSync(dataDir, { recursive: true });\n", []string{"data"}},
		"a literal mkdir":                  {"fs.mkdirSync('uploads/tmp', { recursive: true });\n", []string{"uploads/tmp"}},
		"beside the module":                {"fs.mkdirSync(path.join(__dirname, \"..\", \"logs\"));\n", []string{"logs"}},
		"a setting no code creates":        {"const uploadDir = \"./uploads\";\n", nil},
		"an absolute folder is the user's": {"fs.mkdirSync(\"/var/lib/app\");\n", nil},
		"above the app":                    {"fs.mkdirSync(\"../data\");\n", nil},
		"node_modules is the install's":    {"fs.mkdirSync(\"node_modules/.cache\");\n", nil},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "package.json", `{"name":"a","scripts":{"start":"node server/index.js"},"dependencies":{"express":"^4.19.2"}}`)
			writeFile(t, root, "server/index.js", "require(\"./store\");\nrequire(\"express\")().listen(3000);\n")
			writeFile(t, root, "server/store.js", "const fs = require(\"fs\");\nconst path = require(\"path\");\n"+c.code)
			res, err := detect.Dir(root)
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Projects[0].Node.Writable; !slices.Equal(got, c.want) {
				t.Errorf("Writable %q, want %q", got, c.want)
			}
		})
	}
}

// A file written into a literal relative folder makes that folder writable
// (holdout2 h2-node-04, haste-server: fs.writeFileSync('./static/' + dest)
// at start, EACCES as uid 1000 in its real build); an absolute path or a
// read does not.
func TestNodeWritesInto(t *testing.T) {
	for code, want := range map[string]string{
		"fs.writeFileSync('./static/' + dest, out, 'utf8');\n":   "static",
		"const s = fs.createWriteStream(\"logs/access.log\");\n": "logs",
		"fs.writeFileSync('/tmp/x/' + n, out);\n":                "",
		"fs.readFileSync('./static/' + item, 'utf8');\n":         "",
	} {
		root := t.TempDir()
		writeFile(t, root, "package.json", `{"name":"app","main":"server.js","scripts":{"start":"node server.js"},"dependencies":{"express":"^4.19.0"}}`)
		writeFile(t, root, "server.js", "const fs = require('fs');\n"+code+"require('express')().listen(3000);\n")
		res, err := detect.Dir(root)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(res.Projects[0].Node.Writable, ","); got != want {
			t.Errorf("%q: writable %q, want %q", code, got, want)
		}
	}
}
