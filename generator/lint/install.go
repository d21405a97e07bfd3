package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"go.yaml.in/yaml/v3"
)

// The project rules on installs (DG811-DG819): the Dockerfile's install
// and build steps against what detection reads from the project (its
// build root, package manager, lockfile, Node-major caps, wrapper).

// checkProjectInstall runs them, once the other rules have run (DG811
// defers to DG606's Go replace findings).
func (c *checker) checkProjectInstall() {
	// Every rule here needs a Node, Java or Python install or build in the
	// Dockerfile; without one, detection (which reads every Go package of
	// a large module for its main) is not run at all. A Go build's context
	// is DG606's (a replace outside it).
	if !c.buildsNonGo() {
		return
	}
	p := c.project()
	if p == nil {
		return
	}
	c.checkWorkspaceRoot()
	switch p.Lang {
	case kind.Node.Name, kind.Static.Name:
		pkg := c.packageJSON()
		c.checkPnpmLockfile(p)
		c.checkStaleLockfile(pkg)
		c.checkYarnrcFiles()
		c.checkNodeMajorCap(pkg)
		c.checkScriptRuntime(pkg)
		c.checkNestedSources(p)
		c.checkPeerConflict(pkg)
		c.checkBuildMigrates(pkg)
	case kind.Java.Name:
		c.checkGradleWrapper(p)
	}
}

// buildsNonGo: a RUN installs or builds with a tool other than go.
func (c *checker) buildsNonGo() bool {
	for _, text := range c.runs() {
		for _, ic := range installCommands {
			if !ic.GoModules && ic.re.MatchString(text) {
				return true
			}
		}
	}
	return false
}

// inProject is name in the project's folder, as a context path.
func (c *checker) inProject(name string) string { return path.Join(c.projectDir, name) }

// maxLockfile bounds the lockfile reads of DG813: real lockfiles reach tens
// of MiB; a bigger file is left unread.
const maxLockfile = 64 << 20

// readBounded reads a regular file of the context up to max bytes; ok is
// false when it is missing, not regular or bigger than max.
func (b *buildContext) readBounded(name string, max int64) ([]byte, bool) {
	fi, err := b.root.Stat(name)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > max {
		return nil, false
	}
	f, err := b.root.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil || int64(len(data)) > max {
		return nil, false
	}
	return data, true
}

// readHead reads the first n bytes of a regular file of the context.
func (b *buildContext) readHead(name string, n int) []byte {
	fi, err := b.root.Stat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	f, err := b.root.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil
	}
	return buf[:k]
}

// pkgManifest is what the install rules read from package.json.
type pkgManifest struct {
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Scripts         map[string]string `json:"scripts"`
	Resolutions     map[string]any    `json:"resolutions"`
	Overrides       map[string]any    `json:"overrides"`
}

// resolved: package.json's resolutions pin name (Yarn then locks the
// resolution's range, not the one the dependency declares).
func (pj *pkgManifest) resolved(name string) bool {
	for k := range pj.Resolutions {
		k = strings.TrimPrefix(k, "**/")
		if k == name || strings.HasSuffix(k, "/"+name) || strings.HasPrefix(k, name+"@") {
			return true
		}
	}
	return false
}

// packageJSON is the project's package.json; nil when unreadable.
func (c *checker) packageJSON() *pkgManifest {
	data, err := c.ctx.readFile(c.inProject("package.json"))
	if err != nil {
		return nil
	}
	var pj pkgManifest
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &pj) != nil {
		return nil
	}
	return &pj
}

// ---- stages ----

// stageChain is stage i's commands after those of the stages it is built
// FROM, in build order.
func (c *checker) stageChain(i int) []instructions.Command {
	var chain []int
	for j := i; j >= 0 && len(chain) <= len(c.stages); j = c.parents[j] {
		chain = append(chain, j)
	}
	var out []instructions.Command
	for k := len(chain) - 1; k >= 0; k-- {
		out = append(out, c.stages[chain[k]].Commands...)
	}
	return out
}

// stageImage is the image stage i is built on, through the stages it is
// built FROM; "" when an ARG without a default hides it.
func (c *checker) stageImage(i int) string {
	for n := 0; i >= 0 && n <= len(c.stages); n++ {
		if c.parents[i] < 0 {
			ref, ok := c.expand(c.stages[i].BaseName)
			if !ok || strings.Contains(ref, "$") {
				return ""
			}
			return ref
		}
		i = c.parents[i]
	}
	return ""
}

