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

	// BuildSecrets are secret names mounted as environment variables into
	// the build step that needs them (--build-secret); never ARG or ENV.
	BuildSecrets []string
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
	// SourcesInNodeModules: the app's own sources live in a nested
	// node_modules (packages/node_modules/...): only the root one is ignored.
	SourcesInNodeModules bool
	// YarnPlugins: .yarn/plugins is committed; .yarnrc.yml loads them, so
	// Yarn 2+ aborts without them.
	YarnPlugins bool
	// YarnAllDeps: Yarn 2/3 without the workspace-tools plugin has no
	// "workspaces focus": the dependency stage installs every dependency.
	YarnAllDeps bool
	// YarnFocusPlugin: .yarnrc.yml loads plugin-workspace-tools.
	YarnFocusPlugin bool
	// BuildScript is the package.json script the build stage runs ("build",
	// "build:prod"); "" runs "build" when HasBuild.
	BuildScript string
	// DropScripts are the project's own install lifecycle scripts, removed
	// from package.json before installing: they need the sources (and often
	// devDependencies) that are not there yet.
	DropScripts []string
	// RunScripts are the dropped scripts the build stage runs once the
	// sources are copied (git-hook installers are left out).
	RunScripts []string
	// SkipHooks: a RunScript also installs git hooks (simple-git-hooks &&
	// nuxt prepare); the build stage sets the variables that skip them.
	SkipHooks bool
	// Patches is a committed patches folder (patch-package, pnpm/yarn
	// patches) copied with the manifests.
	Patches string
	// PatchPackage is the patch-package command the production-dependencies
	// stage runs so the runtime's dependencies carry the patches.
	PatchPackage []string
	// Prisma: prisma generate runs in the build stage (PrismaGenerate when
	// no project script does it), its client is carried to the runtime, and
	// both images get openssl.
	Prisma, PrismaGenerate bool
	// Standalone: Next.js output: 'standalone'; the runtime holds
	// .next/standalone, .next/static and public/ only.
	Standalone bool
	// Output is a build output that runs on its own (Nuxt's .output: the
	// server with its dependencies bundled); the runtime holds only it.
	Output string
	// MaxMajor is the newest Node major the project's native modules or
	// webpack 4 work on (node-sass 4: 14); 0 when nothing limits it.
	MaxMajor int
	// MD4: webpack 4 hashes with md4; on Node 17+ (OpenSSL 3) the build
	// stage sets NODE_OPTIONS=--openssl-legacy-provider (OpenSSLLegacy).
	MD4, OpenSSLLegacy bool
	// NextCache: .next/cache is created writable by the runtime user.
	NextCache bool
	// Public: a public/ folder the standalone server serves.
	Public bool
	// Env are NAME=VALUE pairs the runtime sets (HOST=0.0.0.0).
	Env []string
	// PortEnv: the app reads PORT; the image sets it to the exposed port.
	PortEnv bool
	// BuildSteps are the shell commands the build stage runs once the
	// sources are copied (RunScripts, prisma generate, the build script),
	// completed by the kind for the chosen tool.
	BuildSteps []string
}

// BuildStage reports whether the image needs a build stage: a build
// script, or project scripts or prisma generate that need the sources.
func (n NodeFacts) BuildStage() bool {
	return len(n.BuildSteps) > 0
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
