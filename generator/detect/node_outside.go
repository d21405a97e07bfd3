package detect

import (
	"path"
	"slices"
	"strings"
)

// A module the server loads at start by a literal relative path that
// climbs out of the project (yapi's require('../../config.json') from
// server/: the file sits beside the install, not in the repository): the
// build context is the project, so the image never has it and the start
// stops with "Cannot find module". Only requires at a module's top level
// (column 0), followed from the entry through the project's own relative
// requires, count.
var topRequireRe = lazy(`(?m)^(?:const|let|var|import)\b[^\n]*?\brequire\(\s*["'](\.\.?/[^"'\n]+)["']\s*\)|^import\s[^\n]*?\bfrom\s+["'](\.\.?/[^"'\n]+)["']`)

// nodeOutside records the files (relative to the project root, starting
// with ../) the server's start requires from outside the project.
func nodeOutside(d *dir, p *Project) {
	if !isServerFile(p.Entry) {
		return
	}
	start := sourceFile(d, p.Entry)
	if start == "" {
		return
	}
	seen := map[string]bool{start: true}
	queue := []string{start}
	for n := 0; len(queue) > 0 && n < 200; n++ {
		f := queue[0]
		queue = queue[1:]
		code := d.read(f)
		for _, m := range topRequireRe.get().FindAllSubmatchIndex(code, -1) {
			g := 2
			if m[2] < 0 {
				g = 4
			}
			rel := path.Join(path.Dir(f), string(code[m[g]:m[g+1]]))
			if rel == ".." || strings.HasPrefix(rel, "../") {
				if !slices.Contains(p.Node.Outside, rel) {
					p.Node.Outside = append(p.Node.Outside, rel)
					p.evidence(d.path(f), lineAt(code, m[0]), "requires %s at start: outside the project, so not in the image", rel)
					d.warn(f, lineAt(code, m[0]), "the server requires %s, outside the project: the image built from it does not have that file; provide it in the image (COPY it there) or change the path", rel)
				}
				continue
			}
			if next := sourceFile(d, rel); next != "" && !seen[next] && !strings.Contains(next, "node_modules/") {
				seen[next] = true
				queue = append(queue, next)
			} else if next == "" {
				if idx := sourceFile(d, rel+"/index"); idx != "" && !seen[idx] {
					seen[idx] = true
					queue = append(queue, idx)
				}
			}
		}
	}
}