func runText(cmd instructions.Command) (string, bool) {
	run, ok := cmd.(*instructions.RunCommand)
	if !ok {
		return "", false
	}
	return strings.Join(run.CmdLine, " "), true
}

// runs yields every RUN of the Dockerfile, in order, with its shell text.
func (c *checker) runs() iter.Seq2[instructions.Command, string] {
	return func(yield func(instructions.Command, string) bool) {
		for _, st := range c.stages {
			for _, cmd := range st.Commands {
				if text, ok := runText(cmd); ok && !yield(cmd, text) {
					return
				}
			}
		}
	}
}

// commandText is the shell text of a RUN, CMD or ENTRYPOINT (false for
// any other instruction).
func commandText(cmd instructions.Command) (string, bool) {
	switch cmd := cmd.(type) {
	case *instructions.RunCommand:
		return strings.Join(cmd.CmdLine, " "), true
	case *instructions.CmdCommand:
		return strings.Join(cmd.CmdLine, " "), true
	case *instructions.EntrypointCommand:
		return strings.Join(cmd.CmdLine, " "), true
	}
	return "", false
}

// copied reports whether a COPY or bind mount among cmds (before the
// install) brings the context path name into the stage: by name, by a
// folder above it, or with the whole context.
func copied(cmds []instructions.Command, name string) bool {
	covers := func(src string) bool {
		clean, _ := clampSource(src)
		if clean == "." || clean == name || strings.HasPrefix(name, clean+"/") {
			return true
		}
		ok, _ := path.Match(clean, name)
		return ok
	}
	for _, cmd := range cmds {
		switch cmd := cmd.(type) {
		case *instructions.CopyCommand:
			if cmd.From == "" && slices.ContainsFunc(cmd.SourcePaths, covers) {
				return true
			}
		case *instructions.AddCommand:
			if slices.ContainsFunc(cmd.SourcePaths, covers) {
				return true
			}
		case *instructions.RunCommand:
			_ = cmd.Expand(func(w string) (string, error) { return w, nil })
			for _, m := range instructions.GetMounts(cmd) {
				if m.Type == instructions.MountTypeBind && m.From == "" && covers(m.Source) {
					return true
				}
			}
		}
	}
	return false
}

// ---- DG812: pnpm lockfile version ----

var (
	pnpmFrozenRe  = command(`pnpm\s+(?:\S+\s+)*?(?:install|i)\b[^;&|]*--frozen-lockfile\b`)
	pnpmInstallRe = regexp.MustCompile(`\bpnpm@v?(\d+)\b`)
)

// pnpmRefuses: the pnpm major that cannot read the lockfile frozen, by the
// lockfile's format: pnpm 10 dropped the v6 (and older) format; pnpm 8
// and older predate v9. Where the majors overlap (pnpm 9 reads v6) there
// is nothing to say.
func pnpmRefuses(lockVersion string, major int) bool {
	v, err := strconv.ParseFloat(lockVersion, 64)
	if err != nil {
		return false
	}
	return v < 9 && major >= 10 || v >= 9 && major <= 8
}

// checkPnpmLockfile: DG812 when the Dockerfile installs a pnpm major that
// cannot read the project's pnpm-lock.yaml and installs --frozen-lockfile.
func (c *checker) checkPnpmLockfile(p *detect.Project) {
	if p.Node.Lockfile != "pnpm-lock.yaml" {
		return
	}
	lockVersion, writer := detect.PnpmLockfileVersion(c.ctx.readHead(c.inProject("pnpm-lock.yaml"), 4096))
	if lockVersion == "" {
		return
	}
	for i, st := range c.stages {
		installed, installedAt := 0, ""
		chain := c.stageChain(i)
		own := len(chain) - len(st.Commands)
		for k, cmd := range chain {
			text, ok := runText(cmd)
			if !ok {
				continue
			}
			if m := pnpmInstallRe.FindStringSubmatch(text); m != nil {
				installed, installedAt = atoiOr0(m[1]), "pnpm@"+m[1]
			}
			if k < own || installed == 0 || !pnpmFrozenRe.MatchString(text) || !pnpmRefuses(lockVersion, installed) {
				continue
			}
			who := ""
			if writer != "" {
				who = ", written by pnpm " + writer
			}
			c.add(PnpmLockfileVersion, line(cmd), "pnpm install --frozen-lockfile runs "+installedAt+", which cannot read "+c.inProject("pnpm-lock.yaml")+" (lockfileVersion "+lockVersion+who+"): install the pnpm major that wrote it (corepack prepare pnpm@"+writerOr(writer, lockVersion)+" --activate), or update the lockfile")
			return
		}
	}
}

