package kind

import (
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/plan"
)

// Node is a Node.js server (a SPA is a static site built by Node).
var Node = &Kind{
	Name:  "node",
	Title: "Node",
	Label: "Node",
	Aliases: []Alias{
		{Name: "nodejs", InHelp: true}, {Name: "node.js"}, {Name: "js", InHelp: true},
		{Name: "javascript"}, {Name: "ts", InHelp: true}, {Name: "typescript"},
	},
	Tools:   nodeTools,
	Version: nodeVersion,
	Port:    3000,

	Manifests: []string{"package.json"},
	LookedFor: []string{"package.json"},
	CodeFiles: nodeCodeFiles,

	EntryHelp:      "Node start file or command",
	EntryTitle:     "Start command",
	VersionExample: "24",

	Image: nodeImage,
	Entry: func(p *plan.Plan, entry string, given bool) {
		runner := "node"
		if p.Tool == "bun" {
			runner = "bun"
		}
		switch {
		case !given && len(p.Node.Start) > 0:
		case strings.ContainsAny(entry, " \t"):
			p.Node.Start = strings.Fields(entry) // a command: "npm start"
		case entry != "":
			p.Node.Start = []string{runner, entry} // a file: "server.js"
		}
		// The answers file records the argv itself, so a re-run is exact.
		p.Entry = strings.Join(p.Node.Start, " ")
		if len(p.Node.Manifests) == 0 {
			p.Node.Manifests = []string{"package.json"}
		}
		nodeManagerDefault(p)
		p.Node.BuildSteps = NodeBuildSteps(p.Tool, p.Node)
	},
	Validate: func(p *plan.Plan, _ Source) error {
		if len(p.Node.Start) == 0 {
			return &plan.FieldError{Field: "start command (--entry)", Want: "no start script, main field or server file found; pass --entry server.js or --entry \"npm start\""}
		}
		for _, w := range p.Node.Start {
			if !wordRe.MatchString(w) {
				return &plan.FieldError{Field: "start command (--entry)", Value: strings.Join(p.Node.Start, " "), Want: "each word may hold letters, digits and @%+=:,./_- only"}
			}
		}
		return validNodeFacts(p)
	},

	SampleEntry: "server.js",
	Sample:      "node-npm",

	Lint: Lint{
		Install:  nodeInstall,
		Download: nodeInstall,
		ImageEnv: []ImageEnv{{"node:", []string{defaultPath, "NODE_VERSION=24", "YARN_VERSION=1.22.22"}}},
	},
}

// The Node toolchain is shared by Node servers and sites built with Node.
var (
	nodeTools   = []string{"npm", "yarn", "yarn-berry", "pnpm", "bun"}
	nodeVersion = Version{Default: "24", Map: nodeMajor} // Active LTS line that still ships Corepack and Yarn v1
	bunVersion  = Version{Default: "1.3", Map: firstMajorMinor}
	nodeInstall = []string{`npm (ci|install|i)\b`, `yarn( install)?\s*($|&&|--)`, `pnpm (install|i)\b`, `bun install`}
)

// DefaultManagerVersion is the Node package-manager version installed in the
// image when package.json pins none ("packageManager").
var DefaultManagerVersion = map[string]string{"pnpm": "10", "yarn": "1.22.22", "yarn-berry": "4"}

// defaultPath is the PATH most base images set.
const defaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

