package lint

import (
	"path/filepath"

	"github.com/dockgen/dockgen/generator/detect"
)

// The project rules (DG8xx) check a Dockerfile against what dockgen's own
// detection reads from the project it builds: the facts a generation
// would use (wheels the lockfile carries, the subcommand that starts the
// server, the paths the app writes, the folder its build writes). They
// are one home for that knowledge: a rule compares, it never re-derives.
//
// A rule fires only on a fact that breaks the build or the start whatever
// the user chose (a port or an entry passed by flag is a choice, not a
// fault), so that dockgen's own output for any project passes them.

// projectLimits bound the one-directory detection lint runs: the project's
// own folder, never a walk of the whole context, and a Go module's mains
// searched in its first 100 package folders (a 100,000-file context stays
// within lint's budget; a main deeper than that is not compared).
var projectLimits = detect.Limits{MaxDepth: 0, MaxEntries: 20_000, MaxProjects: 1, MaxMainDirs: 100}

// project is the project the Dockerfile builds, detected once: the one in
// the Dockerfile's folder when that folder is inside the context and holds
// one (Dockerfile beside its package.json in a larger context), else the
// one at the context root. nil when neither holds a project dockgen knows,
// or when lint runs without a context.
func (c *checker) project() *detect.Project {
	if c.projectDone {
		return c.proj
	}
	c.projectDone = true
	if c.ctx == nil {
		return nil
	}
	var dirs []string
	if c.dockerfile != "" {
		if own, err := filepath.Abs(filepath.Dir(c.dockerfile)); err == nil {
			if ctx, err := filepath.Abs(c.ctx.dir); err == nil && own != ctx && within(own, ctx) {
				dirs = append(dirs, own)
			}
		}
	}
	dirs = append(dirs, c.ctx.dir)
	for _, d := range dirs {
		res, err := detect.Walk(d, projectLimits)
		if err != nil || len(res.Projects) == 0 || res.Projects[0].Path != "." {
			continue
		}
		c.proj = &res.Projects[0]
		c.projectDir, _ = filepath.Rel(mustAbs(c.ctx.dir), mustAbs(d)) // the context may be relative ("."), d is absolute
		c.projectDir = filepath.ToSlash(c.projectDir)
		return c.proj
	}
	return nil
}
