package detect

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// siteDirFrom writes files into a fresh directory and returns its dir.
func siteDirFrom(t *testing.T, files map[string]string) *dir {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var warnings []Warning
	return &dir{root: root, rel: ".", warnings: &warnings}
}

// TestOutDirReaders: each build tool's output directory comes from its own
// config, relative to the right base, and a value that is not a literal is
// reported instead of guessed.
func TestOutDirReaders(t *testing.T) {
	for _, tc := range []struct {
		name       string
		files      map[string]string
		read       func(d *dir) outDir
		dir, base  string
		unreadable string
	}{
		{"vite default", map[string]string{"vite.config.ts": "export default {}"},
			func(d *dir) outDir { return viteOutDir(d, "vite build") }, "dist", "", ""},
		{"vite outDir relative to root", map[string]string{"vite.config.js": "export default { root: 'web', build: { outDir: 'out' } }"},
			func(d *dir) outDir { return viteOutDir(d, "vite build") }, "web/out", "", ""},
		{"vite outDir from __dirname ignores root", map[string]string{"vite.config.mts": "export default { root: 'web', base: '/app/', build: { outDir: path.resolve(__dirname, 'build/app') } }"},
			func(d *dir) outDir { return viteOutDir(d, "vite build") }, "build/app", "/app/", ""},
		{"vite two agreeing outDirs", map[string]string{"vite.config.mts": "build: { outDir: \"build\" },\n// outDir: 'old'\nother: { outDir: \"build\" }"},
			func(d *dir) outDir { return viteOutDir(d, "vite build") }, "build", "", ""},
		{"vite variable outDir", map[string]string{"vite.config.js": "export default { build: { outDir: env.OUT } }"},
			func(d *dir) outDir { return viteOutDir(d, "vite build") }, "", "", "vite.config.js"},
		{"vite --config and --outDir", map[string]string{"config/vite.js": "export default { build: { outDir: 'x' } }"},
			func(d *dir) outDir { return viteOutDir(d, "vite build --config config/vite.js --outDir public/app") }, "public/app", "", ""},
		{"vite outDir outside the project", map[string]string{"vite.config.js": "export default { build: { outDir: '../dist' } }"},
			func(d *dir) outDir { return viteOutDir(d, "vite build") }, "", "", "vite.config.js"},
		{"vue cli outputDir and publicPath", map[string]string{"vue.config.js": "module.exports = { publicPath: '/ui/', outputDir: 'lina' }"},
			func(d *dir) outDir { return vueCLIOutDir(d, "vue-cli-service build") }, "lina", "/ui/", ""},
		{"cra BUILD_PATH and homepage", map[string]string{".env": "BUILD_PATH=web\n"},
			func(d *dir) outDir { return craOutDir(d, []byte(`{"homepage": "https://me.github.io/portfolio"}`)) }, "web", "/portfolio/", ""},
		{"webpack output.path from the named config", map[string]string{"webpack/config.prod.js": "module.exports = { resolve: { fallback: { path: require.resolve('path-browserify') } }, output: { filename: 'a.js', path: path.resolve(process.cwd(), 'dist') } }"},
			func(d *dir) outDir { return webpackOutDir(d, "webpack --config webpack/config.prod.js") }, "dist", "", ""},
		{"webpack output.path from __dirname", map[string]string{"build/webpack.config.js": "module.exports = { output: { path: path.join(__dirname, '../public/js') } }"},
			func(d *dir) outDir { return webpackOutDir(d, "webpack -c build/webpack.config.js") }, "public/js", "", ""},
		{"angular application builder, string", map[string]string{"angular.json": `{"projects":{"app":{"projectType":"application","architect":{"build":{"builder":"@angular-devkit/build-angular:application","options":{"outputPath":"dist/app"}}}}}}`},
			func(d *dir) outDir { return angularOutDir(d, "ng build") }, "dist/app/browser", "", ""},
		{"angular application builder, object with empty browser", map[string]string{"angular.json": `{"projects":{"app":{"projectType":"application","architect":{"build":{"builder":"@angular/build:application","options":{"outputPath":{"base":"www","browser":""},"baseHref":"/app/"}}}}}}`},
			func(d *dir) outDir { return angularOutDir(d, "ng build") }, "www", "/app/", ""},
		{"angular browser builder, configuration from the script", map[string]string{"angular.json": `{"projects":{"lib":{"projectType":"library"},"web":{"projectType":"application","architect":{"build":{"builder":"@angular-devkit/build-angular:browser","options":{"outputPath":"dist/web"},"configurations":{"production":{"outputPath":"dist/prod"}}}}}}}`},
			func(d *dir) outDir { return angularOutDir(d, "ng build --configuration=production") }, "dist/prod", "", ""},
		{"angular default outputPath", map[string]string{"angular.json": `{"projects":{"shop":{"projectType":"application","architect":{"build":{"builder":"@angular/build:application","options":{}}}}}}`},
			func(d *dir) outDir { return angularOutDir(d, "ng build") }, "dist/shop/browser", "", ""},
		{"angular localized build", map[string]string{"angular.json": `{"projects":{"app":{"projectType":"application","architect":{"build":{"builder":"@angular/build:application","options":{"outputPath":"dist/app"},"configurations":{"production":{"localize":["fr","de"]}},"defaultConfiguration":"production"}}}}}`},
			func(d *dir) outDir { return angularOutDir(d, "ng build") }, "", "", "angular.json"},
		{"angular custom builder", map[string]string{"angular.json": `{"projects":{"app":{"projectType":"application","architect":{"build":{"builder":"@nx/angular:webpack-browser","options":{"outputPath":"dist/app"}}}}}}`},
			func(d *dir) outDir { return angularOutDir(d, "ng build") }, "", "", "angular.json"},
		{"eleventy dir.output", map[string]string{".eleventy.js": "module.exports = () => ({ dir: { input: 'src', output: 'public' } })"},
			func(d *dir) outDir { return eleventyOut(d, "eleventy", nil) }, "public", "", ""},
		{"vitepress docs dir", map[string]string{"docs/.vitepress/config.ts": "export default { base: '/guide/' }"},
			func(d *dir) outDir { return vitepressOut(d, "vitepress build docs", nil) }, "docs/.vitepress/dist", "/guide/", ""},
		{"vitepress outDir relative to the docs dir", map[string]string{"docs/.vitepress/config.ts": "export default { outDir: '../public' }"},
			func(d *dir) outDir { return vitepressOut(d, "vitepress build docs", nil) }, "public", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.read(siteDirFrom(t, tc.files))
			if got.dir != tc.dir || got.base != tc.base || got.unreadable != tc.unreadable {
				t.Errorf("got dir %q base %q unreadable %q, want %q %q %q", got.dir, got.base, got.unreadable, tc.dir, tc.base, tc.unreadable)
			}
		})
	}
}

