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

	// BuildSecrets are secret names mounted as environment variables into
	// the build step that needs them (--build-secret); never ARG or ENV.
	BuildSecrets []string

	// PortNote says why Port differs from the port asked for (a privileged
	// port moved to 8080) or what a kept privileged port needs; "" for an
	// unprivileged port (kind.PrivilegedPort, the one rule for every kind).
	PortNote string
	// PortAsked is the privileged port asked for (found or --port) when the
	// rule moved the app to Port; the answers file records it, so a re-run
	// applies the rule again and writes the same files. 0 when unchanged.
	PortAsked int
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
	Dirs      []string // project dirs with no manifest of their own (configured from the root): created for the dependency step (Gradle)
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
	// ReplaceManifests are the go.mod and go.sum files of directory replace
	// targets inside the module (replace x => ./core), relative to it:
	// go mod download reads them, so they are copied with go.mod.
	ReplaceManifests []string
	// Native is what the cgo dependencies need from Debian in the build
	// stage beyond the golang image (see generator/kind/native.yaml).
	Native NativeNeeds
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
	ExecDir        bool     // the app keeps files beside its executable (filepath.Dir(os.Args[0])): the binary goes into /app
	DataWhy        string   // why (SQLite, a data flag defaulting to ".")
	DataFlag       string   // a data flag defaulting to a relative path, read from the code (lint's DG834: certain, unlike "uses SQLite")
	DataDir        string   // with DataFlag: the folder it writes, relative to the working directory ("" or "." for the directory itself, ".." for an SQLite file ../app.db)
	RuntimeDirs    []string // committed folders read by relative path, copied into /app
	RuntimeFiles   []string // committed root files the main package opens by relative path, copied into /app
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
	// Manifests are, when Root is a workspace root above Dir, the root's
	// install files and every workspace package's package.json (relative
	// to Root): the install is keyed by them, not by the UI's sources.
	Manifests []string

	// Copy: the embedded paths inside Out, copied one by one when Out also
	// holds sources (a Vite root built in place), relative to the root.
	Copy []string
	// Elm: an elm.json beside package.json; the build's Elm compiler fetches
	// its packages from package.elm-lang.org, not the npm registry.
	Elm bool
	// DropScripts, RunScripts, SkipHooks: the installed package.json's own
	// install scripts, split as NodeFacts' are (dropped from the install
	// that runs before the sources are copied; RunScripts rerun after).
	DropScripts, RunScripts []string
	SkipHooks               bool
	// Post: steps of the repository's Makefile recipe that move the build
	// output into the embedded folder (mv, cp, rm, mkdir argv), run after
	// the script in Dir.
	Post [][]string
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
	// BuildEnv are variables the build cannot run without (a module it
	// loads throws when one is unset) and no --build-secret passes: a
	// detection warning, and lint's DG841.
	BuildEnv []string
	// Outside are files the server requires at start by a relative path
	// that climbs out of the project (../config.json, relative to its
	// root): never in the image; a detection warning, and lint's DG842.
	Outside []string
	// Writable are folders the server creates or writes at run time
	// (fs.mkdirSync("./data"), a data folder's relative default), relative
	// to /app, its working directory: created and owned by the runtime user.
	Writable []string
	// Public: a public/ folder the standalone server serves.
	Public bool
	// InstallEnv are NAME=VALUE pairs the stages that install dependencies
	// set: they skip the install-time downloads of test-only devDependencies
	// (CYPRESS_INSTALL_BINARY=0).
	InstallEnv []string
	// Env are NAME=VALUE pairs the runtime sets (HOST=0.0.0.0).
	Env []string
	// PortEnv: the app reads PORT; the image sets it to the exposed port.
	PortEnv bool
	// EnvExample: the placeholder env file (.env.example) the app reads at
	// start (dotenv-safe checks the environment against it): kept in the
	// build context, which leaves out every other .env file.
	EnvExample string
	// Native is what the node-gyp modules among the dependencies need from
	// Debian: build tools in the stages that install dependencies, shared
	// libraries in the runtime (see generator/kind/native.yaml).
	Native NativeNeeds
	// Loopback is where the code listens on localhost whatever the image
	// sets (FILE:LINE of a Fastify listen() without a host); lint's DG832.
	Loopback string
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
	Requirements string   // requirements file for pip projects ("" when pyproject-only)
	Includes     []string // files Requirements includes (-r/-c), relative to its folder
	Pyproject    bool     // pyproject.toml exists
	Installable  bool     // pyproject declares a build-system: the project itself is pip-installed
	Lockfile     string   // poetry.lock | Pipfile.lock | uv.lock
	Groups       []string // dependency groups installed besides the main dependencies (a prod group)
	// VCS are requirements pip installs from a version-control URL
	// (git+https://...): the build stage needs that tool.
	VCS         []PyVCS
	HasGunicorn bool // gunicorn is already a dependency
	ASGI        bool // an ASGI app (FastAPI): served by uvicorn instead of gunicorn
	HasUvicorn  bool // uvicorn is already a dependency
	// Version is the Python line detection chose ("3.12"): the newest that
	// every declared constraint allows and every locked compiled package has
	// a wheel for; "" when the project says nothing (the kind's default).
	Version string
	// Packages are the locked or pinned packages that bound the version
	// (compiled, with wheels for some Pythons only) or need OS packages.
	Packages []PyPackage
	// Native is what the chosen Python needs from Debian to install and run
	// Packages (see generator/kind/native.yaml), completed at plan time.
	Native NativeNeeds
	// Start is the server command a Procfile's web: line runs (gunicorn or
	// uvicorn with the project's own flags); the kind completes it with the
	// bind address. Empty: dockgen's own command.
	Start []string
	// Program is the command the project starts itself with when it is no
	// WSGI/ASGI app for a server to load (python FILE.py ARGS, python -m
	// MODULE ARGS), read from its Procfile web: line or Dockerfile CMD; the
	// image runs it as is. "${PORT}" in a word stands for the exposed port.
	Program []string
	// DataDirs are absolute folders Program is told to use that the
	// project's own image creates (mkdir, VOLUME): created and owned by the
	// runtime user.
	DataDirs []string
	Django   DjangoFacts
	// Writable are folders the app writes at run time (Flask's instance/,
	// MEDIA_ROOT, a relative os.mkdir), relative to /app: created and owned
	// by the runtime user. WritableFiles are SQLite databases: the file and
	// its folder's group write (with the sticky bit, so the app's own files
	// there stay root's) go to the runtime user.
	Writable, WritableFiles []string
	// PrivilegedPort is the port below 1024 the project asked for; the
	// server listens on Port (8080) instead, since the user is not root.
	PrivilegedPort int
}

