package lint

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
)

// What lint knows per kind of project comes from the kind registry (each
// kind's Lint); the toolchains dockgen generates for no kind of its own
// (Rust, .NET, sbt) are added here, since real Dockerfiles use them.

// toolchainImages are build images (compiler, SDK, build tool): a final
// stage on one is DG203. An image matches by its last path component (or
// its whole path, for names with a slash), so mirrors match too.
var toolchainImages = append(kind.LintToolchains(), kind.Toolchain{Image: "rust"}, kind.Toolchain{Image: "dotnet/sdk"})

// toolchainImage reports whether an image reference names a toolchain.
func toolchainImage(ref string) bool {
	repo, tag := splitImage(ref)
	for _, t := range toolchainImages {
		if repo != t.Image && !strings.HasSuffix(repo, "/"+t.Image) {
			continue
		}
		if t.RuntimeTag == "" || !strings.Contains(tag, t.RuntimeTag) {
			return true
		}
	}
	return false
}

// splitImage splits a reference into its lower-case repository path (no
// docker.io/library/) and tag ("" for none or a digest only).
func splitImage(ref string) (repo, tag string) {
	ref = strings.ToLower(ref)
	ref, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref, tag = ref[:i], ref[i+1:]
	}
	ref = strings.TrimPrefix(ref, "docker.io/")
	ref = strings.TrimPrefix(ref, "index.docker.io/")
	ref = strings.TrimPrefix(ref, "library/")
	return ref, tag
}

// nonRootImages run as an unprivileged user by default (reviewed against
// each image's Dockerfile): a final stage on one needs no USER (DG201).
// An entry ending in "/" covers a namespace.
var nonRootImages = []string{
	"grafana/grafana", "grafana/grafana-oss", "grafana/grafana-enterprise", // USER 472
	"grafana/loki",                                                                                             // USER 10001
	"prom/prometheus", "prom/alertmanager", "prom/node-exporter", "prom/pushgateway", "prom/blackbox-exporter", // USER nobody
	"bitnami/",                  // USER 1001
	"quay.io/keycloak/keycloak", // USER 1000
	"jenkins/jenkins",           // USER jenkins
	"floryn90/hugo",             // USER hugo (1234)
	"nginxinc/nginx-unprivileged", "cgr.dev/chainguard/",
}

// nonRootImage: an image that defaults to an unprivileged user, by the
// table or by its name (distroless :nonroot, *-unprivileged, chiseled).
func nonRootImage(ref string) bool {
	repo, tag := splitImage(ref)
	for _, n := range nonRootImages {
		if repo == n || strings.HasSuffix(n, "/") && strings.HasPrefix(repo, n) {
			return true
		}
	}
	return strings.Contains(tag, "nonroot") || strings.Contains(repo, "nonroot") || strings.Contains(repo, "unprivileged") || strings.Contains(tag, "chiseled")
}

// installCommand is a step that downloads dependencies (DG401 wants a
// cache mount on it; DG402 wants it before the sources when download is
// set, builds belong after them).
type installCommand struct {
	kind.Command
	re *regexp.Regexp
}

// cmdStart matches where a shell command starts: the text's start or after
// an operator, then any VAR=value assignments and a path to the binary.
const cmdStart = `(?:^|[;&|(]|\bthen\b|\bdo\b|\bexec\b)\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:\S*/)?`

func command(re string) *regexp.Regexp { return regexp.MustCompile(cmdStart + `(?:` + re + `)`) }

var installCommands = func() []installCommand {
	var out []installCommand
	for _, c := range append(kind.LintCommands(),
		kind.Command{Re: `cargo fetch\b`, Download: true},
		kind.Command{Re: `dotnet restore\b`, Download: true},
		kind.Command{Re: `dotnet publish\b`}) {
		out = append(out, installCommand{c, command(c.Re)})
	}
	return out
}()

// matchInstall returns the first install command in a RUN's text.
func matchInstall(text string) (installCommand, string, bool) {
	for _, ic := range installCommands {
		for _, loc := range ic.re.FindAllStringIndex(text, -1) {
			if !versionQuery(text[loc[1]:]) {
				return ic, strings.TrimLeft(text[loc[0]:loc[1]], ";&|( "), true
			}
		}
	}
	return installCommand{}, "", false
}

// versionQuery: the arguments that follow a matched tool (up to the end of
// its command) only ask for its version or help: mvn --version fetches
// nothing.
func versionQuery(rest string) bool {
	if i := strings.IndexAny(rest, ";&|)\n"); i >= 0 {
		rest = rest[:i]
	}
	args := strings.Fields(rest)
	if len(args) == 0 {
		return false
	}
	for _, a := range args {
		switch a {
		case "--version", "-version", "-v", "-V", "version", "--help", "-h", "help":
		default:
			return false
		}
	}
	return true
}

