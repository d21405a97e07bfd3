package kind

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockgen/dockgen/generator/plan"
)

// Go is a Go module built into a static binary on distroless.
var Go = &Kind{
	Name:    "go",
	Title:   "Go",
	Label:   "Go",
	Aliases: []Alias{{Name: "golang", InHelp: true}},
	Tools:   []string{"go"},
	Version: Version{Default: "1.27", Map: firstMajorMinor},
	Port:    8080,
	// The binary runs without a shell on distroless; binding a low port
	// is the template's business.
	LowPorts: true,
	// --build-secret: mounted into the steps that fetch dependencies.
	BuildSecrets: true,

	Manifests: []string{"go.mod", "go.work"},
	LookedFor: []string{"go.mod"},
	CodeFiles: func(entry string, list ListDir) []string {
		files := goFiles(list, strings.TrimPrefix(entry, "./"))
		if entry != "." && entry != "" {
			files = append(files, goFiles(list, ".")...)
		}
		return files
	},

	EntryHelp:      "Go main package",
	EntryTitle:     "Main package",
	VersionExample: "1.22",

	Private: &Private{
		Title: "Private module path prefixes",
		Help:  "comma-separated, e.g. github.com/acme; empty for none",
		Apply: goPrivateHosts,
	},

	Entry: func(p *plan.Plan, entry string, given bool) {
		p.Entry = entry
		if p.Entry == "" {
			p.Entry = "."
		}
		if !strings.HasPrefix(p.Entry, ".") {
			p.Entry = "./" + p.Entry
		}
		if given {
			p.Go.NoMain = false // the user named the main package
		}
		goStart(p)
		if p.Go.Binary != "" && p.Entry == p.Go.StartOf {
			return // the repository's release config names the detected main's binary
		}
		p.Go.Binary = GoModuleBase(path.Base(p.Entry))
		if p.Entry == "." {
			p.Go.Binary = GoModuleBase(p.Go.Module)
			if p.Go.Module == "" {
				p.Go.Binary = p.Name
			}
		}
	},
	Runtime: func(p *plan.Plan, offered []string) string {
		if p.Go.CGO && slices.Contains(offered, "cgo") {
			return "cgo"
		}
		return ""
	},
	Validate: func(p *plan.Plan, src Source) error {
		if p.Go.NoMain {
			return &plan.FieldError{Field: "Go main package", Value: p.Entry, Want: "the module in " + src.Dir + " has no package main (a library, or mains deeper than dockgen looks): pass --entry ./path/to/main (or --lang static for a Hugo site that only uses Go modules)"}
		}
		if !goMainRe.MatchString(p.Entry) || strings.Contains(p.Entry+"/", "/../") {
			return &plan.FieldError{Field: "Go main package (--entry)", Value: p.Entry, Want: "want a package path inside the module such as . or ./cmd/server"}
		}
		for _, a := range p.Go.Args {
			if !goArgRe.MatchString(a) {
				return &plan.FieldError{Field: "Go start argument", Value: a, Want: "want letters, digits and . _ : = / @ + -"}
			}
		}
		if ui := p.Go.UI; ui != nil {
			if !plan.SafeRel(ui.Dir) || !plan.SafeRel(ui.Root) || !plan.SafeRel(ui.Out) || ui.Out == "." {
				return &plan.FieldError{Field: "embedded UI directory", Value: ui.Dir + " -> " + ui.Out, Want: "want relative paths inside the project"}
			}
			for _, step := range ui.Post {
				if err := validUIStep(ui.Dir, step); err != nil {
					return err
				}
			}
			for _, c := range ui.Copy {
				if !plan.SafeRel(c) || !strings.HasPrefix(c, ui.Out+"/") {
					return &plan.FieldError{Field: "embedded UI path", Value: c, Want: "want a path inside " + ui.Out}
				}
			}
			for _, sc := range append(slices.Clone(ui.DropScripts), ui.RunScripts...) {
				if !uiScriptRe.MatchString(sc) {
					return &plan.FieldError{Field: "embedded UI install script", Value: sc, Want: "want a package.json script named with letters, digits, ':', '_', '.' or '-'"}
				}
			}
			if !uiScriptRe.MatchString(ui.Script) || !slices.Contains([]string{"npm", "pnpm", "yarn"}, ui.Tool) ||
				!versionRe.MatchString(ui.NodeVersion) || (ui.ManagerVersion != "" && !versionRe.MatchString(ui.ManagerVersion)) ||
				(ui.Lockfile != "" && !plan.SafeRel(ui.Lockfile)) || slices.ContainsFunc(ui.Manifests, func(m string) bool { return !plan.SafeRel(m) }) {
				return &plan.FieldError{Field: "embedded UI build", Value: ui.Tool + " run " + ui.Script, Want: "want npm, pnpm or yarn running a script named with letters, digits, ':', '_', '.' or '-'"}
			}
		}
		for _, m := range p.Go.ReplaceManifests {
			if !plan.SafeRel(m) || (path.Base(m) != "go.mod" && path.Base(m) != "go.sum") {
				return &plan.FieldError{Field: "replace target manifest", Value: m, Want: "want a go.mod or go.sum inside the module"}
			}
		}
		for _, rd := range p.Go.RuntimeDirs {
			if !plan.SafeRel(rd) || rd == "." {
				return &plan.FieldError{Field: "runtime folder", Value: rd, Want: "want a folder inside the project"}
			}
		}
		for _, rf := range p.Go.RuntimeFiles {
			if !plan.SafeRel(rf) || strings.Contains(rf, "/") || strings.HasPrefix(rf, ".") {
				return &plan.FieldError{Field: "runtime file", Value: rf, Want: "want a file name at the project root"}
			}
		}
		if !goNoteRe.MatchString(p.Go.DataWhy) {
			return &plan.FieldError{Field: "data location note", Value: p.Go.DataWhy, Want: "want letters, digits and ( ) . / : _ , -"}
		}
		for _, tag := range p.Go.Tags {
			if !goTagRe.MatchString(tag) {
				return &plan.FieldError{Field: "Go build tag", Value: tag, Want: "want letters, digits, '_' or '.'"}
			}
		}
		for _, e := range p.Go.Env {
			if !goEnvRe.MatchString(e) {
				return &plan.FieldError{Field: "Go runtime environment", Value: e, Want: "want NAME=value with letters, digits and . _ : / -"}
			}
		}
		if !binaryRe.MatchString(p.Go.Binary) {
			return &plan.FieldError{Field: "binary name", Value: p.Go.Binary, Want: "want letters, digits, '.', '_' or '-'"}
		}
		return nil
	},

	Sample: "go-basic",

	FromBuildRoot: true,
	Lint: Lint{
		Toolchains: []Toolchain{{"golang", ""}},
		Commands: []Command{
			{Re: `go mod download\b`, Download: true, GoModules: true},
			{Re: `go (build|install)\b`, GoModules: true},
		},
		BuildOutputs: []BuildOutput{{"bin", "go.mod", "go build -o bin/ ./..."}},
		ImageEnv: []ImageEnv{
			{"golang:", []string{"PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOPATH=/go", "GOTOOLCHAIN=local", "GOLANG_VERSION=1.27"}},
		},
	},
}

