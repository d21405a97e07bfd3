package detect

import (
	"encoding/json"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Where a build writes the site is read from the build's own config, never
// guessed: a wrong directory makes the image's COPY fail or serves an empty
// folder. A config that sets it in a way that cannot be read literally (a
// variable, a function call) is reported and the directory must be given.

// outDir is a build's output directory, relative to the project, and the URL
// path the site is built for.
type outDir struct {
	dir  string // "" when unknown
	base string // "/ui/", "" for /
	file string // evidence: the config that says so
	line int
	// unreadable names the config file that sets the directory in a way
	// that cannot be read literally.
	unreadable string
}

// literalRe is a quoted string without interpolation.
var literalRe = regexp.MustCompile("^(?:\"([^\"\\\\\\n]*)\"|'([^'\\\\\\n]*)'|`([^`$\\\\\\n]*)`)")

// pathCallRe is a path built from the config's own directory or the
// working directory: path.resolve(__dirname, 'dist'), join(process.cwd(),
// "out"), fileURLToPath(new URL('./dist', import.meta.url)).
var pathCallRe = regexp.MustCompile(`^(?:path\.)?(?:resolve|join)\(\s*(__dirname|process\.cwd\(\))\s*,\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)')\s*\)`)
var urlCallRe = regexp.MustCompile(`^(?:fileURLToPath\()?new URL\(\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)')\s*,\s*import\.meta\.url\s*\)\)?`)

// literalPath reads the JavaScript expression at the start of expr as a
// path: a string, or a path built from the config's directory (anchored:
// relative to the config file rather than to what the key is relative to).
func literalPath(expr string) (p string, anchored, ok bool) {
	expr = strings.TrimSpace(expr)
	if m := literalRe.FindStringSubmatch(expr); m != nil {
		return m[1] + m[2] + m[3], false, true
	}
	if m := pathCallRe.FindStringSubmatch(expr); m != nil {
		return m[2] + m[3], m[1] == "__dirname", true
	}
	if m := urlCallRe.FindStringSubmatch(expr); m != nil {
		return m[1] + m[2], true, true
	}
	return "", false, false
}

// keyValues finds every `key: <expr>` in a JavaScript/TypeScript config and
// reads each value as a path; literal is false when any is not literal.
// Several literal values must agree (a config per mode writing the same dir).
func keyValues(data []byte, key string) (val string, anchored bool, line int, found, literal bool) {
	// Bounded: build configs are small, and this one is untrusted input.
	if len(data) > maxConfig {
		data = data[:maxConfig]
	}
	re := regexp.MustCompile(`(?m)(?:^|[\s{,])["']?` + regexp.QuoteMeta(key) + `["']?\s*:\s*`)
	literal = true
	for _, loc := range re.FindAllIndex(data, 64) {
		if commented(data, loc[0]) {
			continue
		}
		v, anch, ok := literalPath(string(data[loc[1]:min(len(data), loc[1]+300)]))
		if !ok || (found && (v != val || anch != anchored)) {
			return "", false, lineAt(data, loc[0]), true, false
		}
		if !found {
			val, anchored, line, found = v, anch, lineAt(data, loc[0]), true
		}
	}
	return val, anchored, line, found, literal
}

// maxConfig bounds how much of a build config is read for a key.
const maxConfig = 256 << 10

// commented reports whether offset i sits in a // line comment or a /* */ block.
func commented(data []byte, i int) bool {
	start := strings.LastIndexByte(string(data[:i]), '\n') + 1
	if strings.Contains(string(data[start:i]), "//") || strings.HasPrefix(strings.TrimSpace(string(data[start:i+1])), "*") {
		return true
	}
	open := strings.LastIndex(string(data[:i]), "/*")
	return open >= 0 && !strings.Contains(string(data[open:i]), "*/")
}

// cleanRel joins a config-relative directory onto its base and checks it
// stays inside the project (a build writing to ../dist is outside the
// context, so it is not served from here).
func cleanRel(base, p string) (string, bool) {
	if p == "" || path.IsAbs(p) {
		return "", false
	}
	r := path.Clean(path.Join(base, p))
	if r == "." || r == ".." || strings.HasPrefix(r, "../") {
		return "", false
	}
	return r, true
}

// baseOf reads the URL path key (base, publicPath, baseUrl) of a config;
// a value that is not a literal is reported and the site served at /.
func baseOf(d *dir, file string, data []byte, key string) string {
	v, _, line, found, literal := keyValues(data, key)
	if !found {
		return ""
	}
	if !literal {
		d.warn(file, line, "%s is not a literal value: the site is served at /; if the build puts its assets under another path, serve them there", key)
		return ""
	}
	return basePath(v)
}

// basePath turns a public path ("/ui/", "/docs", "https://x.io/app/") into
// the URL path the site is served under; "" for the root or a relative base.
func basePath(v string) string {
	if u, err := url.Parse(v); err == nil && u.Host != "" {
		v = u.Path
	}
	if !strings.HasPrefix(v, "/") {
		return "" // "./" and "" mean relative assets: any path works
	}
	v = strings.Trim(v, "/")
	if v == "" || !basePathRe.MatchString(v) {
		return ""
	}
	return "/" + v + "/"
}

var basePathRe = regexp.MustCompile(`^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$`)

// flagValue returns the value of --name X / --name=X (or -short X) in cmd.
func flagValue(cmd, name, short string) string {
	words := strings.Fields(cmd)
	for i, w := range words {
		if v, ok := strings.CutPrefix(w, name+"="); ok {
			return strings.Trim(v, `"'`)
		}
		if (w == name || (short != "" && w == short)) && i+1 < len(words) {
			return strings.Trim(words[i+1], `"'`)
		}
	}
	return ""
}

// firstFile returns the first of names that exists, and its contents.
func firstFile(d *dir, names ...string) (string, []byte) {
	for _, n := range names {
		if data := d.read(n); data != nil {
			return n, data
		}
	}
	return "", nil
}

var jsConfigExts = []string{".ts", ".js", ".mjs", ".mts", ".cjs", ".cts"}

func configNames(stem string) []string {
	var out []string
	for _, e := range jsConfigExts {
		out = append(out, stem+e)
	}
	return out
}

// configOut reads key (a directory relative to relTo, or to the config's
// directory when anchored) from a JS config; def when the key is absent.
func configOut(file string, data []byte, key, relTo, def string) outDir {
	v, anchored, line, found, literal := keyValues(data, key)
	if !found {
		return outDir{dir: def}
	}
	if !literal {
		return outDir{unreadable: file, line: line}
	}
	base := relTo
	if anchored {
		base = path.Dir(file)
	}
	dir, ok := cleanRel(base, v)
	if !ok {
		return outDir{unreadable: file, line: line}
	}
	return outDir{dir: dir, file: file, line: line}
}

// viteOutDir reads build.outDir (relative to root) and base from the Vite
// config, or the build script's --outDir/--base.
func viteOutDir(d *dir, script string) outDir {
	names := configNames("vite.config")
	if c := flagValue(script, "--config", "-c"); c != "" {
		names = []string{c}
	}
	file, data := firstFile(d, names...)
	out := outDir{dir: "dist"}
	if data != nil {
		root := "."
		if v, anchored, line, found, literal := keyValues(data, "root"); found {
			r, ok := "", false
			if literal {
				base := "."
				if anchored {
					base = path.Dir(file)
				}
				r, ok = cleanRel(base, v)
				if !ok && v != "" && path.Clean(path.Join(base, v)) == "." {
					r, ok = ".", true // root: '.' or __dirname is the project itself
				}
			}
			if !ok {
				return outDir{unreadable: file, line: line}
			}
			root = r
		}
		out = configOut(file, data, "outDir", root, path.Join(root, "dist"))
		if out.unreadable == "" {
			out.base = baseOf(d, file, data, "base")
		}
	}
	if v := flagValue(script, "--outDir", ""); v != "" {
		if dir, ok := cleanRel(".", v); ok {
			return outDir{dir: dir, base: out.base, file: "package.json"}
		}
	}
	return out
}

// vueCLIOutDir reads outputDir and publicPath from vue.config.js, or the
// build script's --dest.
func vueCLIOutDir(d *dir, script string) outDir {
	out := outDir{dir: "dist"}
	if file, data := firstFile(d, "vue.config.js", "vue.config.cjs", "vue.config.mjs", "vue.config.ts"); data != nil {
		out = configOut(file, data, "outputDir", ".", "dist")
		if out.unreadable == "" {
			out.base = baseOf(d, file, data, "publicPath")
		}
	}
	if v := flagValue(script, "--dest", ""); v != "" {
		if dir, ok := cleanRel(".", v); ok {
			out = outDir{dir: dir, base: out.base, file: "package.json"}
		}
	}
	return out
}

// craOutDir: Create React App writes build/, or BUILD_PATH from its env
// files; the homepage field sets the URL path.
func craOutDir(d *dir, pkg []byte) outDir {
	out := outDir{dir: "build"}
	for _, f := range []string{".env.production", ".env"} {
		if v := envValue(d.read(f), "BUILD_PATH"); v != "" {
			dir, ok := cleanRel(".", v)
			if !ok {
				return outDir{unreadable: f}
			}
			out = outDir{dir: dir, file: f, line: lineOf(d.read(f), "BUILD_PATH")}
			break
		}
	}
	var pj struct {
		Homepage string `json:"homepage"`
	}
	if json.Unmarshal(pkg, &pj) == nil && pj.Homepage != "" {
		out.base = basePath(pj.Homepage)
	}
	return out
}

// envValue is NAME's value in a dotenv file, "" when unset.
func envValue(data []byte, name string) string {
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), name+"="); ok {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return ""
}

