package lint

import (
	"fmt"
	"slices"

	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// Severity orders findings; --error-on picks the one that fails a run.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// rank orders severities, most severe first.
func (s Severity) rank() int {
	switch s {
	case SevError:
		return 0
	case SevWarning:
		return 1
	case SevInfo:
		return 2
	}
	return 3
}

// Rule is one of dockgen's own checks (BuildKit's keep BuildKit's names).
// Checks name a rule by its variable, never by its ID string, so a
// misspelt rule does not compile (as in BuildKit's own linter.Rule* set).
type Rule struct {
	ID       string
	Name     string
	Severity Severity
	Why      string
	Fix      string
}

// dockgen's checks, with stable IDs (DGxyz: x is the category: 1 build
// context, 2 runtime stage, 3 supply chain and secrets, 4 cache,
// 5 portability, 6 module sources, 7 package hygiene, 8 the project: the
// image against what detection reads from the project it builds, see
// project.go).
var (
	CopySourceMissing           = Rule{"DG101", "copy-source-missing", SevError, "a COPY/ADD source that is not in the build context fails the build", "fix the path, or add the file"}
	CopySourceIgnored           = Rule{"DG102", "copy-source-ignored", SevError, ".dockerignore excludes a file the Dockerfile copies, so the build fails or copies less than intended", "remove the pattern from .dockerignore, or add a !exception"}
	DockerignoreLeak            = Rule{"DG103", "dockerignore-leak", SevWarning, "without an exclusion, secrets, VCS data or dependencies land in the build context and can be copied into layers", "add the path to .dockerignore"}
	CopySourceOutsideContext    = Rule{"DG105", "copy-source-outside-context", SevError, "a COPY/ADD source that climbs out of the build context with .. is resolved inside the context (BuildKit clamps it at the context root): the file outside is never copied", "move the file into the context, or build from a directory that contains it (docker build -f app/Dockerfile .)"}
	CopySourceBuildOutput       = Rule{"DG106", "copy-source-build-output", SevInfo, "a COPY/ADD source is a build output (in a build tool's output folder, gitignored, a Java archive, a goreleaser binary, or a file made from its .example) that is not in the context yet: the image builds only after the project's own build", "run the project's build before docker build, or build it in an earlier stage and COPY --from that stage"}
	InstallScriptsBeforeSources = Rule{"DG107", "install-scripts-before-sources", SevWarning, "the dependency install runs the project's own lifecycle scripts (package.json preinstall, install, postinstall, prepare) before the sources they use are copied: the install fails (husky, patch-package, a build in prepare) or the scripts do nothing", "install with --ignore-scripts and run the scripts after COPY of the sources (npm rebuild, npm run prepare), or copy what the scripts need before the install"}
	ScriptNotExecutable         = Rule{"DG109", "script-not-executable", SevError, "RUN starts a script from the context as ./NAME, but the file is not executable there (git keeps mode 100644 when the executable bit was never committed): the shell stops with 'Permission denied'", "commit the executable bit (git update-index --chmod=+x NAME), COPY --chmod=755 it, or run it through its interpreter (sh ./NAME)"}
	StaticRootNoIndex           = Rule{"DG108", "static-root-no-index", SevWarning, "the web server's root is filled from a folder without index.html (often the sources instead of the build output, or the folder above the one the build writes the site to), or with the source page a bundler builds from (a module script of .tsx): the server answers 403 or 404 at /, or a blank page", "copy the folder the site build writes (dist/, build/, public/), built in an earlier stage: COPY --from=build /app/dist /usr/share/nginx/html"}
	CopyFromUnknown             = Rule{"DG104", "copy-from-unknown", SevError, "--from names neither an earlier stage nor an image reference: BuildKit pulls it as an image from Docker Hub, usually a typo of a stage name", "use the name of an earlier stage (FROM ... AS name), or a full image reference"}
	RuntimeRoot                 = Rule{"DG201", "runtime-root", SevError, "the final stage runs as root: a compromised app owns the container", "end the final stage with USER <uid>:<gid> of an unprivileged user"}
	RuntimeUserName             = Rule{"DG202", "runtime-user-name", SevWarning, "a user name cannot be checked by Kubernetes runAsNonRoot; a numeric UID can", "use the numeric UID (USER 10001:10001)"}
	RuntimeToolchain            = Rule{"DG203", "runtime-toolchain", SevWarning, "the final stage is a toolchain image (compiler, SDK, JDK, build tool): larger and a bigger attack surface", "copy the build output into a runtime image (distroless, slim, JRE) in a final stage"}
	RuntimeNoExpose             = Rule{"DG204", "runtime-no-expose", SevInfo, "the final stage starts a process but declares no port: tools and readers cannot tell what it serves", "EXPOSE the port the server listens on (skip for CLIs and workers)"}
	RuntimeLoopback             = Rule{"DG205", "runtime-loopback", SevWarning, "the server listens on 127.0.0.1 (an explicit loopback address, or a server whose default is loopback: uvicorn, flask run, manage.py runserver, vite, hugo server, rails server): inside a container nothing outside can reach it, so the container runs and answers nothing", "listen on all interfaces: --host 0.0.0.0 (uvicorn, flask, vite), --bind 0.0.0.0 (hugo), -b 0.0.0.0 (rails), runserver 0.0.0.0:8000"}
	RuntimeDevServer            = Rule{"DG206", "runtime-dev-server", SevWarning, "the container starts a development server (astro dev, gatsby develop, next dev, vite, ng serve, eleventy --serve, nx serve ...), directly or through the npm script it runs: it needs the devDependencies a production install drops, writes caches into the app folder, and serves an unoptimised build", "build in an earlier stage (npm run build) and start the production server (next start, node server.js), or serve the built files with a web server"}
	BaseUnpinned                = Rule{"DG301", "base-unpinned", SevWarning, "an untagged or :latest base image changes under you: builds stop being reproducible", "pin a version tag or a digest"}
	SecretInArgEnv              = Rule{"DG302", "secret-in-arg-env", SevError, "ARG and ENV values are kept in the image metadata and history", "pass secrets with RUN --mount=type=secret (or type=ssh)"}
	CurlPipeShell               = Rule{"DG303", "curl-pipe-shell", SevWarning, "a script from the network run unseen (piped into a shell or interpreter, also through sudo, or run from $(curl ...)) is neither pinned nor verified", "download a pinned version, verify its checksum, then run it"}
	SecretFileCopied            = Rule{"DG304", "secret-file-copied", SevError, "credential files copied into a layer stay in the image even if deleted later", "mount them for the one RUN that needs them: RUN --mount=type=secret,id=npmrc,target=/root/.npmrc"}
	CredentialsInURL            = Rule{"DG305", "credentials-in-url", SevError, "a user:password@ URL in ARG, ENV or RUN is kept in the image history and build logs", "pass the index or registry credentials as a secret mount (pip: PIP_INDEX_URL from --mount=type=secret,env=...)"}
	InstallWithoutCache         = Rule{"DG401", "install-without-cache", SevWarning, "without a cache mount every rebuild downloads every dependency again", "add --mount=type=cache,target=<the tool's cache dir> to the RUN"}
	InstallAfterSources         = Rule{"DG402", "install-after-sources", SevWarning, "installing after COPY of the whole source busts the dependency layer on every source change", "copy (or bind-mount) only the manifest and lock files before the install, the sources after it"}
	PortabilityHeredoc          = Rule{"DG501", "portability-heredoc", SevInfo, "heredocs need BuildKit's Dockerfile 1.4+ frontend; buildah/podman and older builders fail", "use a script file or printf"}
	PortabilityCopyLink         = Rule{"DG502", "portability-copy-link", SevInfo, "COPY --link is BuildKit-only", "drop --link if the Dockerfile is also built with buildah/podman"}
	PortabilityRunNetwork       = Rule{"DG503", "portability-run-network", SevInfo, "RUN --network is BuildKit-only", "drop it if the Dockerfile is also built with buildah/podman"}
	PortabilityAddChecksum      = Rule{"DG504", "portability-add-checksum", SevInfo, "ADD --checksum needs Dockerfile 1.6+ and is BuildKit-only", "download with a verified checksum in RUN instead"}
	PortabilityCopyExclude      = Rule{"DG505", "portability-copy-exclude", SevInfo, "COPY --exclude needs Dockerfile 1.7+ and is BuildKit-only", "exclude with .dockerignore"}
	GoVerificationOff           = Rule{"DG601", "go-verification-off", SevError, "GOSUMDB=off, GOINSECURE or -insecure (anywhere in GOFLAGS) switch off module verification or TLS; GOPRIVATE=* or GONOSUMDB=* exempts every module from it", "keep GOSUMDB on (a reachable mirror such as sum.golang.google.cn), and list private paths in GOPRIVATE/GONOSUMDB"}
	GoPrivateUnset              = Rule{"DG602", "go-private-unset", SevError, "go.mod requires a module from a private host but the Dockerfile sets no GOPRIVATE/GONOPROXY/GONOSUMDB for it: the public proxy answers 404/410 and the checksum database cannot verify it", "set GOPRIVATE=HOST/ORG in the build stage (dockgen --private HOST/ORG does it)"}
	GoPrivateNoCredentials      = Rule{"DG603", "go-private-no-credentials", SevError, "a private module is fetched without an ssh or secret mount: git has no credentials in the build and stops at 'terminal prompts disabled'", "RUN --mount=type=ssh with a git insteadOf rule (dockgen --private), built with --ssh default"}
	GoDownloadBeforeGoMod       = Rule{"DG604", "go-download-before-gomod", SevError, "go mod download runs before go.mod is in place, so it downloads nothing (or fails outside a module)", "COPY go.mod go.sum (or bind-mount them) before go mod download"}
	AptInstallRecommends        = Rule{"DG701", "apt-install-recommends", SevInfo, "apt-get install without --no-install-recommends also installs the recommended packages: a larger image and a bigger attack surface", "apt-get install -y --no-install-recommends PACKAGES"}
	AptListsKept                = Rule{"DG702", "apt-lists-kept", SevInfo, "apt-get update leaves its package lists (tens of MB) in the layer unless the same RUN removes them or keeps them in a cache mount", "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked (dockgen's choice: the lists are reused by the next build; hadolint asks for rm -rf /var/lib/apt/lists/* instead)"}
	AptInteractiveCLI           = Rule{"DG703", "apt-interactive-cli", SevWarning, "apt is meant for people: its command line is not stable for scripts, and it says so on every run", "use apt-get (and apt-cache)"}
	ApkCacheKept                = Rule{"DG704", "apk-cache-kept", SevInfo, "apk add keeps its package index in /var/cache/apk in the layer", "apk add --no-cache, or a cache mount on /var/cache/apk (dockgen's choice where the index is reused; hadolint asks for --no-cache)"}
	AddInsteadOfCopy            = Rule{"DG705", "add-instead-of-copy", SevWarning, "ADD of a local file does what COPY does plus archive extraction that can surprise; ADD of a URL without --checksum is neither pinned nor verified", "COPY local files; for a URL use ADD --checksum=sha256:... or download and verify the checksum in RUN"}
	CdInRun                     = Rule{"DG706", "cd-in-run", SevInfo, "cd in RUN changes the folder for that RUN only and hides where the work happens", "set WORKDIR /path before the RUN"}
	PipeWithoutPipefail         = Rule{"DG707", "pipe-without-pipefail", SevWarning, "/bin/sh gives a pipeline the status of its last command: a failed download piped into tar or sh passes, and the build goes on", "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before the RUN (or set -o pipefail in it), or avoid the pipe"}
	SudoInRun                   = Rule{"DG708", "sudo-in-run", SevWarning, "sudo in a build adds a setuid binary to the image and hides who runs what; RUN already runs as the current USER", "install as USER root and switch to the unprivileged USER after it"}
	FinalBuildPlatform          = Rule{"DG709", "final-build-platform", SevError, "the final stage is FROM --platform=$BUILDPLATFORM: when cross-building, the image holds the builder's architecture, not the target's", "keep --platform=$BUILDPLATFORM on build stages; the final stage takes the target platform (no --platform)"}
	ExecFormQuotes              = Rule{"DG710", "exec-form-quotes", SevWarning, "an exec-form argument keeps literal quotes: [\"nginx\", \"-g\", \"'daemon off;'\"] passes the quotes to the program", "drop the inner quotes: [\"nginx\", \"-g\", \"daemon off;\"]"}
	PlatformArgUndeclared       = Rule{"DG711", "platform-arg-undeclared", SevWarning, "TARGETARCH, TARGETOS, BUILDPLATFORM and the other platform ARGs are in scope in a stage only after ARG NAME in that stage: without it they are empty (GOARCH= builds for the builder)", "declare ARG TARGETARCH (and each one used) in the stage"}
	RunExport                   = Rule{"DG712", "run-export", SevWarning, "export in RUN lasts for that RUN only: later instructions do not see the variable", "set it with ENV NAME=value (or ARG NAME=value for the build only)"}
	PackageInstallAsUser        = Rule{"DG713", "package-install-as-user", SevError, "apt-get/apk/dnf install after a non-root USER (or on a base image that runs as one) fails: the package manager needs root", "install the packages before USER, or around the install: USER root ... USER 10001"}
	GoEmbedMissing              = Rule{"DG607", "go-embed-missing", SevError, "a //go:embed pattern in the Go sources matches nothing the build can see (the files are missing, or .dockerignore excludes them) and no step of the Dockerfile makes them: go build stops with 'pattern ...: no matching files found'", "keep the embedded files in the context (a !exception in .dockerignore), or build them in an earlier stage and COPY them in before go build"}
	GoReplaceMissing            = Rule{"DG606", "go-replace-missing", SevError, "a go.mod replace points at a folder the build cannot see (outside the build context, excluded by .dockerignore, or not copied before go mod download): the go command stops with 'replacement directory ... does not exist'", "build from a context that holds the replaced module (docker build -f svc/Dockerfile .) and COPY its go.mod before go mod download"}
	WorkspaceRootOutside        = Rule{"DG811", "workspace-root-outside-context", SevWarning, "the project is a member of a workspace or multi-module build (Node workspaces, a Maven parent POM with sibling modules, Gradle settings, buildSrc or a version catalog, a uv workspace, a go.work) whose root lies outside the build context: the workspace packages, parent, settings and root lockfile it resolves from are not there, so the install or build fails", "build from the root, with a Dockerfile whose COPY sources name paths from it (docker build -f apps/web/Dockerfile .; dockgen --dir apps/web at the root writes one)"}
	PnpmLockfileVersion         = Rule{"DG812", "pnpm-lockfile-version", SevError, "pnpm install --frozen-lockfile runs a pnpm major that cannot read the project's pnpm-lock.yaml (pnpm 10 refuses lockfileVersion 6.0 and older, pnpm 8 and older the 9.0 format): the install stops before installing anything", "install the pnpm major that wrote the lockfile (corepack prepare pnpm@8 --activate, or packageManager in package.json), or update the lockfile with the pnpm the image installs"}
	StaleLockfile               = Rule{"DG813", "stale-lockfile", SevError, "a frozen install (npm ci, yarn --frozen-lockfile or --immutable, pnpm --frozen-lockfile) reads a lockfile that has no entry for a dependency package.json declares (or, for npm, locks it at a version outside the declared range): the install stops because the lockfile would have to change", "update the lockfile (npm install, yarn install, pnpm install) and commit it, or install with the package manager whose lockfile is current"}
	YarnrcFileMissing           = Rule{"DG814", "yarnrc-file-missing", SevError, ".yarnrc.yml names files Yarn loads on every command (yarnPath, plugins' path) that are not copied into the stage before yarn runs: Yarn stops before installing", "copy .yarn/releases and .yarn/plugins (all paths .yarnrc.yml names) together with .yarnrc.yml"}
	NodeMajorCap                = Rule{"DG815", "node-major-cap", SevWarning, "the stage installs or builds the project on a Node major newer than its native modules or webpack 4 work on (node-sass, better-sqlite3, webpack 4 and the tools that bundle it): no prebuilt binary exists for it and no compiler is there to build one, or webpack's md4 hashing fails on OpenSSL 3", "use the Node major the project works on (node:22-slim), install build tools (python3 make g++) for node-gyp, or upgrade the package"}
	ScriptRuntimeMissing        = Rule{"DG816", "script-runtime-missing", SevError, "a package.json script the Dockerfile runs calls bun or deno, which the node image does not have and no earlier step installs: the shell stops with 'not found'", "build on an image that has the runtime (oven/bun, denoland/deno), or install it in an earlier step"}
	GradleWrapperIgnored        = Rule{"DG817", "gradle-wrapper-ignored", SevWarning, "the build runs the gradle image's own Gradle, a newer major than the wrapper the project pins: Gradle removes deprecated APIs at each major, so plugins written for the pinned one (shadow, older Kotlin and Android plugins) fail to apply", "run ./gradlew (COPY gradlew and gradle/wrapper), or use the gradle image of the wrapper's major"}
	NestedSourcesIgnored        = Rule{"DG818", "nested-sources-ignored", SevWarning, "the project's own sources are committed under a nested node_modules (packages/node_modules/app), and .dockerignore excludes them with the dependencies (**/node_modules): the image has no entry and the build that reads them fails", "exclude only the root node_modules (/node_modules), or add a !exception for the nested source folder"}
	PeerDependencyConflict      = Rule{"DG819", "peer-dependency-conflict", SevWarning, "two of the project's direct dependencies conflict on a peer (a package asks for react ^15 || ^16, the lockfile holds react 18: it was written with --legacy-peer-deps), and npm installs without --legacy-peer-deps: npm's resolver stops with ERESOLVE", "install with --legacy-peer-deps (or legacy-peer-deps=true in .npmrc, copied for the install), or upgrade the package whose peer range is outdated"}
	GoVendorIgnored             = Rule{"DG605", "go-vendor-ignored", SevWarning, "vendor/ is committed but the build does not use it (excluded from the context, or -mod=mod): modules are downloaded instead", "keep vendor/ in the context and build with -mod=vendor (the default when go.mod says go >= 1.14)"}

	// The Python project rules (python.go).
	PythonNoCompiler              = Rule{"DG801", "python-no-compiler", SevWarning, "the stage installs the project's dependencies on a slim (or alpine) Python image with no C compiler, but a locked or pinned package has no wheel for that Python (its wheels stop at an older line, or it is source-only, see native.yaml): pip builds it from source and stops at 'gcc: not found' or a missing header", "build on the newest Python the locked wheels allow (dockgen detect names it), or apt-get install the package's build packages (gcc libc6-dev and its -dev headers) in that stage"}
	PythonRuntimeLibMissing       = Rule{"DG802", "python-runtime-lib-missing", SevWarning, "a package the build stage compiled against a shared library (psycopg2 on libpq, mysqlclient on libmariadb, pycurl on libcurl, python-ldap on libldap) is copied into a final stage that does not install that library: the import fails at start with 'cannot open shared object file'", "apt-get install the runtime libraries (libpq5, libmariadb3, libcurl4, libldap2 ...) in the final stage"}
	RequirementIncludeMissing     = Rule{"DG803", "requirement-include-missing", SevError, "pip install -r reads the requirements file from where the step has it, and the files it includes (-r/-c lines, relative to it) must be beside it: a bind mount or COPY of the one file leaves them out and pip stops with 'Could not open requirements file'", "bind-mount or COPY the included files to the same relative paths (or the whole requirements folder)"}
	PythonAppModuleMissing        = Rule{"DG804", "python-app-module-missing", SevWarning, "the server (gunicorn, uvicorn, granian, hypercorn, daphne) is started on module:app, but that module is nowhere in the build context, no dependency of the project and made by no step: it stops at start with 'ModuleNotFoundError'", "name the project's own app module (dockgen detect shows the entry it found), or pass it with --entry"}
	DjangoManifestNoCollectstatic = Rule{"DG805", "django-manifest-no-collectstatic", SevWarning, "the Django settings store static files with a manifest storage (ManifestStaticFilesStorage, WhiteNoise's CompressedManifestStaticFilesStorage) but nothing in the image runs collectstatic: with DEBUG off every {% static %} raises 'Missing staticfiles manifest entry' and pages answer 500", "RUN python manage.py collectstatic --noinput in the build (with placeholder secrets), or at start before the server"}
	PythonToolTooNew              = Rule{"DG806", "python-tool-too-new", SevWarning, "pip installs a lockfile tool (pipenv, poetry, uv) at a version whose releases all need a newer Python than the stage's image: pip finds no matching distribution and the build stops", "install the tool (and export the lockfile) in a stage on a current Python, then pip install the exported requirements on the app's Python"}
	StartSubcommandMissing        = Rule{"DG831", "start-subcommand-missing", SevWarning, "the program starts its server only with a subcommand (serve, start: read from its own start files, package.json's start script, a root command that only dispatches, or a Java picocli root that only prints its help), and the image starts it without one: it prints its help and exits", "pass the subcommand in CMD: CMD [\"serve\"] after ENTRYPOINT [\"/usr/local/bin/app\"], or the start script's whole command (node index start), or CMD [\"server\", \"local\"] after java -jar"}
	StartListenLoopback           = Rule{"DG832", "start-listen-loopback", SevWarning, "the program's listen address defaults to loopback (a flag or environment variable whose default, read from its code, is 127.0.0.1 or localhost) and the image overrides it neither way: inside a container nothing outside reaches it", "pass the flag with all interfaces in CMD (--addr=0.0.0.0:8080), or set the variable (ENV LISTEN_ADDR=0.0.0.0:8080)"}
	RuntimeDirMissing             = Rule{"DG833", "runtime-dir-missing", SevWarning, "the program reads a committed folder (conf/, config/, migrations/, templates/) by a path relative to its working directory, and the final stage never copies it: the program stops at start with 'no such file or directory'", "COPY the folder into the final stage's working directory (COPY conf/ /app/conf/ with WORKDIR /app)"}
	RuntimeWriteDenied            = Rule{"DG834", "runtime-write-denied", SevWarning, "the app writes a path (an SQLite database, an instance/ or media folder, a data folder defaulting to the working directory; read from its code and configuration) that is root-owned in the final stage while the app runs as a non-root user: it stops at start with 'permission denied' (WORKDIR unset means /)", "hand the path to the runtime user: COPY --chown=UID:GID, or RUN mkdir -p PATH && chown UID:GID PATH before USER; or point the app at a writable volume"}
	GoBuildNoMain                 = Rule{"DG821", "go-build-no-main", SevError, "go build names a folder with no Go files a Linux build compiles (go build stops with 'no Go files in'), or with -o a package that is not main (it writes an archive the image cannot run)", "build the folder of the package main (go build -o /out/app ./cmd/app); dockgen --entry ./cmd/app picks it"}
	CopyOutputNotWritten          = Rule{"DG822", "copy-output-not-written", SevError, "COPY --from copies a build output folder that the project's build does not write (its config names another: vite build.outDir, vue.config.js outputDir, angular.json outputPath): the COPY fails with 'not found'", "copy the folder the build writes (see the config named in the message), or set the build's output folder to the one copied"}
	PrismaNotGenerated            = Rule{"DG823", "prisma-not-generated", SevWarning, "the project uses Prisma, but no step of the image writes the Prisma client after the schema is copied (prisma generate, or an install after it, whose @prisma/client postinstall generates it): the app stops at its first query with '@prisma/client did not initialize yet'", "RUN npx prisma generate after COPY of the schema in the build stage (before the build), and carry node_modules/.prisma into the runtime"}
	JavaThinJar                   = Rule{"DG824", "java-thin-jar", SevWarning, "the image takes the plain jar from the build's output folder, but the project's runnable jar is another one there (maven-assembly jar-with-dependencies, a shaded or Spring Boot jar): the plain jar has no dependencies and often no Main-Class, so java -jar stops at start", "copy the jar the project's packaging plugin writes (target/NAME-jar-with-dependencies.jar)"}
	JavaProfileMissing            = Rule{"DG825", "java-profile-missing", SevWarning, "the project builds production with a profile (JHipster's prod, a POM's prod profile) but the image's build runs without it: the image carries the development build (JHipster: the dev Spring profile with an in-memory database, the client's dev bundle)", "pass the profile to the build: ./mvnw -Pprod package (./gradlew -Pprod bootJar)"}
	GoBuildTagsMissing            = Rule{"DG826", "go-build-tags-missing", SevError, "go build leaves out a build tag the repository's own build passes (Makefile, Dockerfile, goreleaser), and the main package uses a name declared only in files built with that tag: go build stops with 'undefined'", "pass the repository's tags: go build -tags netgo,sqlite_fts5 ..."}
	DocsIgnored                   = Rule{"DG827", "docs-ignored", SevWarning, ".dockerignore excludes a README the site's own pages load in the browser (docsify, ditto, a config naming README.md as the home page): the page shows its error box instead of the content", "keep it in the context: add !README.md to .dockerignore (dockgen keeps docs for such sites)"}
	StaticServeOfServer           = Rule{"DG828", "static-serve-of-server", SevWarning, "the final stage serves build output with a static web server, but the project is a framework server (Remix, Next.js, Nuxt, SvelteKit or Astro with the node adapter): its pages are rendered by that server, which the image does not run", "run the framework's server in a Node runtime stage (remix-serve ./build/index.js, next start, node .output/server/index.mjs)"}
	BuildEnvMissing               = Rule{"DG841", "build-env-missing", SevWarning, "the Node build loads a module that throws when an environment variable is unset (a script the build script runs, or a Next.js module with a top-level check that a route imports: next build loads every route), and the build step gets no such variable: the build stops with that error", "pass the value to the build step only: dockgen --build-secret NAME (RUN --mount=type=secret,id=NAME,env=NAME), built with --secret id=NAME,env=NAME"}
	RuntimeFileOutside            = Rule{"DG842", "runtime-file-outside", SevWarning, "the Node server requires at start, from its module's top level, a file by a relative path that climbs out of the project (require('../../config.json')): the build context is the project, so the image has it only if the Dockerfile puts it at the path it resolves to; otherwise the start stops with 'Cannot find module'", "COPY the file to the path it resolves to (COPY config.json /config.json when the app is in /app), mount it there at run time (a VOLUME or -v), or change the path in the code"}
	BuildRunsMigration            = Rule{"DG843", "build-runs-migration", SevWarning, "a build step runs a package.json script that applies database migrations (drizzle-kit migrate, prisma migrate deploy, knex migrate, a migrate script): the image build needs a reachable database and its credentials, so it fails without them, and with them it changes a database from a build machine", "run migrations as a release step before the new version starts (docker run --rm IMAGE npm run db:migrate), and build with the framework's build alone (next build)"}
)

// Rules lists dockgen's checks in ID order (the README table, SARIF).
var Rules = []Rule{
	CopySourceMissing,
	CopySourceIgnored,
	DockerignoreLeak,
	CopyFromUnknown,
	CopySourceOutsideContext,
	CopySourceBuildOutput,
	InstallScriptsBeforeSources,
	StaticRootNoIndex,
	ScriptNotExecutable,
	RuntimeRoot,
	RuntimeUserName,
	RuntimeToolchain,
	RuntimeNoExpose,
	RuntimeLoopback,
	RuntimeDevServer,
	BaseUnpinned,
	SecretInArgEnv,
	CurlPipeShell,
	SecretFileCopied,
	CredentialsInURL,
	InstallWithoutCache,
	InstallAfterSources,
	PortabilityHeredoc,
	PortabilityCopyLink,
	PortabilityRunNetwork,
	PortabilityAddChecksum,
	PortabilityCopyExclude,
	GoVerificationOff,
	GoPrivateUnset,
	GoPrivateNoCredentials,
	GoDownloadBeforeGoMod,
	GoVendorIgnored,
	GoReplaceMissing,
	GoEmbedMissing,
	AptInstallRecommends,
	AptListsKept,
	AptInteractiveCLI,
	ApkCacheKept,
	AddInsteadOfCopy,
	CdInRun,
	PipeWithoutPipefail,
	SudoInRun,
	FinalBuildPlatform,
	ExecFormQuotes,
	PlatformArgUndeclared,
	RunExport,
	PackageInstallAsUser,
	PythonNoCompiler,
	PythonRuntimeLibMissing,
	RequirementIncludeMissing,
	PythonAppModuleMissing,
	DjangoManifestNoCollectstatic,
	PythonToolTooNew,
	WorkspaceRootOutside,
	PnpmLockfileVersion,
	StaleLockfile,
	YarnrcFileMissing,
	NodeMajorCap,
	ScriptRuntimeMissing,
	GradleWrapperIgnored,
	NestedSourcesIgnored,
	PeerDependencyConflict,
	GoBuildNoMain,
	CopyOutputNotWritten,
	PrismaNotGenerated,
	JavaThinJar,
	JavaProfileMissing,
	GoBuildTagsMissing,
	DocsIgnored,
	StaticServeOfServer,
	StartSubcommandMissing,
	StartListenLoopback,
	RuntimeDirMissing,
	RuntimeWriteDenied,
	BuildEnvMissing,
	RuntimeFileOutside,
	BuildRunsMigration,
}

// RuleByID finds one of dockgen's rules.
func RuleByID(id string) (Rule, bool) {
	i := slices.IndexFunc(Rules, func(r Rule) bool { return r.ID == id })
	if i < 0 {
		return Rule{}, false
	}
	return Rules[i], true
}

// BuildKitRule describes one of BuildKit's build checks.
type BuildKitRule struct {
	Name, Description, URL string
}

// ParseErrorRule names the finding for a Dockerfile that does not parse.
const ParseErrorRule = "BuildError"

// buildKitRules are BuildKit's checks, from its own typed rule set.
var buildKitRules = []BuildKitRule{
	bk(linter.RuleStageNameCasing), bk(linter.RuleFromAsCasing), bk(linter.RuleNoEmptyContinuation),
	bk(linter.RuleConsistentInstructionCasing), bk(linter.RuleDuplicateStageName), bk(linter.RuleReservedStageName),
	bk(linter.RuleJSONArgsRecommended), bk(linter.RuleMaintainerDeprecated), bk(linter.RuleUndefinedArgInFrom),
	bk(linter.RuleWorkdirRelativePath), bk(linter.RuleUndefinedVar), bk(linter.RuleMultipleInstructionsDisallowed),
	bk(linter.RuleLegacyKeyValueFormat), bk(linter.RuleInvalidBaseImagePlatform), bk(linter.RuleRedundantTargetPlatform),
	bk(linter.RuleSecretsUsedInArgOrEnv), bk(linter.RuleInvalidDefaultArgInFrom), bk(linter.RuleFromPlatformFlagConstDisallowed),
	bk(linter.RuleCopyIgnoredFile), bk(linter.RuleInvalidDefinitionDescription), bk(linter.RuleExposeProtoCasing),
	bk(linter.RuleExposeInvalidFormat),
}

func bk[F any](r linter.LinterRule[F]) BuildKitRule {
	return BuildKitRule{Name: r.Name, Description: r.Description, URL: r.URL}
}

func buildKitRuleByName(name string) (BuildKitRule, bool) {
	i := slices.IndexFunc(buildKitRules, func(r BuildKitRule) bool { return r.Name == name })
	if i < 0 {
		return BuildKitRule{}, false
	}
	return buildKitRules[i], true
}

// CheckRuleIDs reports the first ID that names no rule (dockgen's, or
// BuildKit's by name), for --ignore and the like.
func CheckRuleIDs(ids []string) error {
	for _, id := range ids {
		if _, ok := RuleByID(id); ok || id == ParseErrorRule {
			continue
		}
		if _, ok := buildKitRuleByName(id); ok {
			continue
		}
		return fmt.Errorf("%q is not a rule: want a DG rule ID (DG101 ... %s) or a BuildKit check name such as JSONArgsRecommended", id, Rules[len(Rules)-1].ID)
	}
	return nil
}

// Threshold is the lowest severity that fails a run (--error-on).
type Threshold struct {
	min  Severity
	none bool
}

// ParseThreshold reads error, warning, info or none.
func ParseThreshold(s string) (Threshold, error) {
	switch Severity(s) {
	case SevError, SevWarning, SevInfo:
		return Threshold{min: Severity(s)}, nil
	case "none":
		return Threshold{none: true}, nil
	}
	return Threshold{}, fmt.Errorf("%q: want one of error, warning, info, none", s)
}

// Failing counts the findings that reach the threshold.
func (t Threshold) Failing(fs []Finding) int {
	if t.none {
		return 0
	}
	n := 0
	for _, f := range fs {
		if f.Severity.rank() <= t.min.rank() {
			n++
		}
	}
	return n
}