// PyVCS is one requirement installed from version control.
type PyVCS struct {
	Name  string // the package, "" when the file does not say
	Tool  string // git, hg, svn or bzr
	Where string // file:line
}

// DjangoFacts are what building and serving a Django project needs.
type DjangoFacts struct {
	Dir           string   // folder of manage.py when not the project's ("src"): the server runs from there
	Settings      string   // the settings module the server runs with
	Collectstatic bool     // STATIC_ROOT is set: collectstatic runs at build time
	WhiteNoise    bool     // WhiteNoise serves the static files
	Compress      bool     // COMPRESS_OFFLINE = True: django-compressor's compress runs after collectstatic
	SecretEnv     []string // environment names the settings read SECRET_KEY from (placeholders for collectstatic only)

	// Manifest is file:line of a manifest static files storage (Django's
	// ManifestStaticFilesStorage, WhiteNoise's CompressedManifest...): without
	// collectstatic's manifest every {% static %} raises and pages answer 500.
	// "" also when the settings set DEBUG = True (unhashed names are served).
	Manifest string
}

// PyPackage is one locked or pinned package and the CPython lines it has
// Linux wheels for.
type PyPackage struct {
	Name, Version string
	Where         string // file:line it was read from
	Minors        []int  // 3.X lines with a CPython Linux wheel (from the lock's file names)
	Abi3          int    // the lowest 3.X of an abi3 wheel (it serves every later line), 0 for none
	Pure          bool   // a pure-Python wheel exists: any Python installs it
	SourceOnly    bool   // the lock records no wheel at all: pip always compiles it
	MaxMinor      int    // from dockgen's table of pinned versions: wheels up to 3.MaxMinor (0: unknown)
}

// HasWheel reports whether pip finds a wheel for CPython 3.minor.
func (p PyPackage) HasWheel(minor int) bool {
	switch {
	case p.Pure:
		return true
	case p.SourceOnly:
		return false
	case p.MaxMinor > 0:
		return minor <= p.MaxMinor
	}
	if len(p.Minors) == 0 && p.Abi3 == 0 {
		return true // nothing known: assume pip finds one
	}
	for _, m := range p.Minors {
		if m == minor {
			return true
		}
	}
	return p.Abi3 > 0 && minor >= p.Abi3
}

// Bounded reports whether the package has wheels for some Python lines and
// not others, so the line it is installed on decides whether pip compiles.
func (p PyPackage) Bounded() bool {
	return !p.Pure && !p.SourceOnly && (p.MaxMinor > 0 || len(p.Minors) > 0 || p.Abi3 > 0)
}

// NativeNeeds are Debian packages for the build stage (compilers, headers)
// and the runtime stage (shared libraries), with the reason for each row.
type NativeNeeds struct {
	Build, Runtime []string
	Why            []string // "psycopg2 2.9.9 is built from source (requirements.txt:3)"
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
	// Subcommands: the main class is a picocli root that only prints its
	// help; these are its subcommands, one of which starts the server.
	// Args are what the repository starts it with (README's docker run
	// line, a compose command): the image's CMD (lint's DG831).
	Subcommands, Args []string
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
	// InstallRunsHugo: an install script runs hugo (hugo mod npm pack), so
	// the site config and module files are copied before the install.
	InstallRunsHugo bool
	// Modules: Hugo Modules (go.mod beside the Hugo config), fetched with Go
	// and git at build time.
	Modules bool
	// Gemfile, GemLock: Jekyll is installed with Bundler from the Gemfile
	// (and its lock); without a Gemfile, Packages are gem-installed.
	Gemfile, GemLock bool
	// Gemspecs are the gemspecs a Gemfile's `gemspec` line loads (a Jekyll
	// theme's repository), copied with the Gemfile before bundle install.
	Gemspecs []string
	// JekyllHighlighter and JekyllPlugins override _config.yml for the
	// build (a second --config file): Rouge for Pygments, which needs
	// Python and which Jekyll 4 and GitHub Pages replace with Rouge too; the
	// plugins list completed with the ones its settings need
	// (jekyll-paginate for paginate:). Empty: no override.
	JekyllHighlighter string
	JekyllPlugins     []string
	// JekyllGemsKey: _config.yml lists plugins under Jekyll 2's gems:,
	// which Jekyll 3 copies over plugins:, so the override sets both.
	JekyllGemsKey bool
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
