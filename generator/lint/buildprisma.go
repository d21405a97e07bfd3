package lint

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var (
	// prismaGenerateRe: a command that writes the Prisma client (migrate
	// dev and db push generate it too).
	prismaGenerateRe = regexp.MustCompile(`\bprisma\s+(generate|migrate\s+dev|db\s+push)\b`)
	// prismaOutputRe: the client generator's output folder in the schema.
	prismaOutputRe = regexp.MustCompile(`(?m)^\s*output\s*=\s*"([^"]+)"`)
)

// installScripts are the package.json scripts an install runs itself.
var installScripts = []string{"preinstall", "install", "postinstall", "prepare"}

// checkPrismaGenerate: DG823 when detection found a Prisma schema (and
// the client in package.json) but no step of the image writes the Prisma
// client: no RUN or start command runs prisma generate, itself or
// through a package.json script it runs, and no install runs after the
// schema is in the stage (@prisma/client's own postinstall generates it
// then). The app stops at its first query: "@prisma/client did not
// initialize yet. Please run prisma generate".
func (c *checker) checkPrismaGenerate() {
	if !c.nodeTools(len(c.stages)-1, true) {
		return // not a Node image: detection is not asked
	}
	p := c.project()
	if p == nil || !p.Node.Prisma {
		return
	}
	pj := c.packageJSON()
	if pj == nil {
		return
	}
	if c.prismaClientCommitted() {
		return
	}
	runs := func(script string) bool { return scriptMayGenerate(pj.Scripts, script) }
	schemaIn := make([]bool, len(c.stages)) // the schema has been copied into the stage
	firstCopy := 0
	for i, st := range c.stages {
		if p := c.parents[i]; p >= 0 {
			schemaIn[i] = schemaIn[p]
		}
		for _, cmd := range st.Commands {
			var argv []string
			switch cmd := cmd.(type) {
			case *instructions.CopyCommand:
				if cmd.From == "" && c.copiesSchema(cmd.SourcePaths) {
					schemaIn[i] = true
					if firstCopy == 0 {
						firstCopy = line(cmd)
					}
				}
				continue
			case *instructions.RunCommand:
				text := strings.Join(cmd.CmdLine, " ")
				if prismaGenerateRe.MatchString(text) || strings.Contains(text, ".sh") {
					return // generated, or a script lint cannot read
				}
				for _, sc := range shellCommands(text, "/") {
					if script, install := npmScript(sc.words); script != "" && runs(script) {
						return
					} else if install && (schemaIn[i] || slices.ContainsFunc(installScripts, runs)) {
						return
					}
				}
				continue
			case *instructions.CmdCommand:
				argv = words(cmd.CmdLine, cmd.PrependShell)
			case *instructions.EntrypointCommand:
				argv = words(cmd.CmdLine, cmd.PrependShell)
			default:
				continue
			}
			if prismaGenerateRe.MatchString(strings.Join(argv, " ")) || slices.ContainsFunc(argv, func(w string) bool {
				return strings.HasSuffix(w, ".sh") || strings.HasPrefix(w, "./") || strings.Contains(w, "entrypoint")
			}) {
				return // generated, or a start script lint cannot read
			}
			for _, sc := range shellCommands(strings.Join(argv, " "), "/") {
				if script, _ := npmScript(sc.words); script != "" && runs(script) {
					return
				}
			}
		}
	}
	if firstCopy == 0 {
		return // the image never holds the schema: not the app's image, or lint cannot tell
	}
	c.add(PrismaNotGenerated, firstCopy, "the project uses Prisma ("+c.prismaSchema()+"), but no step after the schema is copied runs prisma generate (a RUN, a package.json script the Dockerfile runs, or an install, whose @prisma/client postinstall generates the client)")
}