// webpackOutDir reads output.path from the webpack config the build script
// names (or webpack.config.*).
func webpackOutDir(d *dir, script string) outDir {
	names := configNames("webpack.config")
	if c := flagValue(script, "--config", "-c"); c != "" {
		names = []string{c}
	}
	file, data := firstFile(d, names...)
	if data == nil {
		return outDir{dir: "dist"} // webpack's default output.path
	}
	loc := regexp.MustCompile(`\boutput\s*:\s*\{`).FindIndex(data)
	if loc == nil {
		return outDir{dir: "dist"}
	}
	block := data[loc[1]:]
	depth := 1
	for i, c := range block {
		if c == '{' {
			depth++
		} else if c == '}' {
			if depth--; depth == 0 {
				block = block[:i]
				break
			}
		}
	}
	m := regexp.MustCompile(`(?m)(?:^|[\s,])path\s*:\s*`).FindIndex(block)
	if m == nil {
		return outDir{dir: "dist"}
	}
	line := lineAt(data, loc[1]+m[0])
	v, anchored, ok := literalPath(string(block[m[1]:]))
	if !ok || !anchored && !strings.Contains(string(block[m[1]:min(len(block), m[1]+40)]), "process.cwd()") {
		// output.path must be absolute: only __dirname- or cwd-based paths are literal.
		return outDir{unreadable: file, line: line}
	}
	base := "."
	if anchored {
		base = path.Dir(file)
	}
	dir, ok := cleanRel(base, v)
	if !ok {
		return outDir{unreadable: file, line: line}
	}
	return outDir{dir: dir, file: file, line: line}
}

