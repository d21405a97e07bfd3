package lint

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// checkDocsIgnored: DG827 when detection says the site's own pages read
// its Markdown files in the browser (Static.KeepDocs: docsify, ditto, a
// config naming README.md as the home page), the Dockerfile copies the
// served folder from the context, and .dockerignore drops a README there:
// the page loads and shows its error box instead of the home page.
func (c *checker) checkDocsIgnored() {
	if c.ignore == nil || !c.fillsWebRoot() {
		return // detection is asked only for an image that serves context files
	}
	p := c.project()
	if p == nil || !p.Static.KeepDocs || p.Static.Generator != "" || p.Static.NodeBuild {
		return
	}
	root := path.Join(c.projectDir, p.Static.Root)
	if !c.copiesFromContext(root) {
		return
	}
	entries, err := fs.ReadDir(c.ctx.fsys, root)
	if err != nil || len(entries) > maxPkgEntries {
		return
	}
	reincluded := c.reincludes()
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasPrefix(strings.ToUpper(n), "README") || !strings.HasSuffix(strings.ToLower(n), ".md") {
			continue
		}
		f := path.Join(root, n)
		if !ignored(c.ignore, f) {
			continue
		}
		if reincluded != nil {
			if again, _ := reincluded.MatchesOrParentMatches(f); again {
				continue
			}
		}
		c.found = append(c.found, c.finding(DocsIgnored, 0, ".dockerignore excludes "+f+", which the site's own pages load in the browser (docsify, or a config naming it as a page)", c.ignoreFile))
	}
}

// copiesFromContext: a COPY from the context brings dir (or a folder
// above it) into some stage.
func (c *checker) copiesFromContext(dir string) bool {
	for _, st := range c.stages {
		for _, cmd := range st.Commands {
			cp, ok := cmd.(*instructions.CopyCommand)
			if !ok || cp.From != "" {
				continue
			}
			for _, s := range cp.SourcePaths {
				clean, _ := clampSource(s)
				if clean == "." || clean == dir || strings.HasPrefix(dir, clean+"/") {
					return true
				}
			}
		}
	}
	return false
}

// fillsWebRoot: some stage copies from the context into a web server's root.
func (c *checker) fillsWebRoot() bool {
	for _, st := range c.stages {
		for _, cmd := range st.Commands {
			if cp, ok := cmd.(*instructions.CopyCommand); ok && cp.From == "" && slices.Contains(staticRoots, path.Clean(cp.DestPath)) {
				return true
			}
		}
	}
	return false
}

// nodeTools: the stage, or one it is built FROM (every stage with all),
// runs a Node tool (npm, yarn, pnpm, bun, npx, node) in RUN, CMD or
// ENTRYPOINT. The cheap test that gates the Node project rules, which ask
// detection.
func (c *checker) nodeTools(stage int, all bool) bool {
	re := nodeToolRe
	for i := stage; i >= 0; {
		for _, cmd := range c.stages[i].Commands {
			if text, _ := commandText(cmd); re.MatchString(text) {
				return true
			}
		}
		if all {
			i--
		} else {
			i = c.parents[i]
		}
	}
	return false
}

var nodeToolRe = regexp.MustCompile(`\b(npm|npx|yarn|pnpm|bun|node|ng|vite)\b`)
