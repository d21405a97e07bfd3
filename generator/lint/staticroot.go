package lint

import (
	"path"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// staticRoots are the folders web server images serve by default.
var staticRoots = []string{"/usr/share/nginx/html", "/usr/local/apache2/htdocs", "/var/www/html", "/usr/share/caddy"}

// checkStaticRoot: DG108 when a stage fills a web server's root from a
// context folder that holds no index.html, and nothing else (another
// stage, a RUN, a file named index.html) provides one.
func (c *checker) checkStaticRoot(st instructions.Stage) {
	if c.ctx == nil {
		return
	}
	first, firstSrc := 0, ""
	provided := false
	for _, cmd := range st.Commands {
		switch cmd := cmd.(type) {
		case *instructions.RunCommand:
			text := strings.Join(cmd.CmdLine, " ")
			if slices.ContainsFunc(staticRoots, func(r string) bool { return strings.Contains(text, r) }) {
				provided = true // a RUN writes the root: lint cannot tell what
			}
		case *instructions.CopyCommand:
			dest := path.Clean(cmd.DestPath)
			if !slices.Contains(staticRoots, dest) {
				continue
			}
			if cmd.From != "" || len(cmd.SourceContents) > 0 {
				provided = true // built by an earlier stage
				continue
			}
			for _, src := range cmd.SourcePaths {
				clean, escapes := clampSource(src)
				switch {
				case escapes || hasGlobMeta(clean) || strings.Contains(clean, "$"):
					provided = true // another rule reports it, or lint cannot tell
				case path.Base(clean) == "index.html" || path.Base(clean) == "index.htm":
					provided = true
				case !c.ctx.exists(clean):
					provided = true // DG101/DG106 report it
				case c.ctx.exists(path.Join(clean, "index.html")) || c.ctx.exists(path.Join(clean, "index.htm")):
					provided = true
				case isDir(c.ctx, clean) && first == 0:
					first, firstSrc = line(cmd), clean
				}
			}
		}
	}
	if first > 0 && !provided {
		c.add(StaticRootNoIndex, first, "COPY "+firstSrc+"/ fills the web root, but "+firstSrc+" has no index.html (is it the build output?)")
	}
}

func isDir(b *buildContext, name string) bool {
	fi, err := b.root.Stat(name)
	return err == nil && fi.IsDir()
}
