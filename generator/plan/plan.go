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
	SPA       bool   // unknown routes fall back to index.html (or Fallback)
	// Fallback is the page a SPA's unknown routes get when it is not
	// index.html (SvelteKit's 200.html).
	Fallback string
	// Generator builds the site in its own image: "hugo", "jekyll" or
	// "mkdocs"; "" when Node builds it (NodeBuild) or nothing does.
	Generator string
	// GeneratorVersion is the generator image's version (Hugo's release).
	GeneratorVersion string
	// Script is the package.json script that runs the generator (a Hugo
	// site's "build:production"); "" runs the generator itself.
	Script string
	// NodeTooling: package.json dependencies (PostCSS for a theme) are
	// installed before the generator runs.
	NodeTooling bool
	// Modules: Hugo Modules (go.mod beside the Hugo config), fetched with Go
	// and git at build time.
	Modules bool
	// Gemfile, GemLock: Jekyll is installed with Bundler from the Gemfile
	// (and its lock); without a Gemfile, Packages are gem-installed.
	Gemfile, GemLock bool
	// Gemspecs are the gemspecs a Gemfile's `gemspec` line loads (a Jekyll
	// theme's repository), copied with the Gemfile before bundle install.
	Gemspecs []string
	// Requirements is MkDocs' pip requirements file; without one, Packages
	// are pip-installed.
	Requirements string
	// Packages are the generator's packages when no manifest lists them
	// (mkdocs and its theme, jekyll and its plugins).
	Packages []string
	// BasePath is the URL path the site is built for ("/ui/" from a public
	// path or base href); "" serves it at /.
	BasePath string
	// OutDirFrom names the config file whose output directory could not be
	// read literally: the site directory must be given (--entry).
	OutDirFrom string
	// KeepDocs: README*, LICENSE* and the like are site content (a Jekyll
	// page, a docsify or client-rendered Markdown home page) and stay in the
	// build context.
	KeepDocs bool
}
