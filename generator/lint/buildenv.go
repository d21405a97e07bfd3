package lint

import (
	"regexp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// checkBuildEnv: DG841 when the step that runs the Node build gets none
// of the variables detection read the build cannot run without (a module
// it loads throws when one is unset): no secret mount with that env, no
// ARG or ENV of that name in the stage, no NAME= on the command.
func (c *checker) checkBuildEnv() {
	// Cheap first: detection runs only for a Dockerfile that runs a Node
	// build at all (project() reads the whole project).
	if !slices.ContainsFunc(c.stages, func(st instructions.Stage) bool {
		return slices.ContainsFunc(st.Commands, func(cmd instructions.Command) bool {
			run, ok := cmd.(*instructions.RunCommand)
			return ok && nodeBuildRe.MatchString(strings.Join(run.CmdLine, " "))
		})
	}) {
		return
	}
	p := c.project()
	if p == nil || p.Lang != "node" || len(p.Node.BuildEnv) == 0 {
		return
	}
	script := p.Node.BuildScript
	if script == "" {
		script = "build"
	}
	for i, st := range c.stages {
		for _, cmd := range st.Commands {
			run, ok := cmd.(*instructions.RunCommand)
			if !ok {
				continue
			}
			text := strings.Join(run.CmdLine, " ")
			if !strings.Contains(text, "run "+script) && !strings.Contains(text, "next build") && !(script == "build" && strings.Contains(text, "yarn build")) {
				continue
			}
			for _, name := range p.Node.BuildEnv {
				if strings.Contains(text, name) || c.stageDefines(i, run, name) || slices.ContainsFunc(instructions.GetMounts(run), func(m *instructions.Mount) bool {
					return m.Type == instructions.MountTypeSecret && (m.Env != nil && *m.Env == name || m.CacheID == name)
				}) {
					continue
				}
				c.add(BuildEnvMissing, run.Location()[0].Start.Line, "the build needs "+name+evidenceFor(p, " is unset: the build needs it")+", and this step gets no secret, ARG or ENV of that name")
			}
			return // the first build step is the one that fails
		}
	}
}

// nodeBuildRe is a step that runs a Node build: npm run build, pnpm
// build:prod, yarn build, next build.
var nodeBuildRe = regexp.MustCompile(`\b(?:(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?[\w:-]*build|next\s+build)\b`)

// stageDefines reports an ARG or ENV of name in the stage chain of stage
// i before run.
func (c *checker) stageDefines(i int, run *instructions.RunCommand, name string) bool {
	for _, j := range c.chain(i) {
		for _, cmd := range c.stages[j].Commands {
			if cmd == instructions.Command(run) {
				return false
			}
			switch cmd := cmd.(type) {
			case *instructions.ArgCommand:
				for _, a := range cmd.Args {
					if a.Key == name {
						return true
					}
				}
			case *instructions.EnvCommand:
				for _, e := range cmd.Env {
					if e.Key == name {
						return true
					}
				}
			}
		}
	}
	return false
}
