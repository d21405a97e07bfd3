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
	// A port the app hard-codes below 1024 is kept, documented (PrivilegedPort).
	LowPorts: true,

	Manifests: []string{"package.json"},
	LookedFor: []string{"package.json"},
	CodeFiles: nodeCodeFiles,

	EntryHelp:      "Node start file or command",
	EntryTitle:     "Start command",
	VersionExample: "24",

	Image:        nodeImage,
	BuildSecrets: true,
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
		// The image sets PORT for an app that reads it: that port is
		// dockgen's to choose.
		PrivilegedPort(p, p.Node.PortEnv, "1000")
		p.Node.BuildSteps = NodeBuildSteps(p.Tool, p.Node)
		p.Node.OpenSSLLegacy = p.Node.MD4 && p.Tool != "bun" && atoi(strings.SplitN(p.LangVersion, ".", 2)[0]) >= 17
		// "yarn workspaces focus" is built into Yarn 4; Yarn 2 and 3 need the
		// workspace-tools plugin, committed under .yarn/plugins.
		p.Node.YarnAllDeps = p.Tool == "yarn-berry" && atoi(strings.SplitN(p.Node.ManagerVersion, ".", 2)[0]) < 4 && !p.Node.YarnFocusPlugin
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

	FromBuildRoot: true,
	Lint: Lint{
		Commands:     []Command{{Re: `npm (ci|install|i)\b|yarn(\s+--cwd[= ]\S+)?( install)?\s*($|&&|;|--([^c\s]|c[^w]|cw[^d])\S*)|pnpm (install|i)\b|bun install\b`, Download: true, Scripts: true}},
		BuildOutputs: nodeOutputs,
		ImageEnv:     []ImageEnv{{"node:", []string{defaultPath, "NODE_VERSION=24", "YARN_VERSION=1.22.22"}}},
	},
}

// The Node toolchain is shared by Node servers and sites built with Node.
var (
	nodeTools   = []string{"npm", "yarn", "yarn-berry", "pnpm", "bun"}
	nodeVersion = Version{Default: "24", Map: nodeMajor} // Active LTS line that still ships Corepack and Yarn v1
	bunVersion  = Version{Default: "1.3", Map: firstMajorMinor}
	nodeOutputs = []BuildOutput{{"build", "package.json", "npm run build"}, {"dist", "package.json", "npm run build"}, {"out", "package.json", "npm run build"}, {".next", "package.json", "npm run build"}}
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
	return strconv.Itoa(resolveNodeMajor(declared, atoi(nodeVersion.Default), p.Node.MaxMajor))
}

// nodeManagerDefault pins the package-manager version when the project does not.
func nodeManagerDefault(p *plan.Plan) {
	if p.Node.ManagerVersion == "" {
		p.Node.ManagerVersion = DefaultManagerVersion[p.Tool]
	}
}

// validNodeFacts checks the Node facts a Node build uses.
func validNodeFacts(p *plan.Plan) error {
	for _, w := range slices.Concat(p.Node.Writable, strings.Split(p.Vars["writable"], ",")) {
		if w = strings.TrimSpace(w); w != "" && (!plan.SafeRel(w) || w == ".") {
			return &plan.FieldError{Field: "writable path", Value: w, Want: "want a path relative to the app folder (/app), e.g. --set writable=data,uploads"}
		}
	}
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
	for _, list := range [][]string{p.Node.DropScripts, p.Node.RunScripts, p.Node.PatchPackage, p.Node.Env, p.Node.InstallEnv, {p.Node.BuildScript}} {
		for _, w := range list {
			if w != "" && !wordRe.MatchString(w) {
				return &plan.FieldError{Field: "package.json script or command", Value: w, Want: "each word may hold letters, digits and @%+=:,./_- only"}
			}
		}
	}
	for _, w := range p.Node.Native.Why {
		if strings.ContainsFunc(w, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return &plan.FieldError{Field: "native build reason", Value: w, Want: "want a single line of text"}
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
	subs := []string{".", "src", "src/config", "config", "server", "bin"}
	if dir := path.Dir(entry); entry != "" && !strings.Contains(entry, " ") && dir != "." && !slices.Contains(subs, dir) {
		subs = append(subs, dir) // the entry's own folder (settings.js beside red.js)
	}
	for _, sub := range subs {
		for _, e := range list(sub) {
			if n := e.Name(); !e.IsDir() && slices.Contains([]string{".js", ".ts", ".mjs", ".cjs"}, path.Ext(n)) && !strings.Contains(n, ".config.") && !strings.Contains(n, ".test.") && !strings.Contains(n, ".spec.") {
				files = append(files, path.Join(sub, n))
			}
		}
	}
	return files
}

// nodeMajor picks a Node major for an engines.node value or .nvmrc content.
func nodeMajor(d, def string) string { return strconv.Itoa(resolveNodeMajor(d, atoi(def), 0)) }

// ltsNames are the Node LTS code names .nvmrc may hold (lts/iron).
var ltsNames = map[string]int{"argon": 4, "boron": 6, "carbon": 8, "dubnium": 10, "erbium": 12, "fermium": 14, "gallium": 16, "hydrogen": 18, "iron": 20, "jod": 22, "krypton": 24}

// resolveNodeMajor resolves a declared Node version or range to one
// concrete major, never the range itself: the highest LTS (even) major that
// satisfies it up to the default (and up to limit, the newest major the
// project's native modules or webpack work on, when > 0), else the highest
// odd major up to there, else the lowest major above that satisfies it.
func resolveNodeMajor(d string, def, limit int) int {
	top := def
	if limit > 0 && limit < top {
		top = limit
	}
	d = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(d), "v")))
	switch {
	case d == "" || d == "node" || d == "latest" || d == "current" || d == "*" || d == "lts" || d == "lts/*" || d == "stable":
		return top
	case strings.HasPrefix(d, "lts/"):
		if m, ok := ltsNames[strings.TrimPrefix(d, "lts/")]; ok {
			return m
		}
		return top
	}
	alts := parseNodeRange(d)
	if alts == nil {
		return top
	}
	sat := func(m int) bool {
		for _, alt := range alts {
			ok := true
			for _, c := range alt {
				ok = ok && c(m)
			}
			if ok {
				return true
			}
		}
		return false
	}
	for m := top; m >= 4; m -= 1 {
		if m%2 == 0 && sat(m) {
			return m
		}
	}
	for m := top; m >= 4; m-- {
		if sat(m) {
			return m
		}
	}
	for m := top + 1; m <= top+10; m++ {
		if sat(m) {
			return m
		}
	}
	return top
}

