package lint

import (
	"path"
	"regexp"
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
	if !c.nodeTools(from, false) {
		return // no Node build in that stage: detection is not asked
	}
	p := c.project()
	if p == nil || !p.Static.NodeBuild || p.Static.Root == "" || p.Static.OutDirFrom != "" || !c.runsBuild(from, p.Build) {
		return
	}
	root := path.Join(c.projectDir, p.Static.Root)
	for _, src := range cp.SourcePaths {
		if strings.Contains(src, "$") || hasGlobMeta(src) {
			continue
		}
		// --from sources are paths in that stage's filesystem, from its root.
		ctxPath, ok := views[from].contextPath(path.Join("/", src))
		if !ok || ctxPath == "." || c.ctx.exists(ctxPath) || c.inOtherPackage(ctxPath) {
			continue // not from the context, committed, or another package's output
		}
		if c.projectDir != "." && !strings.HasPrefix(ctxPath, c.projectDir+"/") {
			continue // the stage built the context root's package, not the project in its folder
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

// runsBuild: the stage, or one it is built FROM, runs the project's
// build (detection's build command, or the package.json script it runs:
// "yarn build" for "yarn run build"), not some other package's build.
func (c *checker) runsBuild(stage int, build string) bool {
	words := strings.Fields(build)
	script, _ := npmScript(words)
	if len(words) == 0 {
		return false
	}
	literal := regexp.MustCompile(`(^|[\s;&|(])` + regexp.QuoteMeta(build) + `($|[\s;&|)])`)
	for i := stage; i >= 0; i = c.parents[i] {
		for _, cmd := range c.stages[i].Commands {
			run, ok := cmd.(*instructions.RunCommand)
			if !ok {
				continue
			}
			text := strings.Join(run.CmdLine, " ")
			if literal.MatchString(text) {
				return true
			}
			for _, sc := range shellCommands(text, "/") {
				if s, _ := npmScript(sc.words); s != "" && s == script {
					return true
				}
			}
		}
	}
	return false
}

// inOtherPackage: a folder between the project's and the path holds its
// own package.json (a workspace member's output, built by its own build).
func (c *checker) inOtherPackage(p string) bool {
	for d := path.Dir(p); d != "." && d != "/" && d != c.projectDir; d = path.Dir(d) {
		if c.ctx.exists(path.Join(d, "package.json")) {
			return true
		}
	}
	return false
}

// serverFrameworks build a Node server of their own (detect's nodeMeta):
// their pages are rendered by it, and their build output is not a site.
var serverFrameworks = []string{"nextjs", "nuxt", "remix", "react-router", "sveltekit", "astro"}

// checkServerAsStatic: DG828 when the final stage is a web server filled
// from a build stage but detection found the project to be a framework
// server (Remix's remix-serve, Next.js' next start ...): no route the
// server renders is answered (static web server, no Node in the image).
func (c *checker) checkServerAsStatic(cp *instructions.CopyCommand, from int, dest string, final instructions.Stage) {
	if !slices.Contains(staticRoots, dest) || !c.nodeTools(from, false) {
		return // detection is asked only when a Node build fills a web root
	}
	p := c.project()
	if p == nil || p.Lang != "node" || !slices.Contains(serverFrameworks, p.Framework) {
		return
	}
	for _, cmd := range final.Commands {
		var argv []string
		switch cmd := cmd.(type) {
		case *instructions.CmdCommand:
			argv = words(cmd.CmdLine, cmd.PrependShell)
		case *instructions.EntrypointCommand:
			argv = words(cmd.CmdLine, cmd.PrependShell)
		}
		if slices.ContainsFunc(argv, func(w string) bool {
			return slices.Contains([]string{"node", "npm", "npx", "yarn", "pnpm", "bun", "deno"}, path.Base(w))
		}) {
			return // the image runs a server too
		}
	}
	entry := ""
	if p.Entry != "" {
		entry = ": " + p.Entry
	}
	c.add(StaticServeOfServer, line(cp), "the web server's root is filled from a build stage, but the project is a "+p.Framework+" server ("+c.frameworkWhere()+entry+"): its routes are rendered by that server, which this image does not run")
}

// frameworkWhere cites detection's evidence for the framework.
func (c *checker) frameworkWhere() string {
	p := c.project()
	for _, e := range p.Evidence {
		if strings.Contains(strings.ToLower(e.Fact), strings.ToLower(strings.TrimSuffix(p.Framework, "js"))) {
			return e.File
		}
	}
	return "package.json"
}