// goStart turns the detected start facts into the image's CMD arguments
// and ENV with the planned port. A port below 1024 that dockgen itself
// passes (a listen flag or env, $PORT) becomes 8080: the runtime user is
// not root (see README, ports).
func goStart(p *plan.Plan) {
	g := &p.Go
	g.Args, g.Env, g.PortNote = nil, nil, ""
	if g.StartOf != "" && g.StartOf != p.Entry {
		// --entry named another main: how the detected one starts says
		// nothing about it.
		g.Subcommand, g.ListenFlag, g.ListenEnv, g.ReadsPort, g.NoListener = "", "", "", false, false
	}
	setsPort := g.ReadsPort || ((g.ListenFlag != "" || g.ListenEnv != "") && !g.ListenHostOnly)
	g.PortNote = PrivilegedPort(p, setsPort, "65532")
	addr := "0.0.0.0"
	if !g.ListenHostOnly {
		addr = fmt.Sprintf("0.0.0.0:%d", p.Port)
	}
	if g.Subcommand != "" {
		g.Args = append(g.Args, g.Subcommand)
	}
	switch {
	case g.ListenEnv != "":
		g.Env = append(g.Env, g.ListenEnv+"="+addr)
	case g.ListenFlag != "":
		g.Args = append(g.Args, "--"+g.ListenFlag+"="+addr)
	}
	if g.ReadsPort {
		g.Env = append(g.Env, fmt.Sprintf("PORT=%d", p.Port))
	}
}

