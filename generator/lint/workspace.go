package lint

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/kind"
)

// checkWorkspaceRoot: DG811 when the project is a member of a workspace,
// reactor or settings build whose root (detection's Project.BuildRoot: a
// Node workspace root, a Maven parent, Gradle settings, a uv workspace, a
// go.work) lies outside the build context, and the Dockerfile installs or
// builds it there: its workspace packages, parent POM, settings, catalog
// or lockfile are not in the context, so the install or build fails.
// Detection reads above the context only within the git top-level.
func (c *checker) checkWorkspaceRoot() {
	p := c.project()
	if p == nil || p.BuildRoot == "" || p.BuildRoot == "." || p.RootError() != nil {
		return
	}
	// A go.mod replace outside the context is DG606's finding.
	if p.Lang == kind.Go.Name && c.fired(GoReplaceMissing) {
		return
	}
	ctxAbs := mustAbs(c.ctx.dir)
	rootAbs := filepath.Join(ctxAbs, filepath.FromSlash(c.projectDir), filepath.FromSlash(p.BuildRoot))
	if within(rootAbs, ctxAbs) {
		return
	}
	ln, cmdText := c.firstInstall(p.Lang)
	if ln == 0 {
		return // nothing is installed or built here (a prebuilt artifact is copied)
	}
	df := filepath.Join(ctxAbs, "Dockerfile")
	if c.dockerfile != "" {
		df = mustAbs(c.dockerfile)
	}
	rel, err := filepath.Rel(rootAbs, df)
	root, err2 := filepath.Rel(ctxAbs, rootAbs)
	if err != nil || err2 != nil {
		return
	}
	why := ""
	if e, ok := rootEvidence(p.Evidence, p.BuildRoot); ok {
		why = " (" + e + ")"
	}
	c.add(WorkspaceRootOutside, ln, "the "+p.Lang+" project is a member of the build rooted at "+filepath.ToSlash(root)+why+
		", outside the build context, so "+cmdText+" cannot see it; build from there (cd "+filepath.ToSlash(root)+" && docker build -f "+filepath.ToSlash(rel)+
		" .), with COPY sources named from it")
}

// rootEvidence is detection's evidence that names the build root.
func rootEvidence(ev []detect.Evidence, root string) (string, bool) {
	for _, e := range ev {
		if strings.Contains(e.Fact, "build from") || strings.Contains(e.Fact, "root "+root) {
			if e.Line > 0 {
				return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Fact), true
			}
			return e.File + ": " + e.Fact, true
		}
	}
	return "", false
}

// firstInstall is the first RUN that installs dependencies or builds with
// a tool of the project's kind (npm ci, mvn package, uv sync; a static
// site builds with Node's), its line and the matched command; 0 when none
// does (a stage that builds another part of the repository is no sign).
func (c *checker) firstInstall(lang string) (int, string) {
	var res []string
	for _, name := range []string{lang, map[string]string{kind.Static.Name: kind.Node.Name}[lang]} {
		if k := kind.Lookup(name); k != nil {
			for _, cm := range k.Lint.Commands {
				res = append(res, cm.Re)
			}
		}
	}
	for cmd, text := range c.runs() {
		for _, ic := range installCommands {
			if !slices.Contains(res, ic.Re) {
				continue
			}
			if loc := ic.re.FindStringIndex(text); loc != nil && !versionQuery(text[loc[1]:]) {
				return line(cmd), strings.TrimSpace(strings.TrimLeft(text[loc[0]:loc[1]], ";&|( "))
			}
		}
	}
	return 0, ""
}

// fired reports whether rule r has a finding already.
func (c *checker) fired(r Rule) bool {
	for _, f := range c.found {
		if f.Rule == r.ID {
			return true
		}
	}
	return false
}