// angularOutDir reads the build target of the application in angular.json:
// outputPath (a string or {base, browser}) under the configuration the build
// script selects (else the target's default); the application builder
// writes the browser files to <outputPath>/browser, the older browser
// builders to <outputPath> itself.
func angularOutDir(d *dir, script string) outDir {
	data := d.read("angular.json")
	if data == nil {
		return outDir{dir: "dist"}
	}
	name, target, ok := angularBuildTarget(data, script)
	if !ok {
		return outDir{unreadable: "angular.json"}
	}
	application := strings.HasSuffix(target.Builder, ":application")
	if !application && !strings.HasSuffix(target.Builder, ":browser") && !strings.HasSuffix(target.Builder, ":browser-esbuild") {
		return outDir{unreadable: "angular.json"} // a custom builder decides for itself
	}
	outputPath, baseHref, localize := target.options(script)
	line := lineOf(data, `"outputPath"`)
	dir, ok := angularOutputPath(outputPath, name, application)
	if !ok {
		return outDir{unreadable: "angular.json", line: line}
	}
	// A localized build writes one folder per locale under the output
	// path: which one is the site is the user's choice.
	if l := strings.TrimSpace(string(localize)); l != "" && l != "false" && l != "[]" {
		return outDir{unreadable: "angular.json", line: lineOf(data, `"localize"`)}
	}
	clean, ok := cleanRel(".", dir)
	if !ok {
		return outDir{unreadable: "angular.json", line: line}
	}
	out := outDir{dir: clean, file: "angular.json", line: line}
	var href string
	if v := flagValue(script, "--base-href", ""); v != "" {
		out.base = basePath(v)
	} else if baseHref != nil && json.Unmarshal(baseHref, &href) == nil {
		out.base = basePath(href)
	}
	return out
}