// TestHostileBuildConfigsAreBounded: scripts that run each other and configs
// full of keys cost a bounded amount (a repository is untrusted input).
func TestHostileBuildConfigsAreBounded(t *testing.T) {
	pj := &packageJSON{Scripts: map[string]string{}}
	for i := 0; i < 100; i++ {
		var steps []string
		for j := 0; j < 100; j++ {
			steps = append(steps, fmt.Sprintf("npm run s%d", (i+j+1)%100))
		}
		pj.Scripts[fmt.Sprintf("s%d", i)] = strings.Join(steps, " && ")
	}
	if got := scriptText(pj, "s0", 0); len(got) > 4*maxScriptText {
		t.Errorf("script text of %d bytes; want it bounded near %d", len(got), maxScriptText)
	}
	big := strings.Repeat("outDir: 'dist', root: '.',\n", 100_000)
	d := siteDirFrom(t, map[string]string{"vite.config.js": big})
	if got := viteOutDir(d, "vite build"); got.dir != "dist" {
		t.Errorf("got %+v", got)
	}
}

// TestBasePathNotLiteral: a public path computed at build time is reported,
// and the site is served at /.
func TestBasePathNotLiteral(t *testing.T) {
	d := siteDirFrom(t, map[string]string{"vue.config.js": "module.exports = {\n  publicPath: process.env.NODE_ENV === 'production' ? '/x/' : '/',\n  outputDir: 'web'\n}"})
	got := vueCLIOutDir(d, "vue-cli-service build")
	if got.dir != "web" || got.base != "" {
		t.Errorf("got %+v", got)
	}
	if len(*d.warnings) != 1 || (*d.warnings)[0].File != "vue.config.js" || (*d.warnings)[0].Line != 2 {
		t.Errorf("warnings %v; want one on vue.config.js:2", *d.warnings)
	}
}

