package lint

// Severity orders findings; --error-on picks the one that fails a run.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Rule is one of dockgen's own checks (BuildKit's keep BuildKit's names).
type Rule struct {
	ID       string
	Name     string
	Severity Severity
	Why      string
	Fix      string
}

// Rules are dockgen's checks, with stable IDs (DGxyz: x is the category:
// 1 build context, 2 runtime stage, 3 supply chain and secrets, 4 cache,
// 5 portability, 6 module sources).
var Rules = []Rule{
	{"DG101", "copy-source-missing", SevError, "a COPY/ADD source that is not in the build context fails the build", "fix the path, or add the file"},
	{"DG102", "copy-source-ignored", SevError, ".dockerignore excludes a file the Dockerfile copies, so the build fails or copies less than intended", "remove the pattern from .dockerignore, or add a !exception"},
	{"DG103", "dockerignore-leak", SevWarning, "without an exclusion, secrets, VCS data or dependencies land in the build context and can be copied into layers", "add the path to .dockerignore"},
	{"DG104", "copy-from-unknown", SevError, "--from names neither an earlier stage nor an image reference: BuildKit pulls it as an image from Docker Hub, usually a typo of a stage name", "use the name of an earlier stage (FROM ... AS name), or a full image reference"},
	{"DG201", "runtime-root", SevError, "the final stage runs as root: a compromised app owns the container", "end the final stage with USER <uid>:<gid> of an unprivileged user"},
	{"DG202", "runtime-user-name", SevWarning, "a user name cannot be checked by Kubernetes runAsNonRoot; a numeric UID can", "use the numeric UID (USER 10001:10001)"},
	{"DG203", "runtime-toolchain", SevWarning, "the final stage is a toolchain image (compiler, build tool): larger and a bigger attack surface", "copy the build output into a runtime image (distroless, slim, JRE) in a final stage"},
	{"DG204", "runtime-no-expose", SevInfo, "the final stage starts a process but declares no port: tools and readers cannot tell what it serves", "EXPOSE the port the server listens on (skip for CLIs and workers)"},
	{"DG301", "base-unpinned", SevWarning, "an untagged or :latest base image changes under you: builds stop being reproducible", "pin a version tag or a digest"},
	{"DG302", "secret-in-arg-env", SevError, "ARG and ENV values are kept in the image metadata and history", "pass secrets with RUN --mount=type=secret (or type=ssh)"},
	{"DG303", "curl-pipe-shell", SevWarning, "a script piped from the network into a shell is neither pinned nor verified", "download a pinned version, verify its checksum, then run it"},
	{"DG304", "secret-file-copied", SevError, "credential files copied into a layer stay in the image even if deleted later", "mount them for the one RUN that needs them: RUN --mount=type=secret,id=npmrc,target=/root/.npmrc"},
	{"DG305", "credentials-in-url", SevError, "a user:password@ URL in ARG, ENV or RUN is kept in the image history and build logs", "pass the index or registry credentials as a secret mount (pip: PIP_INDEX_URL from --mount=type=secret,env=...)"},
	{"DG401", "install-without-cache", SevWarning, "without a cache mount every rebuild downloads every dependency again", "add --mount=type=cache,target=<the tool's cache dir> to the RUN"},
	{"DG402", "install-after-sources", SevWarning, "installing after COPY of the whole source busts the dependency layer on every source change", "copy (or bind-mount) only the manifest and lock files before the install, the sources after it"},
	{"DG501", "portability-heredoc", SevInfo, "heredocs need BuildKit's Dockerfile 1.4+ frontend; buildah/podman and older builders fail", "use a script file or printf"},
	{"DG502", "portability-copy-link", SevInfo, "COPY --link is BuildKit-only", "drop --link if the Dockerfile is also built with buildah/podman"},
	{"DG503", "portability-run-network", SevInfo, "RUN --network is BuildKit-only", "drop it if the Dockerfile is also built with buildah/podman"},
	{"DG504", "portability-add-checksum", SevInfo, "ADD --checksum needs Dockerfile 1.6+ and is BuildKit-only", "download with a verified checksum in RUN instead"},
	{"DG505", "portability-copy-exclude", SevInfo, "COPY --exclude needs Dockerfile 1.7+ and is BuildKit-only", "exclude with .dockerignore"},
	{"DG601", "go-verification-off", SevError, "GOSUMDB=off, GOINSECURE or -insecure switch off module verification or TLS", "keep GOSUMDB on (a reachable mirror such as sum.golang.google.cn), and list private paths in GOPRIVATE/GONOSUMDB"},
	{"DG602", "go-private-unset", SevError, "go.mod requires a module from a private host but the Dockerfile sets no GOPRIVATE/GONOPROXY/GONOSUMDB for it: the public proxy answers 404/410 and the checksum database cannot verify it", "set GOPRIVATE=HOST/ORG in the build stage (dockgen --private HOST/ORG does it)"},
	{"DG603", "go-private-no-credentials", SevError, "a private module is fetched without an ssh or secret mount: git has no credentials in the build and stops at 'terminal prompts disabled'", "RUN --mount=type=ssh with a git insteadOf rule (dockgen --private), built with --ssh default"},
	{"DG604", "go-download-before-gomod", SevError, "go mod download runs before go.mod is in place, so it downloads nothing (or fails outside a module)", "COPY go.mod go.sum (or bind-mount them) before go mod download"},
	{"DG605", "go-vendor-ignored", SevWarning, "vendor/ is committed but the build does not use it (excluded from the context, or -mod=mod): modules are downloaded instead", "keep vendor/ in the context and build with -mod=vendor (the default when go.mod says go >= 1.14)"},
}

func ruleByID(id string) Rule {
	for _, r := range Rules {
		if r.ID == id {
			return r
		}
	}
	return Rule{ID: id, Severity: SevWarning}
}
