package lint

import (
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// The start rules (DG831, DG832) compare the command the image starts
// with what detection reads about how the program starts: the subcommand
// that runs its server, and the flag or variable whose default listens on
// loopback only. Both apply only when the image starts the very program
// detection read (the Go main package it builds, the script package.json
// starts), so a different program or a wrapper script is the user's choice.

// chain is the final stage and the stages it is built on, the first
// (built from an image) first.
func (c *checker) chain(last int) []int {
	var out []int
	for i := last; i >= 0; i = c.parents[i] {
		out = append(out, i)
	}
	slices.Reverse(out)
	return out
}

// startCommand is what the image runs: the nearest ENTRYPOINT and CMD of
// the stage chain, as words, with the line of the later one, and the ENV
// names the chain sets.
func (c *checker) startCommand(last int) (argv []string, ln int, env map[string]bool) {
	var entry, cmdArgs []string
	env = map[string]bool{}
	for _, i := range c.chain(last) {
		cmdSet := false
		for _, cmd := range c.stages[i].Commands {
			switch cmd := cmd.(type) {
			case *instructions.EntrypointCommand:
				// ENTRYPOINT resets a CMD inherited from the stage's base,
				// not one the stage sets itself (as BuildKit does).
				entry, ln = words(cmd.CmdLine, cmd.PrependShell), max(ln, line(cmd))
				if !cmdSet {
					cmdArgs = nil
				}
			case *instructions.CmdCommand:
				cmdArgs, cmdSet, ln = words(cmd.CmdLine, cmd.PrependShell), true, max(ln, line(cmd))
			case *instructions.EnvCommand:
				for _, kv := range cmd.Env {
					env[kv.Key] = true
				}
			}
		}
	}
	return append(slices.Clone(entry), cmdArgs...), ln, env
}

// goBuilds lists the binaries the Dockerfile's go build steps write, by
// the main package each builds (slash path as written, "." for none).
func (c *checker) goBuilds() map[string][]string {
	out := map[string][]string{}
	for _, st := range c.stages {
		for _, cmd := range st.Commands {
			run, ok := cmd.(*instructions.RunCommand)
			if !ok {
				continue
			}
			w := strings.Fields(strings.Join(run.CmdLine, " "))
			for i := 0; i+1 < len(w); i++ {
				if path.Base(w[i]) != "go" || w[i+1] != "build" && w[i+1] != "install" {
					continue
				}
				pkgs, outName := goBuildArgs(w[i+2:])
				for _, p := range pkgs {
					bin := outName
					if bin == "" || strings.HasSuffix(bin, "/") {
						bin = path.Base(path.Clean("/" + p)) // go build ./cmd/app writes app
					}
					out[p] = append(out[p], path.Base(bin))
				}
			}
		}
	}
	return out
}

// goValueFlags are go build flags that take the next word as their value.
var goValueFlags = []string{"-o", "-tags", "-ldflags", "-gcflags", "-asmflags", "-mod", "-modfile", "-p", "-pkgdir", "-buildmode", "-compiler", "-gccgoflags", "-installsuffix", "-overlay", "-pgo", "-toolexec", "-C", "-buildvcs", "-cover", "-covermode", "-coverpkg"}

// goBuildArgs reads a go build command line: its packages ("." when it
// names none) and its -o value. It stops at the end of the shell command.
func goBuildArgs(w []string) (pkgs []string, out string) {
	for i := 0; i < len(w); i++ {
		a := strings.Trim(w[i], `"'`)
		if a == "&&" || a == ";" || a == "||" || a == "|" || a == "\\" && i == len(w)-1 {
			break
		}
		if a == "\\" {
			continue
		}
		if strings.HasPrefix(a, "-") {
			name, val, hasVal := strings.Cut(strings.Replace(a, "--", "-", 1), "=")
			if name == "-o" {
				if hasVal {
					out = val
				} else if i+1 < len(w) {
					out = strings.Trim(w[i+1], `"'`)
				}
			}
			if !hasVal && slices.Contains(goValueFlags, name) {
				i++
			}
			continue
		}
		if strings.ContainsAny(a, "$=") || strings.HasSuffix(a, ".go") {
			continue // a variable, an assignment, or files: not a package we can name
		}
		pkgs = append(pkgs, a)
	}
	if len(pkgs) == 0 {
		pkgs = []string{"."}
	}
	return pkgs, out
}

// samePackage compares main package paths as written ("./cmd/app",
// "cmd/app", "./cmd/app/").
func samePackage(a, b string) bool {
	clean := func(s string) string { return path.Clean(strings.TrimPrefix(s, "./")) }
	return clean(a) == clean(b)
}

// goStart finds the detected main package's binary in the start command:
// its index in argv, or -1 when the image builds another package or starts
// something else (a script that may pass what detection reads).
func (c *checker) goStart(p *detect.Project, argv []string) int {
	var bins []string
	for pkg, b := range c.goBuilds() {
		// The project may sit below the context (docker build -f svc/Dockerfile .).
		if samePackage(pkg, p.Go.StartOf) || c.projectDir != "." && samePackage(pkg, path.Join(c.projectDir, p.Go.StartOf)) {
			bins = append(bins, b...)
		}
	}
	if len(bins) == 0 {
		return -1
	}
	return slices.IndexFunc(argv, func(w string) bool { return slices.Contains(bins, path.Base(w)) })
}

// positional reports the first word of args that is no flag: a
// subcommand the user chose, or a flag's value (--config /etc/app.yaml),
// which lint cannot tell apart without the program's flags; either way
// the image passes something and the rules say nothing.
func positional(args []string) (string, bool) {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a, true
		}
	}
	return "", false
}

