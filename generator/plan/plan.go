package plan

import (
	"path"

	"github.com/dockgen/dockgen/generator/region"
)

// Plan is the typed model every template renders from. Detection fills the
// facts, answers and flags override them, defaults fill the rest; by the time a
// Plan reaches a template every value in it has been validated (see
// validate.go and each kind's Validate in generator/kind).
//
// Templates may rely on every field documented here; renaming one is a breaking
// change for team catalogs.
type Plan struct {
	Lang        string // the kind's name (generator/kind)
	Template    string // catalog template name
	Tool        string // package manager / build tool (see ToolsFor)
	LangVersion string // version used as the default of the language ARG ("1.22", "24", "3.13", "21")
	Runtime     string // runtime flavour, one of the template's runtimes
	Entry       string // kind-specific entry point (see DESIGN.md, detection contract)
	Port        int    // port the app listens on inside the container
	Build       string // build command when one is needed, "" otherwise
	CI          string // github | gitlab | none
	Private     []string
	Region      region.Profile
	Vars        map[string]string // template variables, validated against template.yaml
	Name        string            // image name used by CI snippets (lowercase, [a-z0-9._-])

	// Context is where the image is built from; for a self-contained
	// project it is the project directory itself.
	Context Context

	Facts // .Go, .Node, ...: what detection found, completed by the kind
}

// Context is the two roots of a build: the project (where the Dockerfile
// goes) and the build root (the directory that must be the build context: a
// Node workspace root, a go.work or replace-target root). Paths are slash
// paths; every one is validated (SafeRel, or "../" steps for Root).
type Context struct {
	Root       string   // the build context relative to the project: "." or "../.."
	App        string   // the project inside the build context: "." or "apps/web"
	Dockerfile string   // the Dockerfile inside the build context: "Dockerfile" or "apps/web/Dockerfile"
	Ignore     string   // the ignore file BuildKit applies, relative to the project: ".dockerignore" or "Dockerfile.dockerignore"
	Repo       string   // the build context relative to the git top-level ("." when they are the same or there is none)
	Paths      []string // what a CI change filter watches, relative to the git top-level (empty: everything)
}

// Workspace reports whether the build context is above the project.
func (c Context) Workspace() bool { return c.Root != "" && c.Root != "." }

// RepoDockerfile is the Dockerfile's path from the git top-level (CI).
func (c Context) RepoDockerfile() string { return path.Join(c.Repo, c.Dockerfile) }

// Command is the build command, run at the build root.
func (c Context) Command() string {
	if !c.Workspace() {
		return "docker build ."
	}
	return "docker build -f " + c.Dockerfile + " ."
}

// Facts are the typed per-kind facts templates read; detection fills them
// (detect.Project carries the same record) and the kind completes them.
type Facts struct {
	Go     GoFacts
	Node   NodeFacts // also sites built with Node
	Python PythonFacts
	Java   JavaFacts
	Static StaticFacts
	// Workspace: a workspace member's build from its build root (empty for a
	// self-contained project).
	Workspace WorkspaceFacts
}

// WorkspaceFacts are what a member of a workspace (Node workspaces, a Go
// go.work or local replace targets) needs from its build root.
type WorkspaceFacts struct {
	Root      string   // the build root relative to the project ("../..")
	App       string   // the project relative to the build root ("apps/web")
	Files     []string // build-root files the dependency step reads (lockfile, workspace manifest, .npmrc, go.work)
	Manifests []string // manifests of the workspace's packages or modules (relative to the build root), copied before the dependency step
	Deps      []string // the workspace packages or modules the project's build reads (dirs relative to the build root)
	Npmrc     bool     // .npmrc at the build root: mounted for the install steps (Node)
	NoWork    bool     // a go.work in the context does not use the module: GOWORK=off (Go)
	Name      string   // the project's package name (Node)
	Build     string   // shell command run at the build root that builds the project and its workspace dependencies ("" when none)
	Install   string   // shell command installing every dependency at the build root, lockfile frozen
	Prod      string   // shell command installing the project's production dependencies only
}