// toolingOnlyRe are installs of the package manager itself (pip install
// --upgrade pip, npm install -g pnpm): they fetch no project dependency,
// so they do not count as "dependencies first" for DG402.
var toolingOnlyRe = regexp.MustCompile(`^\s*(pip3? install\s+(-{1,2}[A-Za-z-]+\s+)*((pip|setuptools|wheel|poetry|pipenv|uv)([=<>~]=?\S+)?\s*)+|npm (install|i) (-g|--global)\b.*|corepack enable.*)$`)

// downloads reports whether a RUN fetches dependencies (DG402).
func downloads(text string) bool {
	for _, ic := range installCommands {
		if ic.Download && ic.re.MatchString(text) {
			return true
		}
	}
	return false
}

// buildOutputs are the folders build tools write; marker is the file next
// to the folder that says which tool, command what to run first.
var buildOutputs = append(kind.LintBuildOutputs(),
	kind.BuildOutput{Dir: "target", Marker: "Cargo.toml", Command: "cargo build --release"},
	kind.BuildOutput{Dir: "target", Marker: "build.sbt", Command: "sbt package"})

// buildOutput reports the build that makes src when src lies in a build
// tool's output folder next to that tool's project file in the context.
func (b *buildContext) buildOutput(src string) (command string, ok bool) {
	parts := strings.Split(src, "/")
	for i := range parts[:len(parts)-1] {
		for _, o := range buildOutputs {
			if parts[i] == o.Dir && b.exists(path.Join(path.Join(parts[:i]...), o.Marker)) {
				return o.Command, true
			}
		}
	}
	return "", false
}

// loopbackDefaults are servers that listen on 127.0.0.1 unless told
// otherwise: in a container nothing outside can reach them. after is the
// word that follows the program (flask run, manage.py runserver), hostFlags
// the flags that set the address, env a variable that does, positional
// that the address may be the next argument after `after`.
var loopbackDefaults = []struct {
	program, after string
	hostFlags      []string
	env            string
	positional     bool
}{
	{"uvicorn", "", []string{"--host", "--uds", "--fd"}, "UVICORN_HOST", false},
	{"flask", "run", []string{"--host", "-h"}, "FLASK_RUN_HOST", false},
	{"manage.py", "runserver", nil, "", true},
	{"vite", "", []string{"--host"}, "", false},
	{"hugo", "server", []string{"--bind"}, "", false},
	{"rails", "server", []string{"-b", "--binding"}, "BINDING", false},
	{"rails", "s", []string{"-b", "--binding"}, "BINDING", false},
}

// addressFlags set a server's listen address (php -S localhost:8000 too).
var addressFlags = []string{"--host", "-h", "-H", "--hostname", "--bind", "-b", "--binding", "--listen", "-l", "--addr", "--address", "-a", "-S"}

var loopbackRe = regexp.MustCompile(`^(127\.0\.0\.1|localhost|\[::1\]|::1)(:\d+)?$`)

// loopbackOnly explains why a start command listens on loopback only, or
// returns "". words is ENTRYPOINT and CMD as run; env the stage's ENV keys.
func loopbackOnly(words []string, env map[string]bool) string {
	for i, w := range words {
		// An explicit loopback address: --host 127.0.0.1, --bind=localhost:8000.
		flag, val, hasVal := strings.Cut(w, "=")
		if hasVal && strings.HasPrefix(flag, "-") && loopbackRe.MatchString(strings.Trim(val, `"'`)) {
			return w + " listens on loopback only"
		}
		if slices.Contains(addressFlags, w) && i+1 < len(words) && loopbackRe.MatchString(strings.Trim(words[i+1], `"'`)) {
			return w + " " + words[i+1] + " listens on loopback only"
		}
	}
	for _, d := range loopbackDefaults {
		i := slices.IndexFunc(words, func(w string) bool { return path.Base(w) == d.program })
		if i < 0 || d.env != "" && env[d.env] {
			continue
		}
		rest := words[i+1:]
		if d.after != "" {
			if len(rest) == 0 || rest[0] != d.after {
				continue
			}
			rest = rest[1:]
		}
		if slices.ContainsFunc(rest, func(w string) bool {
			f, _, _ := strings.Cut(w, "=")
			return slices.Contains(d.hostFlags, f)
		}) {
			continue
		}
		if d.positional && slices.ContainsFunc(rest, func(w string) bool { return !strings.HasPrefix(w, "-") }) {
			continue
		}
		return strings.TrimSpace(d.program+" "+d.after) + " listens on 127.0.0.1 unless told otherwise"
	}
	return ""
}