// startProject is the project the project rules on the final stage judge,
// nil when they cannot apply, told before detection (which reads every
// package of a Go module): the image starts nothing (no CMD or
// ENTRYPOINT), or it builds no Go binary from a Go module (the Go rules
// judge only the binary the Dockerfile builds).
func (c *checker) startProject(last int) *detect.Project {
	if argv, _, _ := c.startCommand(last); len(argv) == 0 {
		return nil
	}
	if len(c.goBuilds()) == 0 && c.goModule() {
		return nil
	}
	return c.project()
}

// goModule reports whether a go.mod sits where project() looks: the
// context root or the Dockerfile's folder.
func (c *checker) goModule() bool {
	if c.ctx.exists("go.mod") {
		return true
	}
	if c.dockerfile == "" {
		return false
	}
	own, err1 := filepath.Abs(filepath.Dir(c.dockerfile))
	ctx, err2 := filepath.Abs(c.ctx.dir)
	rel, err3 := filepath.Rel(ctx, own)
	return err1 == nil && err2 == nil && err3 == nil && filepath.IsLocal(rel) && c.ctx.exists(filepath.ToSlash(filepath.Join(rel, "go.mod")))
}

// checkStart: DG831 and DG832 on the final stage's start command.
func (c *checker) checkStart(last int) {
	p := c.startProject(last)
	if p == nil {
		return
	}
	argv, ln, env := c.startCommand(last)
	switch p.Lang {
	case "go":
		i := c.goStart(p, argv)
		if i < 0 {
			return
		}
		bin, args := path.Base(argv[i]), argv[i+1:]
		if sub := p.Go.Subcommand; sub != "" {
			if _, has := positional(args); !has {
				c.add(StartSubcommandMissing, ln, bin+" starts without a subcommand: its server starts as `"+bin+" "+sub+"`"+evidenceFor(p, "`"+sub))
			}
		}
		c.checkListenDefault(p, bin, args, env, ln)
	case "java":
		if len(p.Java.Subcommands) == 0 {
			return
		}
		// The words after the jar (java -jar app.jar ARGS) or the main
		// class (java -cp ... io.x.App ARGS); another start lint cannot read.
		i := -1
		switch j := slices.Index(argv, "-jar"); {
		case j >= 0:
			i = j + 1
		case p.Java.MainClass != "" && slices.Contains(argv, p.Java.MainClass):
			i = slices.Index(argv, p.Java.MainClass)
		case p.Java.Dist != "" && path.Base(argv[0]) == p.Java.Dist:
			i = 0 // the distribution's bin/NAME script
		}
		if i < 0 || i >= len(argv) {
			return
		}
		if _, has := positional(argv[i+1:]); !has {
			how := "one of its subcommands (" + strings.Join(p.Java.Subcommands, ", ") + ")"
			if len(p.Java.Args) > 0 {
				how = "`" + strings.Join(p.Java.Args, " ") + "`" + evidenceAt(p, "started as `"+strings.Join(p.Java.Args, " "))
			}
			c.add(StartSubcommandMissing, ln, path.Base(argv[i])+" starts without a subcommand, but its main command only prints its help"+evidenceAt(p, "the root command only prints its help")+": the server starts with "+how)
		}
	case "node":
		c.checkNodeStartArgs(p, argv, ln)
		if p.Node.Loopback != "" && slices.ContainsFunc(argv, func(w string) bool {
			return slices.Contains([]string{"node", "npm", "yarn", "pnpm", "bun", "tsx", "ts-node"}, path.Base(w))
		}) {
			c.add(StartListenLoopback, ln, "the server's listen() at "+p.Node.Loopback+" has no host, so Fastify binds localhost whatever the image sets: nothing outside the container reaches it (pass host: '0.0.0.0' in the code)")
		}
	}
}

