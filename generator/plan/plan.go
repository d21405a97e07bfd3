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
	Requirements string   // requirements file for pip projects ("" when pyproject-only)
	Includes     []string // files Requirements includes (-r/-c), relative to its folder
	Pyproject    bool     // pyproject.toml exists
	Installable  bool     // pyproject declares a build-system: the project itself is pip-installed
	Lockfile     string   // poetry.lock | Pipfile.lock | uv.lock
	HasGunicorn  bool     // gunicorn is already a dependency
	ASGI         bool     // an ASGI app (FastAPI): served by uvicorn instead of gunicorn
	HasUvicorn   bool     // uvicorn is already a dependency
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
	Start  []string
	Django DjangoFacts
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

// DjangoFacts are what building and serving a Django project needs.
type DjangoFacts struct {
	Dir           string   // folder of manage.py when not the project's ("src"): the server runs from there
	Settings      string   // the settings module the server runs with
	Collectstatic bool     // STATIC_ROOT is set: collectstatic runs at build time
	WhiteNoise    bool     // WhiteNoise serves the static files
	Compress      bool     // COMPRESS_OFFLINE = True: django-compressor's compress runs after collectstatic
	SecretEnv     []string // environment names the settings read SECRET_KEY from (placeholders for collectstatic only)
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
}

// StaticFacts are the static-site facts.
type StaticFacts struct {
	Root      string // directory served (relative, "." for the repo root); for a Node build, the output dir
	NodeBuild bool   // the site is built by Node first (SPA)
	SPA       bool   // unknown routes fall back to index.html
}
