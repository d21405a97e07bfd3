package lint

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
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
	ln, cmdText := c.firstInstall()
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
// one of the tools lint knows (npm ci, mvn package, gradle build, go
// build ...), its line and the matched command; 0 when none does.
func (c *checker) firstInstall() (int, string) {
	for _, st := range c.stages {
		for _, cmd := range st.Commands {
			run, ok := cmd.(*instructions.RunCommand)
			if !ok {
				continue
			}
			if _, m, ok := matchInstall(strings.Join(run.CmdLine, " ")); ok {
				return line(run), strings.TrimSpace(m)
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
