package detect

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockgen/dockgen/generator/plan"
)

// Build-time environment a Node build cannot run without: a module that
// throws when process.env.NAME is unset, run by the build. Two certain
// cases: a script the build script runs itself (tsx lib/db/migrate), and,
// for Next.js, a module-level throw (the if at column 0) in a module a
// route or page imports: next build loads every route module to collect
// page data. The build then needs NAME (--build-secret NAME).
var (
	// if (!process.env.NAME) { throw ... } / if (!process.env.NAME) throw.
	envThrowRe = lazy(`(?m)^([ \t]*)if\s*\(\s*!\s*process\.env(?:\.([A-Z][A-Z0-9_]*)|\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\])\s*\)\s*\{?\s*\n?\s*throw\b`)
	// A file a build script runs: tsx lib/db/migrate, node scripts/x.js.
	buildRunsRe = regexp.MustCompile(`(?:^|&&|;|\|\|)\s*(?:tsx|node|ts-node|bun|vite-node)\s+([A-Za-z0-9_][\w./-]*)`)
	// A module path in an import or require: "@/lib/db/drizzle", '../lib/db/drizzle'.
	importPathRe = lazy(`(?:from|import|require\()\s*\(?\s*["']([^"'\n]+)["']`)
)

// nodeBuildEnv records the variables the build needs and warns.
func nodeBuildEnv(d *dir, p *Project, pj *packageJSON) {
	if !p.Node.HasBuild && p.Node.BuildScript == "" && pj.Scripts["build"] == "" {
		return
	}
	add := func(name, file string, line int, why string) {
		if name == "" || slices.Contains(p.Node.BuildEnv, name) {
			return
		}
		p.Node.BuildEnv = append(p.Node.BuildEnv, name)
		p.evidence(d.path(file), line, "%s throws when %s is unset: the build needs it", why, name)
		d.warn(file, line, "the build stops when %s is unset (%s throws): pass it with --build-secret %s", name, why, name)
	}
	// Scripts the build script runs itself: any throw on the variable.
	if s := pj.Scripts[p.Node.BuildScript]; s != "" || p.Node.BuildScript == "" {
		if s == "" {
			s = pj.Scripts["build"]
		}
		for _, m := range buildRunsRe.FindAllStringSubmatch(s, -1) {
			f := sourceFile(d, m[1])
			if f == "" {
				continue
			}
			code := d.read(f)
			for _, t := range envThrowRe.get().FindAllSubmatchIndex(code, -1) {
				add(envName(code, t), f, lineAt(code, t[0]), "the build script runs "+f+", which")
			}
		}
	}
	if p.Framework != "nextjs" {
		return
	}
	// Modules that throw at load time, then whether a route imports them.
	throws := map[string][]int{} // module path without extension -> match
	codes := map[string][]byte{}
	var routes []string
	walkSources(d, []string{"lib", "src/lib", "db", "src/db", "server", "src/server", "utils", "src/utils", "config", "src/config"}, 300, func(f string) {
		code := d.read(f)
		for _, t := range envThrowRe.get().FindAllSubmatchIndex(code, -1) {
			if t[3] == t[2] { // at column 0: the module's top level
				key := strings.TrimSuffix(f, path.Ext(f))
				throws[key], codes[key] = t, code
				break
			}
		}
	})
	if len(throws) == 0 {
		return
	}
	walkSources(d, []string{"app", "src/app", "pages", "src/pages"}, 600, func(f string) { routes = append(routes, f) })
	keys := make([]string, 0, len(throws))
	for k := range throws {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, f := range routes {
		code := d.read(f)
		for _, m := range importPathRe.get().FindAllSubmatch(code, -1) {
			imp := strings.TrimSuffix(string(m[1]), path.Ext(string(m[1])))
			for _, k := range keys {
				// "@/lib/db/drizzle", "~/lib/..", or a relative path ending there.
				if imp == "@/"+k || imp == "~/"+k || imp == "@/"+strings.TrimPrefix(k, "src/") || strings.HasPrefix(imp, ".") && path.Join(path.Dir(f), imp) == k {
					t := throws[k]
					add(envName(codes[k], t), k+path.Ext(findExt(d, k)), lineAt(codes[k], t[0]), f+" imports "+path.Base(k)+", which at load")
				}
			}
		}
	}
}

func envName(code []byte, m []int) string {
	if m[4] >= 0 {
		return string(code[m[4]:m[5]])
	}
	return string(code[m[6]:m[7]])
}

// sourceFile resolves a script path as node/tsx would, "" when none.
func sourceFile(d *dir, rel string) string {
	rel = path.Clean(rel)
	if !plan.SafeRel(rel) {
		return ""
	}
	for _, ext := range []string{"", ".ts", ".js", ".mjs", ".cjs", ".mts", ".json"} {
		if fi, err := d.stat(rel + ext); err == nil && fi.Mode().IsRegular() {
			return rel + ext
		}
	}
	return ""
}

func findExt(d *dir, key string) string {
	if f := sourceFile(d, key); f != "" {
		return f
	}
	return key
}

// walkSources visits the .js/.ts(x) files below dirs, at most limit.
func walkSources(d *dir, dirs []string, limit int, visit func(string)) {
	n := 0
	queue := slices.Clone(dirs)
	for len(queue) > 0 && n < limit {
		dir := queue[0]
		queue = queue[1:]
		for _, e := range d.list(dir) {
			name := path.Join(dir, e.Name())
			switch {
			case e.IsDir() && e.Name() != "node_modules" && !strings.HasPrefix(e.Name(), "."):
				queue = append(queue, name)
			case e.Type()&fs.ModeType == 0 && slices.Contains([]string{".ts", ".tsx", ".js", ".jsx", ".mjs"}, path.Ext(name)) && n < limit:
				n++
				visit(name)
			}
		}
	}
}