// Fuzz targets for the build configs dockgen reads output directories from
// (see fuzz_test.go for the contract checks).

func FuzzAngularJSON(f *testing.F) {
	f.Add([]byte(`{"projects":{"app":{"projectType":"application","architect":{"build":{"builder":"@angular/build:application","options":{"outputPath":{"base":"dist","browser":"app"},"baseHref":"/app/"},"configurations":{"production":{"outputPath":"../x"}},"defaultConfiguration":"production"}}}}}`))
	fuzzManifest(f, "angular.json", map[string]string{"package.json": `{"scripts":{"build":"ng build -c production"},"devDependencies":{"@angular/cli":"19"}}`})
}

func FuzzViteConfig(f *testing.F) {
	f.Add([]byte("export default { root: path.resolve(__dirname, 'web'), base: '/a/', build: { outDir: fileURLToPath(new URL('./out', import.meta.url)) } } /* outDir: 'x' */"))
	fuzzManifest(f, "vite.config.ts", map[string]string{"package.json": `{"scripts":{"build":"vite build --mode staging"},"devDependencies":{"vite":"6"}}`, "index.html": "<html>"})
}

func FuzzHugoConfig(f *testing.F) {
	f.Add([]byte("baseURL = 'https://example.org/'\npublishDir = 'out'\n[module]\n[module.hugoVersion]\nmin = '0.200.1'\n"))
	fuzzManifest(f, "hugo.toml", map[string]string{"go.mod": "module x\n", "package.json": `{"scripts":{"build":"hugo -d ../x","postinstall":"hugo mod npm pack"},"devDependencies":{"postcss":"8"}}`})
}

// TestSiteBasePaths: the URL path a generator builds for, from its config or
// the build script's flag.
func TestSiteBasePaths(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		read  func(d *dir) outDir
		base  string
	}{
		{"eleventy --pathprefix", map[string]string{}, func(d *dir) outDir { return eleventyOut(d, "npx @11ty/eleventy --pathprefix=/blog/", nil) }, "/blog/"},
		{"eleventy pathPrefix", map[string]string{"eleventy.config.js": "export default { pathPrefix: '/blog/', dir: { output: 'out' } }"}, func(d *dir) outDir { return eleventyOut(d, "eleventy", nil) }, "/blog/"},
		{"gatsby --prefix-paths", map[string]string{"gatsby-config.js": "module.exports = { pathPrefix: `/site` }"}, func(d *dir) outDir { return gatsbyOut(d, "gatsby build --prefix-paths", nil) }, "/site/"},
		{"gatsby without --prefix-paths", map[string]string{"gatsby-config.js": "module.exports = { pathPrefix: `/site` }"}, func(d *dir) outDir { return gatsbyOut(d, "gatsby build", nil) }, ""},
		{"sveltekit paths.base", map[string]string{"svelte.config.js": "export default { kit: { paths: { base: '/app' } } }"}, func(d *dir) outDir { return svelteOut(d, "vite build", nil) }, "/app/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.read(siteDirFrom(t, tc.files)); got.base != tc.base {
				t.Errorf("base %q, want %q (%+v)", got.base, tc.base, got)
			}
		})
	}
}