// checkListenDefault: DG832 when the program's listen address defaults
// to loopback (a flag or a variable detection read from its code) and the
// image overrides it neither way.
func (c *checker) checkListenDefault(p *detect.Project, bin string, args []string, env map[string]bool, ln int) {
	g := p.Go
	if g.ListenFlag == "" && g.ListenEnv == "" {
		return
	}
	if g.ListenEnv != "" && env[g.ListenEnv] || g.ReadsPort && env["PORT"] && !g.ListenHostOnly {
		return
	}
	if g.ListenFlag != "" && slices.ContainsFunc(args, func(a string) bool {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		return strings.HasPrefix(a, "-") && name == g.ListenFlag
	}) {
		return
	}
	how, what := "", g.ListenEnv
	switch {
	case g.ListenFlag != "" && g.ListenEnv != "":
		how = "neither -" + g.ListenFlag + " nor ENV " + g.ListenEnv + " is set"
	case g.ListenFlag != "":
		how, what = "the start command passes no -"+g.ListenFlag, "--"+g.ListenFlag+" "
	default:
		how = "the image sets no ENV " + g.ListenEnv
	}
	c.add(StartListenLoopback, ln, bin+" listens on loopback unless told otherwise"+evidenceFor(p, what)+", and "+how+": nothing outside the container reaches it")
}

// checkNodeStartArgs: DG831 when the image runs package.json's start
// script without the subcommand the script passes (node index start run
// as node index.js).
func (c *checker) checkNodeStartArgs(p *detect.Project, argv []string, ln int) {
	start := p.Node.Start
	if len(start) < 3 || path.Base(start[0]) != "node" || strings.HasPrefix(start[2], "-") {
		return
	}
	i := slices.IndexFunc(argv, func(w string) bool { return path.Base(w) == "node" })
	if i < 0 || i+1 >= len(argv) {
		return
	}
	script, args := argv[i+1], argv[i+2:]
	if !sameScript(script, start[1]) {
		return
	}
	if _, has := positional(args); has {
		return
	}
	c.add(StartSubcommandMissing, ln, "node "+script+" starts without a subcommand, but package.json's start script runs "+strings.Join(start, " "))
}

// sameScript compares a script as the image names it (/app/index.js,
// ./index.js) with package.json's (index, index.js).
func sameScript(image, pkg string) bool {
	norm := func(s string) string {
		return strings.TrimSuffix(path.Clean(strings.TrimPrefix(s, "./")), ".js")
	}
	a, b := norm(image), norm(pkg)
	for _, x := range []string{b, b + "/index"} { // node lib runs lib/index.js
		if a == x || strings.HasSuffix(a, "/"+x) {
			return true
		}
	}
	return false
}

// evidenceFor is where detection read a fact that mentions what, as
// " (FILE:LINE: FACT)", or "".
func evidenceFor(p *detect.Project, what string) string {
	for _, e := range p.Evidence {
		if strings.Contains(e.Fact, what) {
			return " (" + where(e) + ": " + e.Fact + ")"
		}
	}
	return ""
}

// evidenceAt is where detection read a fact that mentions what, as
// " (FILE:LINE)", or "".
func evidenceAt(p *detect.Project, what string) string {
	for _, e := range p.Evidence {
		if strings.Contains(e.Fact, what) {
			return " (" + where(e) + ")"
		}
	}
	return ""
}

// where is an evidence's FILE:LINE (FILE when it has no line).
func where(e detect.Evidence) string {
	if e.Line > 0 {
		return e.File + ":" + strconv.Itoa(e.Line)
	}
	return e.File
}