func atoiOr0(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// writerOr is the pnpm major to install for a lockfile: its writer, else
// the lockfile's own major (9.0 is written by pnpm 9 and 10).
func writerOr(writer, lockVersion string) string {
	if writer != "" {
		return writer
	}
	major, _, _ := strings.Cut(lockVersion, ".")
	return major
}

// ---- DG813: a frozen install with a stale lockfile ----

// frozenInstalls are the installs that fail when the lockfile does not
// match package.json, and the lockfile each reads.
var frozenInstalls = []struct {
	re   *regexp.Regexp
	lock []string
}{
	{command(`npm\s+(?:\S+\s+)*?ci\b`), []string{"npm-shrinkwrap.json", "package-lock.json"}},
	{command(`yarn(?:\s+install)?(?:\s+\S+)*?\s+--(?:frozen-lockfile|immutable)\b`), []string{"yarn.lock"}},
	{pnpmFrozenRe, []string{"pnpm-lock.yaml"}},
}

// lockHas reports whether a lockfile has an entry for the dependency
// name@spec. Each format keys packages its own way: yarn.lock by every
// "name@range" it resolves (Yarn 1 with --frozen-lockfile fails on a range
// no key names; Yarn 2+ as name@npm:range), package-lock.json by
// "node_modules/name" (v1: "name": {), pnpm by "name:" under the importer.
func lockHas(lockfile string, keys map[string]bool, name, spec string) bool {
	if lockfile == "yarn.lock" && spec != "" && !strings.ContainsAny(spec, ":/#") {
		return keys[name+"@"+spec] || keys[name+"@npm:"+spec]
	}
	return keys[name] // a URL, a git or npm: alias, or a lockfile keyed by name
}

// npmLockedVersions are the versions a package-lock.json (v2/v3) or
// npm-shrinkwrap.json installs at the top of node_modules; nil for other
// lockfiles or one that does not parse.
func npmLockedVersions(lockfile string, data []byte) map[string]string {
	if lockfile != "package-lock.json" && lockfile != "npm-shrinkwrap.json" {
		return nil
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if json.Unmarshal(data, &lock) != nil {
		return nil
	}
	versions := map[string]string{}
	for k, e := range lock.Packages {
		if name, ok := strings.CutPrefix(k, "node_modules/"); ok && !strings.Contains(name, "/node_modules/") {
			versions[name] = e.Version
		}
	}
	return versions
}

// rangeExcludes reports whether version (locked) is outside the semver
// range spec package.json declares: npm ci then stops ("lock file's
// phaser@3.88.2 does not satisfy phaser@3.90.0"). Anything it cannot read
// (a tag, a URL, an alias) excludes nothing.
func rangeExcludes(spec, version string) bool {
	if version == "" || spec == "" || strings.ContainsAny(spec, ":/#") {
		return false
	}
	c, err := semver.NewConstraint(spec)
	if err != nil {
		return false
	}
	v, err := semver.NewVersion(version)
	if err != nil {
		return false
	}
	return !c.Check(v)
}

var (
	npmLockKeyRe  = regexp.MustCompile(`"node_modules/((?:@[^"/]+/)?[^"/]+)"|"((?:@[^"/]+/)?[^"/]+)":\s*\{\s*"version"`)
	pnpmLockKeyRe = regexp.MustCompile(`(?m)^\s+['"]?/?((?:@[^'"/:@\s]+/)?[^'"/:@\s]+)(?:@[^'":\s]*)?['"]?:`)
)

// lockKeys are the package names (and, for yarn.lock, the name@range
// keys) a lockfile has entries for, read in one pass.
func lockKeys(lockfile string, data []byte) map[string]bool {
	if lockfile == "yarn.lock" {
		return yarnLockKeys(data)
	}
	re := npmLockKeyRe
	if lockfile == "pnpm-lock.yaml" {
		re = pnpmLockKeyRe
	}
	keys := map[string]bool{}
	for _, m := range re.FindAllSubmatch(data, -1) {
		for _, g := range m[1:] {
			if len(g) > 0 {
				keys[string(g)] = true
			}
		}
	}
	return keys
}

// yarnLockKeys are the "name@range" keys of a yarn.lock's entries, and each
// entry's name alone.
func yarnLockKeys(data []byte) map[string]bool {
	keys := map[string]bool{}
	for _, ln := range strings.Split(string(data), "\n") {
		if ln == "" || ln[0] == ' ' || ln[0] == '#' || !strings.HasSuffix(ln, ":") {
			continue
		}
		for _, k := range strings.Split(strings.TrimSuffix(ln, ":"), ",") {
			k = strings.Trim(strings.TrimSpace(k), `"`)
			keys[k] = true
			if i := strings.Index(k[1:], "@"); i >= 0 { // the name's own @ (a scope) comes first
				keys[k[:i+1]] = true
			}
		}
	}
	return keys
}

// localSpec: a version resolved from the repository or the workspace, not
// from a lockfile entry of the registry.
func localSpec(spec string) bool {
	for _, p := range []string{"workspace:", "link:", "file:", "portal:", "catalog:"} {
		if strings.HasPrefix(spec, p) {
			return true
		}
	}
	return false
}

// checkStaleLockfile: DG813 when a frozen install (npm ci, yarn
// --frozen-lockfile/--immutable, pnpm --frozen-lockfile) reads a lockfile
// that has no entry for a dependency package.json declares: the install
// stops ("lockfile needs to be updated", "npm ci can only install packages
// when your package.json and package-lock.json are in sync").
func (c *checker) checkStaleLockfile(pj *pkgManifest) {
	if pj == nil {
		return
	}
	for cmd, text := range c.runs() {
		for _, fi := range frozenInstalls {
			m := fi.re.FindString(text)
			if m == "" {
				continue
			}
			for _, lf := range fi.lock {
				data, ok := c.ctx.readBounded(c.inProject(lf), maxLockfile)
				if !ok {
					continue
				}
				keys := lockKeys(lf, data)
				versions := npmLockedVersions(lf, data)
				var missing []string
				locked := 0
				for _, deps := range []map[string]string{pj.Dependencies, pj.DevDependencies} {
					for name, spec := range deps {
						if pj.resolved(name) {
							spec = "" // locked by its resolution's range: the name is enough
						}
						switch {
						case localSpec(spec):
						case lockHas(lf, keys, name, spec) && !rangeExcludes(spec, versions[name]):
							locked++
						case lockHas(lf, keys, name, spec):
							missing = append(missing, name+"@"+spec+" (locked "+versions[name]+")")
						default:
							missing = append(missing, name+"@"+spec)
						}
					}
				}
				// A lockfile that locks none of them is a placeholder (or
				// another project's): only a partly current one is stale.
				if len(missing) > 0 && locked > 0 {
					slices.Sort(missing)
					missing = slices.Compact(missing)
					more := ""
					if len(missing) > 5 {
						more = " and " + strconv.Itoa(len(missing)-5) + " more"
						missing = missing[:5]
					}
					c.add(StaleLockfile, line(cmd), strings.TrimLeft(m, ";&|( ")+" reads "+c.inProject(lf)+", which has no entry for "+strings.Join(missing, ", ")+more+" as package.json declares it")
					return
				}
				break // the first lockfile found is the one the tool reads
			}
		}
	}
}

// ---- DG814: .yarnrc.yml's files ----

var yarnRunRe = command(`yarn(?:\s|$)`)

// yarnrcFiles are the repository files .yarnrc.yml makes Yarn load on
// every command: yarnPath and each plugin's path.
func yarnrcFiles(data []byte) []string {
	var rc struct {
		YarnPath string `yaml:"yarnPath"`
		Plugins  []any  `yaml:"plugins"`
	}
	if yaml.Unmarshal(data, &rc) != nil {
		return nil
	}
	var out []string
	add := func(p string) {
		if p = strings.TrimSpace(p); p != "" && !strings.Contains(p, "://") && !path.IsAbs(p) && !strings.HasPrefix(path.Clean(p), "..") {
			out = append(out, path.Clean(p))
		}
	}
	add(rc.YarnPath)
	for _, pl := range rc.Plugins {
		switch pl := pl.(type) {
		case string:
			add(pl)
		case map[string]any:
			if s, ok := pl["path"].(string); ok {
				add(s)
			}
		}
	}
	return out
}

// checkYarnrcFiles: DG814 when Yarn runs in a stage that has .yarnrc.yml
// but not a file it names (yarnPath, a plugin's path): Yarn loads them on
// every command and stops without them.
func (c *checker) checkYarnrcFiles() {
	rcPath := c.inProject(".yarnrc.yml")
	data, err := c.ctx.readFile(rcPath)
	if err != nil {
		return
	}
	files := yarnrcFiles(data)
	if len(files) == 0 {
		return
	}
	for i, st := range c.stages {
		chain := c.stageChain(i)
		own := len(chain) - len(st.Commands)
		for k := own; k < len(chain); k++ {
			text, ok := runText(chain[k])
			if !ok || !yarnRunRe.MatchString(text) || !copied(chain[:k], rcPath) {
				continue
			}
			for _, f := range files {
				if fp := c.inProject(f); !copied(chain[:k], fp) && c.ctx.exists(fp) {
					c.add(YarnrcFileMissing, line(chain[k]), rcPath+" loads "+f+", which is not copied before this yarn command: copy it with .yarnrc.yml")
					return
				}
			}
		}
	}
}

// ---- DG815: a Node major beyond the project's native-module cap ----

var (
	nodeMajorTagRe  = regexp.MustCompile(`^v?(\d+)`)
	buildToolsRe    = regexp.MustCompile(`\b(build-essential|build-base|g\+\+|gcc-c\+\+)\b`)
	legacyOpenSSLRe = regexp.MustCompile(`--openssl-legacy-provider`)
	nodeInstallRe   = command(`(npm\s+(?:-\S+\s+)*(ci|install|i)|pnpm\s+(?:-\S+\s+)*(install|i)|yarn\s+(install|workspaces\s+focus))(\s|$)|` + cmdStart + `yarn(\s+-\S+)*\s*($|[;&|)])`)
	prodInstallRe   = regexp.MustCompile(`--omit[= ]dev\b|--only[= ]prod(uction)?\b|--production\b|--prod\b`)
)

// nodeImageMajor is the Node major of a node image reference (node:22-slim,
// node:${V}-alpine after expansion); 0 for other images and for tags
// that name none (lts, current).
func nodeImageMajor(ref string) (major int, full bool) {
	repo, tag := splitImage(ref)
	if repo != "node" && !strings.HasSuffix(repo, "/node") {
		return 0, false
	}
	m := nodeMajorTagRe.FindStringSubmatch(tag)
	if m == nil {
		return 0, false
	}
	major, _ = strconv.Atoi(m[1])
	// The full Debian image carries python3, make and g++ (node-gyp's needs).
	full = !strings.Contains(tag, "slim") && !strings.Contains(tag, "alpine")
	return major, full
}

// checkNodeMajorCap: DG815 when a stage runs a Node major newer than a
// package of the project works on (detection's caps: node-sass,
// better-sqlite3, webpack 4 ...): installing a native module that has no
// prebuilt binary for it, with no build tools to compile one (a production
// install leaves a devDependency out), or building with webpack 4, whose
// md4 hashing fails on OpenSSL 3 without --openssl-legacy-provider.
func (c *checker) checkNodeMajorCap(pj *pkgManifest) {
	if pj == nil {
		return
	}
	caps := detect.NodeCaps(pj.Dependencies, pj.DevDependencies)
	if len(caps) == 0 {
		return
	}
	for i, st := range c.stages {
		major, full := nodeImageMajor(c.stageImage(i))
		if major == 0 {
			continue
		}
		chain := c.stageChain(i)
		own := len(chain) - len(st.Commands)
		tools, legacy := full, false
		for k, cmd := range chain {
			switch cmd := cmd.(type) {
			case *instructions.EnvCommand:
				for _, kv := range cmd.Env {
					legacy = legacy || legacyOpenSSLRe.MatchString(kv.Value)
				}
			case *instructions.RunCommand:
				text := strings.Join(cmd.CmdLine, " ")
				if pkgInstallRe.MatchString(text) && buildToolsRe.MatchString(text) {
					tools = true
				}
				if legacyOpenSSLRe.MatchString(text) {
					legacy = true
				}
				if k < own {
					continue
				}
				_, script := runsScript(text, pj.Scripts)
				install := nodeInstallRe.MatchString(text)
				prodOnly := prodInstallRe.MatchString(text)
				for _, cp := range caps {
					if major <= cp.NodeMax {
						continue
					}
					var fault bool
					if cp.MD4 {
						fault = script != "" && !legacy && !legacyOpenSSLRe.MatchString(script)
					} else {
						fault = install && !tools && !(cp.Dev && prodOnly)
					}
					if fault {
						c.add(NodeMajorCap, line(cmd), "this stage runs Node "+strconv.Itoa(major)+" ("+c.stageImage(i)+"), but "+cp.Dep+" "+cp.Spec+" works up to Node "+strconv.Itoa(cp.NodeMax)+" ("+cp.Why+"): use node:"+strconv.Itoa(cp.NodeMax)+"-slim, or "+cp.Fix)
						return
					}
				}
			}
		}
	}
}

// ---- DG816: a script that runs bun or deno on an image without it ----

var (
	scriptRunRe   = command(`(?:npm|pnpm|yarn)\s+(?:run(?:-script)?\s+)?([A-Za-z0-9:_.-]+)`)
	altRuntimeRe  = command(`(bunx?|deno)\b`)
	pmSubcommands = map[string]bool{"install": true, "i": true, "ci": true, "add": true, "remove": true, "exec": true, "dlx": true, "config": true, "cache": true, "set": true, "workspaces": true, "workspace": true, "prune": true, "rebuild": true, "pack": true, "publish": true, "audit": true, "dedupe": true, "fetch": true}
)

// runsScript is the package.json script a shell text runs through npm,
// yarn or pnpm ("" for none): npm run build, yarn build, pnpm start.
func runsScript(text string, scripts map[string]string) (string, string) {
	for _, m := range scriptRunRe.FindAllStringSubmatch(text, -1) {
		name := m[1]
		if pmSubcommands[name] {
			continue
		}
		if s, ok := scripts[name]; ok {
			return name, s
		}
	}
	return "", ""
}

// checkScriptRuntime: DG816 when a RUN or the start command runs a
// package.json script that calls bun or deno (bun build --compile, deno
// run) in a stage whose image has neither and that installs none: the
// shell stops with "bun: not found".
func (c *checker) checkScriptRuntime(pj *pkgManifest) {
	if pj == nil || len(pj.Scripts) == 0 {
		return
	}
	for i, st := range c.stages {
		// Only the official Node image is known to lack them; another
		// image may carry bun under any name.
		img := strings.ToLower(c.stageImage(i))
		if repo, _ := splitImage(img); repo != "node" && !strings.HasSuffix(repo, "/node") {
			continue
		}
		chain := c.stageChain(i)
		own := len(chain) - len(st.Commands)
		for k := own; k < len(chain); k++ {
			text, ok := commandText(chain[k])
			if !ok {
				continue
			}
			name, script := runsScript(text, pj.Scripts)
			if name == "" {
				continue
			}
			rt := altRuntimeRe.FindStringSubmatch(script)
			if rt == nil {
				continue
			}
			tool := strings.TrimSuffix(rt[1], "x")
			if pj.Dependencies[tool] != "" || pj.DevDependencies[tool] != "" || providesTool(chain[:k+1], tool) {
				continue
			}
			c.add(ScriptRuntimeMissing, line(chain[k]), "script "+strconv.Quote(name)+" runs "+rt[1]+" ("+strconv.Quote(script)+"), which the image ("+c.stageImage(i)+") does not have and no earlier step installs")
			return
		}
	}
}

// providesTool: a step before (or the RUN itself) installs or copies in
// the tool (npm i -g bun, curl https://bun.sh/install, COPY --from=oven/bun).
func providesTool(cmds []instructions.Command, tool string) bool {
	re := regexp.MustCompile(`(?i)\b` + tool + `\b`)
	for _, cmd := range cmds {
		switch cmd := cmd.(type) {
		case *instructions.RunCommand:
			if re.MatchString(strings.Join(cmd.CmdLine, " ")) {
				return true
			}
		case *instructions.CopyCommand:
			if re.MatchString(cmd.From) {
				return true
			}
		}
	}
	return false
}

// ---- DG817: the image's Gradle instead of the wrapper's ----

var (
	gradleRunRe      = command(`gradle(?:\s|$)`)
	gradleDistRe     = regexp.MustCompile(`(?m)^\s*distributionUrl\s*[=:].*gradle-(\d+)(?:\.\d+)*(?:-[a-z0-9-]+)?-(?:bin|all)\.zip`)
	gradleImageTagRe = regexp.MustCompile(`^(\d+)`)
)

// checkGradleWrapper: DG817 when a stage builds with the gradle image's
// own Gradle, a newer major than the wrapper the project pins: Gradle
// removes deprecated APIs at each major, and the plugins the build applies
// (shadow, old Android and Kotlin plugins) fail to load on it.
func (c *checker) checkGradleWrapper(p *detect.Project) {
	if p.Tool != "gradle" || !p.Java.Wrapper {
		return
	}
	// The wrapper that runs is the build root's (detection's Java.Wrapper).
	propsPath := path.Join(c.projectDir, p.BuildRoot, "gradle/wrapper/gradle-wrapper.properties")
	if p.BuildRoot == "" || strings.HasPrefix(propsPath, "../") {
		propsPath = c.inProject("gradle/wrapper/gradle-wrapper.properties")
	}
	props := c.ctx.readHead(propsPath, 8192)
	m := gradleDistRe.FindSubmatch(props)
	if m == nil {
		return
	}
	wrapper, _ := strconv.Atoi(string(m[1]))
	for i, st := range c.stages {
		repo, tag := splitImage(c.stageImage(i))
		if repo != "gradle" && !strings.HasSuffix(repo, "/gradle") {
			continue
		}
		tm := gradleImageTagRe.FindStringSubmatch(tag)
		if tm == nil {
			continue
		}
		image, _ := strconv.Atoi(tm[1])
		if image <= wrapper {
			continue
		}
		for _, cmd := range st.Commands {
			text, ok := runText(cmd)
			if !ok || !gradleRunRe.MatchString(text) {
				continue
			}
			c.add(GradleWrapperIgnored, line(cmd), "gradle runs the image's Gradle "+strconv.Itoa(image)+" ("+c.stageImage(i)+"), but "+propsPath+" pins Gradle "+strconv.Itoa(wrapper)+": run ./gradlew (copied with gradle/wrapper)")
			return
		}
	}
}

// ---- DG818: sources in a nested node_modules left out of the context ----

// checkNestedSources: DG818 when the project's entry is a committed source
// under a nested node_modules (packages/node_modules/app/red.js, detection's
// Node.SourcesInNodeModules), the Dockerfile copies it with the context,
// and .dockerignore leaves it out (**/node_modules): the image has no
// entry, and the build that reads those sources fails.
func (c *checker) checkNestedSources(p *detect.Project) {
	if !p.Node.SourcesInNodeModules || c.ignore == nil {
		return
	}
	entry := c.inProject(p.Entry)
	if !c.ctx.exists(entry) {
		return
	}
	if ex, _ := c.ignore.MatchesOrParentMatches(entry); !ex {
		return
	}
	for _, st := range c.stages {
		for _, cmd := range st.Commands {
			if cp, ok := cmd.(*instructions.CopyCommand); ok && copied([]instructions.Command{cp}, entry) {
				c.add(NestedSourcesIgnored, line(cmd), "COPY brings the project's sources, but "+filepath.Base(c.ignoreFile)+" excludes its entry "+entry+" (a committed source under a nested node_modules): exclude only the root node_modules (/node_modules)")
				return
			}
		}
	}
}

// ---- DG819: a peer conflict npm resolves only with --legacy-peer-deps ----

var (
	npmPeerInstallRe = command(`npm\s+(?:-\S+\s+)*(ci|install|i)(\s|$)`)
	legacyPeersRe    = regexp.MustCompile(`--legacy-peer-deps\b|--force\b|(?i)npm_config_legacy_peer_deps=\S*true|(?i)npm_config_force=\S*true`)
	npmrcLegacyRe    = regexp.MustCompile(`(?m)^\s*(legacy-peer-deps|force)\s*=\s*true\b`)
)

// lockPackage is a package-lock.json (v2, v3) entry.
type lockPackage struct {
	Version          string                             `json:"version"`
	PeerDependencies map[string]string                  `json:"peerDependencies"`
	PeerMeta         map[string]struct{ Optional bool } `json:"peerDependenciesMeta"`
}

// peerConflict is the first of the project's direct dependencies whose
// peer range admits no version of the major the lockfile holds for another
// direct dependency (react-tilt's peer react ^15 || ^16 against react 18):
// npm's resolver stops with ERESOLVE on such a conflict at the root.
func peerConflict(pj *pkgManifest, lock []byte) (dep, peer, rng, locked string) {
	var l struct {
		Packages map[string]lockPackage `json:"packages"`
	}
	if json.Unmarshal(lock, &l) != nil || len(l.Packages) == 0 {
		return
	}
	direct := func(name string) bool { return pj.Dependencies[name] != "" || pj.DevDependencies[name] != "" }
	var names []string
	for n := range pj.Dependencies {
		names = append(names, n)
	}
	for n := range pj.DevDependencies {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range slices.Compact(names) {
		e, ok := l.Packages["node_modules/"+n]
		if !ok {
			continue
		}
		peers := make([]string, 0, len(e.PeerDependencies))
		for p := range e.PeerDependencies {
			peers = append(peers, p)
		}
		slices.Sort(peers)
		for _, p := range peers {
			if !direct(p) || e.PeerMeta[p].Optional {
				continue
			}
			if _, nested := l.Packages["node_modules/"+n+"/node_modules/"+p]; nested {
				continue
			}
			t, ok := l.Packages["node_modules/"+p]
			if !ok {
				continue
			}
			major, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(t.Version, "v"), ".", 2)[0])
			if err != nil {
				continue
			}
			if in, parsed := kind.MajorInRange(e.PeerDependencies[p], major); parsed && !in {
				return n, p, e.PeerDependencies[p], t.Version
			}
		}
	}
	return
}

// checkPeerConflict: DG819 when npm installs (npm ci, npm install) a
// lockfile whose direct dependencies conflict on a peer (the lockfile was
// written with --legacy-peer-deps) and neither the command, the
// environment nor .npmrc says --legacy-peer-deps: npm stops with ERESOLVE.
func (c *checker) checkPeerConflict(pj *pkgManifest) {
	if pj == nil || len(pj.Overrides) > 0 {
		return
	}
	if rc, err := c.ctx.readFile(c.inProject(".npmrc")); err == nil && npmrcLegacyRe.Match(rc) {
		return
	}
	var lock []byte
	var dep, peer, rng, locked string
	for i, st := range c.stages {
		chain := c.stageChain(i)
		own := len(chain) - len(st.Commands)
		legacy := false
		for k, cmd := range chain {
			switch cmd := cmd.(type) {
			case *instructions.EnvCommand:
				for _, kv := range cmd.Env {
					legacy = legacy || legacyPeersRe.MatchString(kv.Key+"="+kv.Value)
				}
			case *instructions.RunCommand:
				text := strings.Join(cmd.CmdLine, " ")
				if k < own || legacy || legacyPeersRe.MatchString(text) || !npmPeerInstallRe.MatchString(text) {
					continue
				}
				if lock == nil {
					data, ok := c.ctx.readBounded(c.inProject("package-lock.json"), maxLockfile)
					if !ok {
						return
					}
					lock = data
					if dep, peer, rng, locked = peerConflict(pj, lock); dep == "" {
						return
					}
				}
				c.add(PeerDependencyConflict, line(cmd), strings.TrimLeft(npmPeerInstallRe.FindString(text), ";&|( ")+" resolves "+dep+"'s peer "+peer+" "+strconv.Quote(rng)+", but the lockfile holds "+peer+" "+locked+" (written with --legacy-peer-deps): npm stops with ERESOLVE")
				return
			}
		}
	}
}