// angularTarget is an angular.json build target.
type angularTarget struct {
	Builder              string                     `json:"builder"`
	Options              map[string]json.RawMessage `json:"options"`
	Configurations       map[string]map[string]json.RawMessage
	DefaultConfiguration string `json:"defaultConfiguration"`
}

// angularBuildTarget finds the project the build script builds (named by
// `ng build NAME`, else the default, else the only or first application by
// name) and its build target; false when angular.json does not say.
func angularBuildTarget(data []byte, script string) (string, angularTarget, bool) {
	var ws struct {
		DefaultProject string `json:"defaultProject"`
		Projects       map[string]struct {
			ProjectType string                     `json:"projectType"`
			Architect   map[string]json.RawMessage `json:"architect"`
			Targets     map[string]json.RawMessage `json:"targets"`
		} `json:"projects"`
	}
	var target angularTarget
	if err := json.Unmarshal(data, &ws); err != nil {
		return "", target, false
	}
	name := ""
	if words := strings.Fields(script); len(words) > 2 && words[0] == "ng" && words[1] == "build" && !strings.HasPrefix(words[2], "-") {
		name = words[2]
	}
	if name == "" {
		name = ws.DefaultProject
	}
	if _, ok := ws.Projects[name]; !ok {
		var apps []string
		for n, p := range ws.Projects {
			if p.ProjectType == "application" {
				apps = append(apps, n)
			}
		}
		sort.Strings(apps)
		if len(apps) == 0 {
			return "", target, false
		}
		name = apps[0]
	}
	proj := ws.Projects[name]
	raw := proj.Architect["build"]
	if raw == nil {
		raw = proj.Targets["build"]
	}
	if err := json.Unmarshal(raw, &target); err != nil || raw == nil {
		return "", target, false
	}
	return name, target, true
}

// options are outputPath, baseHref and localize from the target's options,
// then each configuration the script selects (or the default) over them.
func (t angularTarget) options(script string) (outputPath, baseHref, localize json.RawMessage) {
	outputPath, baseHref, localize = t.Options["outputPath"], t.Options["baseHref"], t.Options["localize"]
	conf := flagValue(script, "--configuration", "-c")
	if strings.Contains(" "+script+" ", " --prod ") {
		conf = "production"
	}
	if conf == "" {
		conf = t.DefaultConfiguration
	}
	for _, c := range strings.Split(conf, ",") {
		if o := t.Configurations[strings.TrimSpace(c)]; o != nil {
			if v := o["outputPath"]; v != nil {
				outputPath = v
			}
			if v := o["baseHref"]; v != nil {
				baseHref = v
			}
			if v := o["localize"]; v != nil {
				localize = v
			}
		}
	}
	return outputPath, baseHref, localize
}

// angularOutputPath is the folder the site is written to: outputPath as a
// string or as an object (base and browser), dist/NAME by default, with
// /browser below it for the application builder.
func angularOutputPath(outputPath json.RawMessage, name string, application bool) (string, bool) {
	var s string
	var obj struct {
		Base    string  `json:"base"`
		Browser *string `json:"browser"`
	}
	switch {
	case outputPath == nil:
		s = "dist/" + name
	case json.Unmarshal(outputPath, &s) == nil:
	case json.Unmarshal(outputPath, &obj) == nil && obj.Base != "":
		if !application {
			return "", false
		}
		switch {
		case obj.Browser == nil:
			return obj.Base + "/browser", true
		case *obj.Browser != "":
			return obj.Base + "/" + *obj.Browser, true
		}
		return obj.Base, true
	default:
		return "", false
	}
	if application {
		s += "/browser"
	}
	return s, true
}
