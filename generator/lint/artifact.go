package lint

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// checkCopyOutput: for a COPY --from an earlier stage of a folder that
// stage's sources came from the context, and that is not in the context
// (so the stage's build was to write it), compare it with the folder
// detection says the project's site build writes (Static.Root from
// vite's outDir, vue's outputDir, angular's outputPath ...):
//   - DG822 when the build writes a different folder: the COPY fails;
//   - DG108 when it writes a folder below it and the COPY fills a web
//     server's root: the root holds no index.html (dist/ of dist/luna/).
func (c *checker) checkCopyOutput(cp *instructions.CopyCommand, from int, views []*imageView, dest string) {
	p := c.project()
	if p == nil || !p.Static.NodeBuild || p.Static.Root == "" || p.Static.OutDirFrom != "" || !c.runsBuild(from) {
		return
	}
	root := path.Join(c.projectDir, p.Static.Root)
	for _, src := range cp.SourcePaths {
		if strings.Contains(src, "$") || hasGlobMeta(src) {
			continue
		}
		// --from sources are paths in that stage's filesystem, from its root.
		ctxPath, ok := views[from].contextPath(path.Join("/", src))
		if !ok || ctxPath == "." || c.ctx.exists(ctxPath) {
			continue // not from the context, or committed: not the build's output
		}
		switch {
		case ctxPath == root || strings.HasPrefix(ctxPath, root+"/"):
		case strings.HasPrefix(root, ctxPath+"/"):
			if slices.Contains(staticRoots, dest) {
				c.add(StaticRootNoIndex, line(cp), "COPY --from "+src+" fills the web root, but the project's build writes the site to "+p.Static.Root+"/"+c.outputWhere()+": the root holds "+strings.TrimPrefix(root, ctxPath+"/")+"/ and no index.html")
			}
		default:
			c.add(CopyOutputNotWritten, line(cp), "COPY --from copies "+src+" ("+ctxPath+"/ of the project), but the project's build writes "+p.Static.Root+"/"+c.outputWhere())
		}
	}
}

// outputWhere cites detection's evidence for the folder the build writes.
func (c *checker) outputWhere() string {
	p := c.project()
	for _, e := range p.Evidence {
		if strings.HasPrefix(e.Fact, "the build writes ") || strings.Contains(e.Fact, " writes "+p.Static.Root+"/ (its default)") {
			if e.Line > 0 {
				return " (" + e.File + ":" + strconv.Itoa(e.Line) + ")"
			}
			return " (" + e.File + ")"
		}
	}
	return ""
}

// runsBuild: the stage, or one it is built FROM, runs a build (a RUN
// naming "build": npm run build, yarn build, ng build, vite build).
func (c *checker) runsBuild(stage int) bool {
	for i := stage; i >= 0; i = c.parents[i] {
		for _, cmd := range c.stages[i].Commands {
			if run, ok := cmd.(*instructions.RunCommand); ok && strings.Contains(strings.Join(run.CmdLine, " "), "build") {
				return true
			}
		}
	}
	return false
}
