package lint

import (
	"path"
	"regexp"
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
	first, firstSrc, firstWhy := 0, "", ""
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
				case c.ctx.exists(path.Join(clean, "index.html")) && first == 0:
					if why := c.sourcePage(clean); why != "" {
						first, firstSrc, firstWhy = line(cmd), clean, why
					} else {
						provided = true
					}
				case c.ctx.exists(path.Join(clean, "index.html")) || c.ctx.exists(path.Join(clean, "index.htm")):
					provided = true
				case isDir(c.ctx, clean) && first == 0:
					first, firstSrc = line(cmd), clean
				}
			}
		}
	}
	switch {
	case first > 0 && firstWhy != "" && !provided:
		c.add(StaticRootNoIndex, first, "COPY "+dirArg(firstSrc)+" fills the web root with "+path.Join(firstSrc, "index.html")+", "+firstWhy)
	case first > 0 && !provided:
		c.add(StaticRootNoIndex, first, "COPY "+firstSrc+"/ fills the web root, but "+firstSrc+" has no index.html (is it the build output?)")
	}
}

func isDir(b *buildContext, name string) bool {
	fi, err := b.root.Stat(name)
	return err == nil && fi.IsDir()
}

// sourceModuleRe is a module script whose source a browser cannot run
// (TypeScript, JSX, a single-file component): the page is the template
// a bundler (Vite) builds from, not a built page.
var sourceModuleRe = regexp.MustCompile(`(?i)<script\b[^>]*\bsrc\s*=\s*["']?([^"' >]+\.(?:tsx?|jsx|mts|vue|svelte))["' >]`)

// sourcePage says why dir/index.html is the source of a site build rather
// than a page to serve, or "": it loads a module a browser cannot run, or
// dir is the folder of a project whose build (detection's Static.Root)
// writes the site elsewhere.
func (c *checker) sourcePage(dir string) string {
	data, err := c.ctx.readFile(path.Join(dir, "index.html"))
	if err != nil {
		return ""
	}
	if m := sourceModuleRe.FindSubmatch(data); m != nil {
		return "the page the build starts from: it loads " + string(m[1]) + ", which a browser cannot run"
	}
	if p := c.project(); p != nil && p.Static.NodeBuild && p.Static.Root != "" && p.Static.Root != "." && dir == c.projectDir {
		return "the page the build starts from: the project's build writes the site to " + path.Join(dir, p.Static.Root) + "/" + c.outputWhere()
	}
	return ""
}

// dirArg writes a context folder as a COPY source: "." or "name/".
func dirArg(dir string) string {
	if dir == "." {
		return dir
	}
	return dir + "/"
}
