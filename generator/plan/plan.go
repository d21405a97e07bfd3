package plan

import (
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

	Facts // .Go, .Node, ...: what detection found, completed by the kind
}

// Facts are the typed per-kind facts templates read; detection fills them
// (detect.Project carries the same record) and the kind completes them.
type Facts struct {
	Go     GoFacts
	Node   NodeFacts // also sites built with Node
	Python PythonFacts
	Java   JavaFacts
	Static StaticFacts
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
	// NoMain: the module has no package main that detection found; the
	// plan refuses to build "." unless --entry names one.
	NoMain bool

	// How the binary starts (detected; the kind turns them into Args/Env
	// with the planned port).
	StartOf        string   // the main package the start facts below were read for
	Subcommand     string   // subcommand that starts the server ("serve")
	ListenFlag     string   // flag whose default binds loopback ("addr")
	ListenEnv      string   // env var whose default binds loopback ("LISTEN_ADDR")
	ListenHostOnly bool     // that default is a bare host; the port is set elsewhere
	ReadsPort      bool     // the app reads $PORT
	NoListener     bool     // no listener in the sources: a CLI, no EXPOSE
	Args           []string // CMD arguments: subcommand, listen override
	Env            []string // runtime ENV lines, NAME=value
	PortNote       string   // why the port differs from the detected one
	Tags           []string // build tags the repository's build passes (-tags)
	UI             *GoUI    // a frontend build the binary embeds, nil when none
	Workdir        bool     // the app writes in its working directory: /app, owned by the runtime user
	DataWhy        string   // why (SQLite, a data flag defaulting to ".")
	RuntimeDirs    []string // committed folders read by relative path, copied into /app
}

// GoUI is a frontend build whose output a //go:embed pattern needs.
type GoUI struct {
	Dir            string // folder of its package.json, relative to the module root
	Root           string // folder of the lockfile: Dir, or the workspace root above it
	Out            string // the embedded directory it writes, relative to the root
	Script         string // package.json script that writes it
	Tool           string // npm | pnpm | yarn
	Lockfile       string // lockfile beside package.json, "" when none
	ManagerVersion string // pnpm version (packageManager field, else a major)
	NodeVersion    string // Node major for the build image
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
}

// StaticFacts are the static-site facts.
type StaticFacts struct {
	Root      string // directory served (relative, "." for the repo root); for a Node build, the output dir
	NodeBuild bool   // the site is built by Node first (SPA)
	SPA       bool   // unknown routes fall back to index.html
}
