package detect_test

import (
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// A SvelteKit app whose adapter builds for a hosting platform (h2-node-12:
// adapter-vercel) is neither a Node server nor a static site: dockgen says
// so, naming the adapter and the switch, instead of serving a dist/ the
// build never writes. adapter-static stays a site.
func TestSvelteKitHostAdapter(t *testing.T) {
	for adapter, refused := range map[string]bool{"@sveltejs/adapter-vercel": true, "@sveltejs/adapter-auto": true, "@sveltejs/adapter-static": false} {
		root := t.TempDir()
		writeFile(t, root, "package.json", `{"name":"app","scripts":{"build":"vite build","dev":"vite dev"},"devDependencies":{"@sveltejs/kit":"^2.0.0","`+adapter+`":"^5.0.0","vite":"^5.0.0"}}`)
		writeFile(t, root, "svelte.config.js", "import adapter from '"+adapter+"';\nexport default { kit: { adapter: adapter() } };\n")
		writeFile(t, root, "vite.config.js", "import { sveltekit } from '@sveltejs/kit/vite';\nexport default { plugins: [sveltekit()] };\n")
		writeFile(t, root, "src/routes/+page.svelte", "<h1>hi</h1>\n")
		res, err := detect.Dir(root)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Projects) == 0 {
			t.Fatalf("%s: no project", adapter)
		}
		err = res.Projects[0].RootError()
		if refused != (err != nil) || refused && !strings.Contains(err.Error(), adapter) {
			t.Errorf("%s: error %v, want refused=%v naming the adapter", adapter, err, refused)
		}
	}
}
