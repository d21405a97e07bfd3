package detect_test

import (
	"slices"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// yapi: server/app.js requires ./yapi, whose top level requires
// ../../config.json (beside the install, outside the repository). A
// require inside a function, or one that stays in the project, is not it.
func TestNodeOutside(t *testing.T) {
	for name, c := range map[string]struct {
		yapi string
		want []string
	}{
		"a top-level require above the project": {"const config = require('../../config.json');\nmodule.exports = config;\n", []string{"../config.json"}},
		"inside the project":                    {"const config = require('../config.json');\nmodule.exports = config;\n", nil},
		"inside a function, maybe never called": {"function load() {\n  return require('../../config.json');\n}\nmodule.exports = load;\n", nil},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "package.json", `{"name":"a","main":"server/app.js","scripts":{"start":"node server/app.js"},"dependencies":{"koa":"^2.0.0"}}`)
			writeFile(t, root, "server/app.js", "const yapi = require('./yapi.js');\nconst Koa = require('koa');\nnew Koa().listen(3000);\n")
			writeFile(t, root, "server/yapi.js", c.yapi)
			writeFile(t, root, "config.json", "{}\n")
			res, err := detect.Dir(root)
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Projects[0].Node.Outside; !slices.Equal(got, c.want) {
				t.Errorf("Outside %q, want %q", got, c.want)
			}
		})
	}
}