var (
	wordRe        = regexp.MustCompile(`^[A-Za-z0-9@%+=:,./_-]+$`)
	toolVersionRe = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+-]*$`)
)

// nodeImage is the build image version: Bun's own line for bun, else Node's.
func nodeImage(p *plan.Plan, declared string) string {
	if p.Tool == "bun" {
		return bunVersion.Image(p.Node.ManagerVersion)
	}
	return nodeVersion.Image(declared)
}

// nodeManagerDefault pins the package-manager version when the project does not.
func nodeManagerDefault(p *plan.Plan) {
	if p.Node.ManagerVersion == "" {
		p.Node.ManagerVersion = DefaultManagerVersion[p.Tool]
	}
}

// validNodeFacts checks the Node facts a Node build uses.
func validNodeFacts(p *plan.Plan) error {
	for _, m := range p.Node.Manifests {
		if !plan.SafeRel(m) || m == "." {
			return &plan.FieldError{Field: "package manifest", Value: m, Want: "want a relative file path"}
		}
	}
	if p.Node.ManagerVersion != "" && !toolVersionRe.MatchString(p.Node.ManagerVersion) {
		return &plan.FieldError{Field: "packageManager version", Value: p.Node.ManagerVersion, Want: "want a version such as 9.12.0"}
	}
	if p.Node.Output != "" && (!plan.SafeRel(p.Node.Output) || !wordRe.MatchString(p.Node.Output)) {
		return &plan.FieldError{Field: "build output", Value: p.Node.Output, Want: "want a relative folder such as .output"}
	}
	if p.Node.Patches != "" && (!plan.SafeRel(p.Node.Patches) || !wordRe.MatchString(p.Node.Patches)) {
		return &plan.FieldError{Field: "patches folder", Value: p.Node.Patches, Want: "want a relative folder such as patches"}
	}
	for _, list := range [][]string{p.Node.DropScripts, p.Node.RunScripts, p.Node.PatchPackage, p.Node.Env, p.Node.Secrets, {p.Node.BuildScript}} {
		for _, w := range list {
			if w != "" && !wordRe.MatchString(w) {
				return &plan.FieldError{Field: "package.json script or command", Value: w, Want: "each word may hold letters, digits and @%+=:,./_- only"}
			}
		}
	}
	for _, step := range p.Node.BuildSteps {
		for _, w := range strings.Fields(step) {
			if !wordRe.MatchString(w) {
				return &plan.FieldError{Field: "build step", Value: step, Want: "each word may hold letters, digits and @%+=:,./_- only"}
			}
		}
	}
	return nil
}

// NodeBuildSteps are the commands the build stage runs once the sources
// are copied, for the package manager tool: the project's install scripts
// that generate or patch something, prisma generate when no script runs
// it, then the build script.
func NodeBuildSteps(tool string, n plan.NodeFacts) []string {
	runner := tool
	if tool == "yarn-berry" {
		runner = "yarn"
	}
	var steps []string
	for _, s := range n.RunScripts {
		steps = append(steps, runner+" run "+s)
	}
	if n.PrismaGenerate {
		steps = append(steps, "node_modules/.bin/prisma generate")
	}
	if n.HasBuild {
		script := n.BuildScript
		if script == "" {
			script = "build"
		}
		steps = append(steps, runner+" run "+script)
	}
	return steps
}

func nodeCodeFiles(entry string, list ListDir) []string {
	var files []string
	if e := entry; e != "" && !strings.Contains(e, " ") {
		files = append(files, e)
		// A compiled entry (dist/main.js) was written from src/main.ts.
		if _, rest, ok := strings.Cut(e, "/"); ok {
			base := strings.TrimSuffix(rest, path.Ext(rest))
			files = append(files, "src/"+base+".ts", "src/"+base+".js")
		}
	}
	for _, sub := range []string{".", "src", "src/config", "config", "server", "bin"} {
		for _, e := range list(sub) {
			if n := e.Name(); !e.IsDir() && slices.Contains([]string{".js", ".ts", ".mjs", ".cjs"}, path.Ext(n)) && !strings.Contains(n, ".config.") && !strings.Contains(n, ".test.") && !strings.Contains(n, ".spec.") {
				files = append(files, path.Join(sub, n))
			}
		}
	}
	return files
}

// nodeMajor picks a Node major for an engines.node value or .nvmrc content.
// Open ranges (">=18") take the default when it satisfies them; exact,
// caret, tilde and x-ranges take their own major. With "||" alternatives the
// highest major wins.
func nodeMajor(d, def string) string {
	if d == "node" { // .nvmrc: the latest release
		return def
	}
	best := -1
	for _, alt := range strings.Split(d, "||") {
		alt = strings.TrimSpace(alt)
		m := numRe.FindString(alt)
		if m == "" {
			continue
		}
		major := atoi(strings.Split(m, ".")[0])
		lower := strings.HasPrefix(alt, ">")
		upper := strings.Contains(alt, "<")
		if lower && !upper && atoi(def) >= major {
			major = atoi(def)
		} else if lower && upper {
			// ">=18 <21": the highest major below the upper bound, capped at the default.
			ub := numRe.FindAllString(alt, -1)
			if len(ub) > 1 {
				hi := atoi(strings.Split(ub[len(ub)-1], ".")[0])
				if strings.Contains(alt, "<=") {
					hi++
				}
				cand := min(atoi(def), hi-1)
				if cand >= major {
					major = cand
				}
			}
		}
		if major > best {
			best = major
		}
	}
	if best <= 0 {
		return def
	}
	return strconv.Itoa(best)
}