// GoFacts are the Go-specific facts templates use.
type GoFacts struct {
	Module   string // module path from go.mod
	HasGoSum bool   // go.sum exists (it is bind-mounted for the download step)
	Vendor   bool   // vendor/modules.txt is committed: build with -mod=vendor, no download
	Binary   string // output binary name
	CGO      bool   // cgo is needed (import "C" or a cgo-only dependency): runtime "cgo"
	// PrivateHosts are the git hosts of Private module paths, each with the
	// pinned known_hosts lines for that host ("" when dockgen has none).
	PrivateHosts []PrivateHost
}

// PrivateHost is a git host serving private modules.
type PrivateHost struct {
	Host       string
	KnownHosts []string // published host keys; empty means ssh-keyscan at build time
}

// NodeFacts are the Node-specific facts (also used by static sites built with Node).
type NodeFacts struct {
	Lockfile       string   // lockfile that exists ("" when none: install without a lock)
	Manifests      []string // files copied before the install step, in order
	ManagerVersion string   // tool version pinned for pnpm / yarn-berry / bun installs
	HasBuild       bool     // package.json has a "build" script
	Start          []string // exec-form argv of the start command
	YarnRelease    bool     // .yarn/releases is committed (yarnPath)
}

// PythonFacts are the Python-specific facts.
type PythonFacts struct {
	Requirements string // requirements file for pip projects ("" when pyproject-only)
	Pyproject    bool   // pyproject.toml exists
	Installable  bool   // pyproject declares a build-system: the project itself is pip-installed
	Lockfile     string // poetry.lock | Pipfile.lock | uv.lock
	HasGunicorn  bool   // gunicorn is already a dependency
	ASGI         bool   // an ASGI app (FastAPI): served by uvicorn instead of gunicorn
	HasUvicorn   bool   // uvicorn is already a dependency
}

// JavaFacts are the Java-specific facts.
type JavaFacts struct {
	Wrapper    bool     // mvnw / gradlew is committed
	SpringBoot bool     // Spring Boot plugin or parent found
	BootLayout string   // "tools" (Boot >= 3.3), "layertools" (older), "" (not Boot)
	Quarkus    bool     // Quarkus fast-jar layout
	Modules    []string // build files to copy before resolving dependencies (relative paths)
	Kotlin     bool     // Gradle Kotlin DSL
	// WrapperShell runs a wrapper committed without the executable bit
	// ("sh" or "bash"); "" runs ./mvnw or ./gradlew directly.
	WrapperShell string
	// Jar is the runnable jar the build writes (target/app.jar); a "*" in its
	// file name means the name is not literal and exactly one jar must match.
	// "" when unknown (exactly one non-auxiliary jar must exist).
	Jar string
	// MainClass, when set, starts the jar with java -cp (a jar without a
	// Main-Class manifest entry, or a main chosen with --entry).
	MainClass string
	// Goals are what the build runs: Maven goals after package
	// ("assembly:single"), or the Gradle task that makes the artifact
	// ("bootJar", "shadowJar", "installDist"); empty means the default.
	Goals []string
	// Profiles are build profiles the project defines for production (-Pprod).
	Profiles []string
	// Reactor are the artifactIds of the reactor modules a Maven module's
	// build makes (-am): not yet built when go-offline runs, so it leaves
	// them to the build (-DexcludeArtifactIds).
	Reactor []string
	// Dist is the Gradle application distribution's name: the build copies
	// build/install/Dist and runs bin/Dist.
	Dist string
	// SpringProfile is set as SPRING_PROFILES_ACTIVE (a profile the project
	// defines for production).
	SpringProfile string
	// Writable are the paths the app writes (relative to its working
	// directory, "." for the directory itself, or absolute): created and
	// owned by the runtime user; the app's own files stay root-owned.
	Writable []string
	// PortEnv: the app reads its port from PORT (server.port=${PORT:8080}).
	PortEnv bool
	// Home: the app writes under the user's home (jdbc:h2:~/db,
	// ${user.home}): the runtime user gets a home directory it owns.
	Home bool
}

// StaticFacts are the static-site facts.
type StaticFacts struct {
	Root      string // directory served (relative, "." for the repo root); for a Node build, the output dir
	NodeBuild bool   // the site is built by Node first (SPA)
	SPA       bool   // unknown routes fall back to index.html
}
