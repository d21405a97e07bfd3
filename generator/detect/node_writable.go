package detect

import (
	"path"
	"slices"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
)

// Where a Node server writes at run time: a folder its code creates by a
// literal path, or a data folder setting's relative default in a module
// that creates folders. The image hands them to the runtime user (the app's
// own files stay root's); lint's DG834 reads the same fact.
var (
	// fs.mkdirSync("./data"), fs.mkdir("uploads", ...), mkdirp("data/x"),
	// relative to the working directory.
	nodeMkdirRe = lazy(`\bmkdir(?:Sync|p|pSync)?\(\s*["'](\./[\w.-]+(?:/[\w.-]+)*|[A-Za-z0-9_][\w.-]*(?:/[\w.-]+)*)/?["']`)
	// The same joined to the module's folder: mkdirSync(path.join(__dirname, "..", "data")).
	nodeMkdirHereRe = lazy(`\bmkdir(?:Sync|p|pSync)?\(\s*path\.(?:join|resolve)\(\s*__dirname\s*((?:,\s*["'][\w.-]+/?["']\s*)+)\)`)
	// A file written into a relative folder named literally:
	// fs.writeFileSync('./static/' + name, ...), createWriteStream("logs/app.log").
	nodeWriteIntoRe = lazy(`\b(?:writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream)\(\s*["'](?:\./)?([A-Za-z0-9_][\w.-]*(?:/[\w.-]+)*)/`)
	// A data folder setting whose default is relative: dataDir =
	// process.env.DATA_DIR || args["data-dir"] || "./data/".
	nodeDataDefaultRe = lazy(`(?m)\b([\w$]*(?:[dD]ata|DATA|[sS]torage|STORAGE|[uU]pload|UPLOAD)_?(?:[dD]ir|DIR|[pP]ath|PATH|[fF]older|FOLDER|[dD]irectory|DIRECTORY))\s*=\s*(?:[^;\n]*(?:\|\||\?\?)\s*)?["'](\./[\w.-]+(?:/[\w.-]+)*|[A-Za-z0-9_][\w.-]*(?:/[\w.-]+)*)/?["']\s*;?\s*$`)
)

// nodeWritable records the folders the server's own code writes, relative
// to the app folder (the image's working directory).
func nodeWritable(d *dir, p *Project) {
	add := func(rel, file string, line int, why string) {
		rel = path.Clean(rel)
		if !plan.SafeRel(rel) || rel == "." || rel == "node_modules" || strings.HasPrefix(rel, "node_modules/") || slices.Contains(p.Node.Writable, rel) {
			return
		}
		p.Node.Writable = append(p.Node.Writable, rel)
		p.evidence(d.path(file), line, "%s: %s is writable by the runtime user", why, rel)
	}
	seen := map[string]bool{}
	for _, f := range kind.Node.CodeFiles(p.Entry, d.list) {
		if seen[f] {
			continue
		}
		seen[f] = true
		code := d.read(f)
		s := string(code)
		for _, m := range nodeWriteIntoRe.get().FindAllStringSubmatchIndex(s, -1) {
			add(s[m[2]:m[3]], f, lineAt(code, m[0]), "the server writes files into it")
		}
		if !strings.Contains(s, "mkdir") {
			continue // a module that creates no folder: a setting's name alone says nothing
		}
		for _, m := range nodeMkdirRe.get().FindAllStringSubmatchIndex(s, -1) {
			add(s[m[2]:m[3]], f, lineAt(code, m[0]), "the server creates it")
		}
		for _, m := range nodeMkdirHereRe.get().FindAllStringSubmatchIndex(s, -1) {
			rel := path.Dir(f)
			for _, part := range strings.Split(s[m[2]:m[3]], ",") {
				if part = strings.Trim(strings.TrimSpace(part), `"'`); part != "" {
					rel = path.Join(rel, part)
				}
			}
			add(rel, f, lineAt(code, m[0]), "the server creates it beside its module")
		}
		for _, m := range nodeDataDefaultRe.get().FindAllStringSubmatchIndex(s, -1) {
			add(s[m[4]:m[5]], f, lineAt(code, m[0]), s[m[2]:m[3]]+" defaults to it")
		}
	}
	slices.Sort(p.Node.Writable)
}