// rangeOpRe joins an operator to its version (">= 7.6.0" is ">=7.6.0").
var (
	rangeOpRe  = regexp.MustCompile(`(>=|<=|>|<|=|\^|~)\s+`)
	rangeTokRe = regexp.MustCompile(`^(>=|<=|>|<|=|\^|~)?v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:[-+][0-9A-Za-z.-]*)?$`)
)

// MajorInRange reports whether some version of the given major satisfies
// the semver range rng (npm's syntax: ^15 || ^16, >=16.8, 18 - 20); ok is
// false when the range does not parse. Lint's DG819 compares a locked
// peer's major with the range a package asks for.
func MajorInRange(rng string, major int) (in, ok bool) {
	alts := parseNodeRange(rng)
	if alts == nil {
		return false, false
	}
	for _, tests := range alts {
		all := true
		for _, t := range tests {
			all = all && t(major)
		}
		if all {
			return true, true
		}
	}
	return false, true
}

// parseNodeRange turns a semver range into, per "||" alternative, the
// tests a major must pass for some version of it to satisfy the
// alternative; nil when the range does not parse.
func parseNodeRange(d string) [][]func(int) bool {
	var alts [][]func(int) bool
	for _, alt := range strings.Split(d, "||") {
		alt = rangeOpRe.ReplaceAllString(strings.TrimSpace(alt), "$1")
		words := strings.Fields(alt)
		var tests []func(int) bool
		if len(words) == 3 && words[1] == "-" { // hyphen range "18 - 20"
			lo, hi := rangeTokRe.FindStringSubmatch(words[0]), rangeTokRe.FindStringSubmatch(words[2])
			if lo == nil || hi == nil {
				return nil
			}
			a, b := atoi(lo[2]), atoi(hi[2])
			alts = append(alts, []func(int) bool{func(m int) bool { return m >= a && m <= b }})
			continue
		}
		for _, w := range words {
			t := rangeTokRe.FindStringSubmatch(w)
			if t == nil {
				return nil
			}
			op, majS := t[1], t[2]
			if majS == "x" || majS == "*" {
				continue
			}
			maj := atoi(majS)
			// Only a bare major (">20") is about whole majors; "<24.17.0" still admits 24.x.
			fine := (t[3] != "" && t[3] != "0" && t[3] != "x" && t[3] != "*") || (t[4] != "" && t[4] != "0" && t[4] != "x" && t[4] != "*")
			switch op {
			case ">=":
				tests = append(tests, func(m int) bool { return m >= maj })
			case ">":
				if t[3] == "" {
					tests = append(tests, func(m int) bool { return m > maj })
				} else {
					tests = append(tests, func(m int) bool { return m >= maj })
				}
			case "<":
				tests = append(tests, func(m int) bool { return m < maj || (m == maj && fine) })
			case "<=":
				tests = append(tests, func(m int) bool { return m <= maj })
			default: // =, ^, ~ and a bare version: that major
				tests = append(tests, func(m int) bool { return m == maj })
			}
		}
		alts = append(alts, tests)
	}
	return alts
}