var (
	goArgRe    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:=/@+-]*$|^--?[A-Za-z0-9][A-Za-z0-9._-]*=[A-Za-z0-9._:/@+-]*$`)
	uiScriptRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9:_.-]*$`)
	versionRe  = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)
	goTagRe    = regexp.MustCompile(`^[A-Za-z0-9_.]+$`)
	goNoteRe   = regexp.MustCompile(`^[A-Za-z0-9 ()./:_,-]*$`)
	goEnvRe    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=[A-Za-z0-9._:/-]*$`)
	goMainRe   = regexp.MustCompile(`^\.(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$`)
	binaryRe   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
)

// GoModuleBase is the binary name of a module path: its last element
// without a major-version suffix (example.com/reader/v2 -> reader,
// miniflux.app/v2 -> miniflux).
func GoModuleBase(module string) string {
	base, rest := path.Base(module), module
	if majorRe.MatchString(base) && path.Dir(module) != "." {
		rest = path.Dir(module)
		base = path.Base(rest)
	}
	// A module that is only a domain (miniflux.app/v2) is named by its
	// first label.
	if rest == base && strings.Contains(base, ".") {
		base, _, _ = strings.Cut(base, ".")
	}
	return base
}

var majorRe = regexp.MustCompile(`^v[0-9]+$`)

func goFiles(list ListDir, pkg string) []string {
	var files []string
	for _, e := range list(pkg) {
		if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			files = append(files, path.Join(pkg, n))
		}
	}
	return files
}

// knownHosts are the published SSH host keys of the big git hosts, pinned so
// a private-module build does not trust whatever answers at build time.
var knownHosts = map[string][]string{
	"github.com": {
		"github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
		"github.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=",
	},
	"gitlab.com": {
		"gitlab.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAfuCHKVTjquxvt6CM6tdG4SLp1Btn/nOeHHE5UOzRdf",
		"gitlab.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFSMqzJeV9rUzU4kWitGjeR4PWSa29SPqJ1fVkhtj3Hw9xjLVXVYrU9QlYWrOLXBpQ6KWjbjTDTdDkoohFzgbEY=",
	},
	"bitbucket.org": {
		"bitbucket.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIazEu89wgQZ4bqs3d63QSMzYVa0MuJ2e2gKTKqu+UUO",
	},
}

// goPrivateHosts fills the git hosts of the private module prefixes, each
// with its pinned host keys.
func goPrivateHosts(p *plan.Plan) []string {
	var warnings []string
	seenHost := map[string]bool{}
	for _, pr := range p.Private {
		host, _, _ := strings.Cut(pr, "/")
		if seenHost[host] || strings.Contains(host, "*") {
			continue
		}
		seenHost[host] = true
		p.Go.PrivateHosts = append(p.Go.PrivateHosts, plan.PrivateHost{Host: host, KnownHosts: knownHosts[host]})
		if knownHosts[host] == nil {
			warnings = append(warnings, "no pinned SSH host key for "+host+": the build trusts what ssh-keyscan sees (pin it by editing the Dockerfile)")
		}
	}
	return warnings
}

// uiStepWordRe: a flag or a relative path, the only words of a step that
// moves a UI build into place.
var uiStepWordRe = regexp.MustCompile(`^(?:-[A-Za-z]{1,3}|[A-Za-z0-9_.][A-Za-z0-9_./-]*)$`)

// validUIStep accepts mv, cp, rm and mkdir with flags and paths that stay
// inside the project (relative to the UI's folder dir).
func validUIStep(dir string, step []string) error {
	bad := &plan.FieldError{Field: "embedded UI step", Value: strings.Join(step, " "), Want: "want mv, cp, rm or mkdir with flags and relative paths inside the project"}
	if len(step) < 2 || !slices.Contains([]string{"mv", "cp", "rm", "mkdir"}, step[0]) {
		return bad
	}
	for _, w := range step[1:] {
		if !uiStepWordRe.MatchString(w) {
			return bad
		}
		if p := path.Join(dir, w); !strings.HasPrefix(w, "-") && (!plan.SafeRel(p) || p == ".") {
			return bad
		}
	}
	return nil
}