// npmScript reads a package manager command: the script it runs ("build"
// for npm run build, yarn build, pnpm build, npm start), or install for
// an install (npm ci, npm install, yarn, pnpm i).
func npmScript(w []string) (script string, install bool) {
	if len(w) > 0 && w[0] == "npx" || len(w) == 0 {
		return "", false
	}
	tool := w[0]
	if !slices.Contains([]string{"npm", "pnpm", "yarn", "bun"}, tool) {
		return "", false
	}
	args := slices.DeleteFunc(slices.Clone(w[1:]), func(a string) bool { return strings.HasPrefix(a, "-") })
	if len(args) == 0 {
		return "", tool == "yarn" // bare yarn installs
	}
	switch args[0] {
	case "install", "i", "ci", "add":
		return "", true
	case "run", "run-script":
		if len(args) > 1 {
			return args[1], false
		}
		return "", false
	case "start", "test", "stop", "restart":
		return args[0], false
	}
	if tool != "npm" {
		return args[0], false // yarn build, pnpm build
	}
	return "", false
}

// prismaSchema is the schema detection found (its evidence's file).
func (c *checker) prismaSchema() string {
	for _, e := range c.project().Evidence {
		if strings.HasPrefix(e.Fact, "Prisma schema") {
			return e.File
		}
	}
	return "a Prisma schema"
}

// copiesSchema: a COPY from the context that brings the schema along
// (the whole project, its prisma/ folder, the schema file).
func (c *checker) copiesSchema(sources []string) bool {
	schema := path.Join(c.projectDir, c.prismaSchema())
	for _, s := range sources {
		clean, _ := clampSource(s)
		if clean == "." || clean == schema || strings.HasPrefix(schema, clean+"/") {
			return true
		}
		if hasGlobMeta(clean) {
			if ok, _ := path.Match(clean, schema); ok {
				return true
			}
		}
	}
	return false
}

// prismaClientCommitted: the schema writes the client to a custom output
// folder that is committed (the repository carries the generated client).
func (c *checker) prismaClientCommitted() bool {
	schema := path.Join(c.projectDir, c.prismaSchema())
	data, err := c.ctx.readFile(schema)
	if err != nil {
		return false
	}
	m := prismaOutputRe.FindSubmatch(data)
	if m == nil {
		return false
	}
	out, escapes := clampSource(path.Join(path.Dir(schema), string(m[1])))
	return !escapes && c.ctx.exists(out)
}

// Task runners whose steps lint does not follow (a package's own build in
// a monorepo may generate the client); npm-run-all's are followed.
var taskRunnerRe = regexp.MustCompile(`\b(turbo|nx|lerna|concurrently|wireit)\b`)

// scriptMayGenerate: the script (with its pre and post hooks) runs prisma
// generate, itself or through the scripts it runs, or runs a task runner
// lint cannot follow.
func scriptMayGenerate(scripts map[string]string, script string) bool {
	return scriptReaches(scripts, script, func(cmd string) bool {
		return strings.Contains(cmd, "prisma generate") || taskRunnerRe.MatchString(cmd)
	})
}

// scriptReaches reports whether a package.json script, with its pre and
// post hooks, runs a command match accepts: itself, or through the scripts
// it runs (npm/pnpm/yarn/bun run NAME, and npm-run-all/run-s/run-p
// patterns such as build:*), at most 4 levels deep.
func scriptReaches(scripts map[string]string, script string, match func(cmd string) bool) bool {
	var visit func(script string, depth int) bool
	visit = func(script string, depth int) bool {
		if depth > 3 {
			return false
		}
		for _, s := range []string{"pre" + script, script, "post" + script} {
			cmd, ok := scripts[s]
			if !ok {
				continue
			}
			if match(cmd) {
				return true
			}
			for _, step := range splitShell(cmd) {
				w := strings.Fields(step)
				switch {
				case len(w) >= 2 && slices.Contains([]string{"npm", "pnpm", "yarn", "bun"}, w[0]):
					next := w[1]
					if (next == "run" || next == "run-script") && len(w) >= 3 {
						next = w[2]
					}
					if next != s && visit(next, depth+1) {
						return true
					}
				case len(w) >= 2 && slices.Contains([]string{"npm-run-all", "run-s", "run-p"}, w[0]):
					for _, pat := range w[1:] {
						pat = strings.Trim(pat, `"'`)
						if strings.HasPrefix(pat, "-") {
							continue
						}
						for name := range scripts {
							if ok, _ := path.Match(strings.ReplaceAll(pat, ":", "/"), strings.ReplaceAll(name, ":", "/")); ok && name != s && visit(name, depth+1) {
								return true
							}
						}
					}
				}
			}
		}
		return false
	}
	return visit(script, 0)
}
