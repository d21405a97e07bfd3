package lint

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/safefs"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// Options say what to check a Dockerfile against.
type Options struct {
	Context string   // build context directory; "" skips the context rules
	Ignore  []string // rule IDs or BuildKit rule names to leave out
	Private []string // module path patterns the user says are private, as in GOPRIVATE (DG602)
	// Dockerfile is the Dockerfile's path on disk: BuildKit reads its own
	// PATH.dockerignore, when there is one, instead of the context's.
	Dockerfile string
}

// Limits on what lint checks. BuildKit's checks take time quadratic in
// the instructions of a Dockerfile (its state chain is walked per
// instruction), so a cap keeps every run fast; real Dockerfiles have a few
// hundred instructions at most.
const (
	MaxDockerfileBytes = 1 << 20
	MaxInstructions    = 2500
)

// Check runs BuildKit's build checks and dockgen's own rules on a
// Dockerfile. file names it in findings.
func Check(ctx context.Context, file string, data []byte, opts Options) ([]Finding, error) {
	if len(data) > MaxDockerfileBytes {
		return nil, fmt.Errorf("%d KiB: dockgen lint checks Dockerfiles of up to %d KiB", len(data)>>10, MaxDockerfileBytes>>10)
	}
	res, err := parser.Parse(bytes.NewReader(data))
	if err == nil && len(res.AST.Children) > MaxInstructions {
		return nil, fmt.Errorf("%d instructions: dockgen lint checks Dockerfiles of up to %d (split it into several files)", len(res.AST.Children), MaxInstructions)
	}
	out, err := BuildKit(ctx, file, data)
	if err != nil {
		return nil, err
	}
	if res == nil {
		return out, nil // BuildKit's checks above report the parse error
	}
	stages, metaArgs, err := instructions.Parse(res.AST, nil)
	if err != nil {
		return out, nil // BuildKit's checks above report the parse error
	}
	c := &checker{file: file, stages: stages, args: argDefaults(metaArgs), private: opts.Private, dockerfile: opts.Dockerfile}
	if opts.Context != "" {
		if c.ctx, err = openContext(opts.Context); err != nil {
			return nil, err
		}
		defer c.ctx.close()
		if err := c.loadContext(opts.Context, opts.Dockerfile); err != nil {
			return nil, err
		}
	}
	if err := c.run(); err != nil {
		return nil, err
	}
	out = append(out, c.found...)
	out = suppress(out, file, data, opts.Ignore)
	Sort(out)
	return out, nil
}

type checker struct {
	file       string
	stages     []instructions.Stage
	parents    []int // the earlier stage each stage is built FROM, -1 for an image
	args       map[string]string
	ctx        *buildContext // nil: no context rules
	ignore     *patternmatcher.PatternMatcher
	ignored    []string // raw .dockerignore patterns
	hasIgnFile bool
	private    []string
	found      []Finding

	ignoreFile string                         // the .dockerignore in use (or where it belongs), for findings
	goModFile  string                         // the context's go.mod, for findings
	gitignore  *patternmatcher.PatternMatcher // the context's .gitignore, as paths from its root
	goDirs     []string                       // per stage: the folder of the go.mod it builds
	goMods     map[string]goModInfo           // by folder
	hygiene    []hygieneState                 // per stage, for the stages built on it

	dockerfile  string          // the Dockerfile's path on disk ("" when read from stdin)
	proj        *detect.Project // see project(); nil when none
	projectDir  string          // its folder relative to the context ("." for the root)
	projectDone bool
}

func (c *checker) add(r Rule, line int, msg string) {
	c.found = append(c.found, c.finding(r, line, msg, c.file))
}

func (c *checker) finding(r Rule, ln int, msg, file string) Finding {
	return Finding{Rule: r.ID, Severity: r.Severity, Message: msg, Why: r.Why, Fix: r.Fix, File: file, Line: ln}
}

func line(cmd interface{ Location() []parser.Range }) int {
	if loc := cmd.Location(); len(loc) > 0 {
		return loc[0].Start.Line
	}
	return 0
}

func argDefaults(meta []instructions.ArgCommand) map[string]string {
	m := map[string]string{}
	for _, a := range meta {
		for _, kv := range a.Args {
			if kv.Value != nil {
				m[kv.Key] = strings.Trim(*kv.Value, `"'`) // ARG OS="linux"
			}
		}
	}
	return m
}

var varRe = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?`)

// expand substitutes global ARG defaults; ok is false when one is unknown.
func (c *checker) expand(s string) (string, bool) {
	ok := true
	out := varRe.ReplaceAllStringFunc(s, func(m string) string {
		name := varRe.FindStringSubmatch(m)[1]
		v, has := c.args[name]
		if !has {
			ok = false
		}
		return v
	})
	return out, ok
}

func (c *checker) run() error {
	names := map[string]int{} // earlier stages by lower-case name
	c.parents = make([]int, len(c.stages))
	c.goDirs = make([]string, len(c.stages))
	c.hygiene = make([]hygieneState, len(c.stages))
	for i, st := range c.stages {
		c.parents[i] = -1
		if j, ok := c.stageNamed(st.BaseName, names); ok {
			c.parents[i] = j
		}
		c.checkBase(st, names)
		c.checkStage(i, st, names)
		c.checkHygiene(i, st, i == len(c.stages)-1)
		c.checkStaticRoot(st)
		if st.Name != "" {
			names[strings.ToLower(st.Name)] = i
		}
	}
	if len(c.stages) > 0 {
		c.checkRuntime(len(c.stages) - 1)
	}
	if c.ctx != nil {
		if len(c.stages) > 0 {
			c.checkStart(len(c.stages) - 1)        // DG831, DG832
			c.checkRuntimeFiles(len(c.stages) - 1) // DG833, DG834
			c.checkOutside(len(c.stages) - 1)      // DG842
		}
		c.checkDockerignore()
		c.checkPython()
		c.checkBuildSteps()
		if err := c.checkGoModules(); err != nil {
			return err
		}
		c.checkProjectInstall()
		c.checkBuildEnv() // DG841
	}
	return nil
}

// checkBase: DG301 for an image that is neither a stage nor pinned.
// stageNamed: the earlier stage FROM names, also through global ARG
// defaults (ARG INCLUDE_DB=false ... FROM local_db_${INCLUDE_DB}).
func (c *checker) stageNamed(base string, names map[string]int) (int, bool) {
	if j, ok := names[strings.ToLower(base)]; ok {
		return j, true
	}
	if ref, ok := c.expand(base); ok {
		j, ok := names[strings.ToLower(ref)]
		return j, ok
	}
	return 0, false
}

func (c *checker) checkBase(st instructions.Stage, names map[string]int) {
	if _, isStage := c.stageNamed(st.BaseName, names); isStage || strings.EqualFold(st.BaseName, "scratch") {
		return
	}
	ref, ok := c.expand(st.BaseName)
	// A default that names another variable (ARG FLAVOR=${TARGETARCH}) or
	// a bash substitution stays unknown: nothing to say about its tag.
	if !ok || strings.Contains(ref, "$") {
		return
	}
	ln := 0
	if len(st.Location) > 0 {
		ln = st.Location[0].Start.Line
	}
	name := ref
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	switch {
	case strings.Contains(ref, "@sha256:"):
	case !strings.Contains(name, ":"):
		c.add(BaseUnpinned, ln, "base image "+ref+" has no tag")
	case strings.HasSuffix(name, ":latest"):
		c.add(BaseUnpinned, ln, "base image "+ref+" uses :latest")
	}
}

var (
	// A downloaded script run unseen: piped into a shell or interpreter
	// (also through sudo -E or env: curl ... | python3 -), or run from a
	// command substitution (sh -c "$(curl ...)", bash <(curl ...)).
	curlShRe = regexp.MustCompile(`(curl|wget)\b[^|;&]*\|\s*(sudo(\s+-[A-Za-z]+)*\s+)?(env\s+)?((ba|z|da|k|fi)?sh|python[0-9.]*|perl|ruby|node|php)\b` +
		`|\b((ba|z|da|k)?sh\s+(-[a-z]+\s+)*|eval\s+|source\s+|\.\s+)["']?(\$\(|<\(|` + "`" + `)\s*(curl|wget)\b`)
	secretFiles = []string{".npmrc", ".pypirc", ".netrc", ".env", "id_rsa", "id_ed25519", "credentials", ".git-credentials"}
	credURLRe   = regexp.MustCompile(`[a-z][a-z0-9+.-]*://[^/\s:@'"]+:[^/\s@'"$]+@`)
	// Verification off: GOSUMDB=off, GOINSECURE, -insecure anywhere in
	// GOFLAGS, or GOPRIVATE/GONOSUMDB patterns that match every module.
	goInsecureRe = regexp.MustCompile(`GOSUMDB=["']?off\b|GOINSECURE=\S|GOFLAGS=("[^"]*|'[^']*|\S*)-insecure|GONOSUMCHECK=|(GONOSUMDB|GOPRIVATE)=["']?\*(\.\*)?(["',\s/]|$)`)
)

func (c *checker) checkStage(idx int, st instructions.Stage, earlier map[string]int) {
	copiedAll := 0                     // line of a COPY of the whole context in this stage
	depsFirst := false                 // a dependency download ran before that COPY
	goDir := ""                        // the folder of the go.mod the stage builds ("" unknown)
	pkgJSON := ""                      // the package.json the stage copied
	noScripts := false                 // npm_config_ignore_scripts is set
	dropped := map[string]bool{}       // lifecycle hooks a RUN deleted from the copied package.json
	copiedMore := false                // a COPY of more than the manifests: what the scripts need
	copiedFiles := map[string]string{} // context path of each file COPY named, by base name ("" after --chmod)
	if p := c.parents[idx]; p >= 0 {
		goDir = c.goDirs[p]
	}
	for _, cmd := range st.Commands {
		switch cmd := cmd.(type) {
		case *instructions.ArgCommand:
			for _, kv := range cmd.Args {
				if secretName(kv.Key) {
					c.add(SecretInArgEnv, line(cmd), "ARG "+kv.Key+" looks like a credential")
				}
				if kv.Value != nil && goInsecureRe.MatchString(kv.Key+"="+*kv.Value) {
					c.add(GoVerificationOff, line(cmd), "ARG "+kv.Key+"="+*kv.Value)
				}
				if kv.Value != nil && credURLRe.MatchString(*kv.Value) {
					c.add(CredentialsInURL, line(cmd), "ARG "+kv.Key+" holds a URL with a password")
				}
			}
		case *instructions.EnvCommand:
			for _, kv := range cmd.Env {
				if strings.EqualFold(kv.Key, "npm_config_ignore_scripts") && kv.Value == "true" {
					noScripts = true
				}
				// ENV KEY="" keeps nothing in the metadata: a placeholder
				// the container's environment fills at run time.
				if secretName(kv.Key) && strings.Trim(kv.Value, `"'`) != "" {
					c.add(SecretInArgEnv, line(cmd), "ENV "+kv.Key+" looks like a credential")
				}
				if goInsecureRe.MatchString(kv.Key + "=" + kv.Value) {
					c.add(GoVerificationOff, line(cmd), "ENV "+kv.Key+"="+kv.Value)
				}
				if credURLRe.MatchString(kv.Value) {
					c.add(CredentialsInURL, line(cmd), "ENV "+kv.Key+" holds a URL with a password")
				}
			}
		case *instructions.RunCommand:
			text := strings.Join(cmd.CmdLine, " ")
			if curlShRe.MatchString(text) {
				c.add(CurlPipeShell, line(cmd), "a downloaded script is piped into a shell")
			}
			c.checkScriptMode(line(cmd), text, copiedFiles, copiedAll > 0)
			if m := goInsecureRe.FindString(text); m != "" {
				c.add(GoVerificationOff, line(cmd), m)
			}
			if credURLRe.MatchString(text) {
				c.add(CredentialsInURL, line(cmd), "a URL with a password in RUN")
			}
			if len(cmd.Files) > 0 {
				c.add(PortabilityHeredoc, line(cmd), "RUN with a heredoc")
			}
			if instructions.GetNetwork(cmd) != instructions.NetworkDefault {
				c.add(PortabilityRunNetwork, line(cmd), "RUN --network="+instructions.GetNetwork(cmd))
			}
			// Mount options are parsed when the command is expanded; the
			// words are kept as written.
			_ = cmd.Expand(func(w string) (string, error) { return w, nil })
			mounts := instructions.GetMounts(cmd)
			fetches := downloads(text)
			for _, h := range droppedHooks(text) {
				dropped[h] = true
			}
			if ic, m, ok := matchInstall(text); ok {
				cached := slices.ContainsFunc(mounts, func(m *instructions.Mount) bool { return m.Type == instructions.MountTypeCache })
				if !cached && !strings.Contains(text, "--no-cache-dir") && !(ic.GoModules && c.goFetchesNothing(goDir, text)) {
					c.add(InstallWithoutCache, line(cmd), m+" without a cache mount")
				}
				if ic.Scripts && copiedAll == 0 && !copiedMore && pkgJSON != "" && !noScripts && !strings.Contains(text, "--ignore-scripts") && !bindsContext(mounts) {
					if scripts := c.lifecycleScripts(pkgJSON, dropped); len(scripts) > 0 {
						c.add(InstallScriptsBeforeSources, line(cmd), m+" runs "+pkgJSON+"'s "+strings.Join(scripts, ", ")+" before the sources are copied")
					}
				}
				if copiedAll > 0 && !depsFirst && fetches && !strings.Contains(text, "--no-deps") {
					c.add(InstallAfterSources, line(cmd), m+" runs after the whole context was copied (line "+strconv.Itoa(copiedAll)+")")
				}
			}
			if copiedAll == 0 && fetches && !toolingOnlyRe.MatchString(text) {
				depsFirst = true // dependencies resolved before the sources: later RUNs are builds
			}
			for _, m := range mounts {
				if m.Type == instructions.MountTypeBind && m.From == "" && m.Source != "" {
					c.checkSource(line(cmd), m.Source, "bind mount", false)
				}
			}
		case *instructions.CopyCommand:
			if cmd.Link {
				c.add(PortabilityCopyLink, line(cmd), "COPY --link")
			}
			if len(cmd.ExcludePatterns) > 0 {
				c.add(PortabilityCopyExclude, line(cmd), "COPY --exclude")
			}
			if len(cmd.SourceContents) > 0 {
				c.add(PortabilityHeredoc, line(cmd), "COPY with a heredoc")
			}
			if cmd.From == "" {
				for _, src := range cmd.SourcePaths {
					if clean, _ := clampSource(src); !hasGlobMeta(clean) {
						copiedFiles[path.Base(clean)] = clean
						if cmd.Chmod != "" {
							copiedFiles[path.Base(clean)] = ""
						}
					}
				}
				c.checkSources(line(cmd), cmd.SourcePaths, cmd.DestPath, &copiedAll)
				goDir = c.goDirOf(cmd.SourcePaths, goDir)
				for _, src := range cmd.SourcePaths {
					if clean, _ := clampSource(src); path.Base(clean) == "package.json" || path.Base(clean) == "package*.json" {
						pkgJSON = path.Join(path.Dir(clean), "package.json")
					} else if !installInput(clean) {
						copiedMore = true
					}
				}
			} else if !knownFrom(cmd.From, idx, earlier) {
				c.add(CopyFromUnknown, line(cmd), "--from="+cmd.From+" is not an earlier stage")
			}
		case *instructions.AddCommand:
			if cmd.Checksum != "" {
				c.add(PortabilityAddChecksum, line(cmd), "ADD --checksum")
			}
			if cmd.Link {
				c.add(PortabilityCopyLink, line(cmd), "ADD --link")
			}
			var local []string
			for _, s := range cmd.SourcePaths {
				if !strings.Contains(s, "://") && !strings.HasPrefix(s, "git@") {
					local = append(local, s)
				}
			}
			c.checkSources(line(cmd), local, cmd.DestPath, &copiedAll)
		}
	}
	c.goDirs[idx] = goDir
}

// secretName: an ARG/ENV name one of whose words (split at _ and - and
// camelCase) names a credential. Whole words only: AUTHOR and
// TOKENIZERS_PARALLELISM are not secrets; a word saying the value is a
// reference (FILE, PATH, URL, ...) makes the name none.
func secretName(name string) bool {
	switch strings.ToUpper(name) {
	case "GOPRIVATE", "GONOSUMDB", "GONOPROXY", "GOAUTH":
		return false
	}
	words := nameWords(name)
	secret := false
	for i, w := range words {
		switch w {
		case "pass", "password", "passwd", "pwd", "pword", "secret", "secrets", "token", "apikey", "credential", "credentials", "auth", "privatekey", "accesskey", "secretkey":
			secret = true
		case "key":
			if i > 0 && slices.Contains([]string{"api", "private", "access", "secret", "signing", "encryption"}, words[i-1]) {
				secret = true
			}
		}
	}
	if !secret {
		return false
	}
	last := words[len(words)-1]
	return !slices.Contains([]string{"file", "path", "dir", "url", "uri", "host", "user", "username", "id", "name", "version", "public", "enabled", "type", "header", "endpoint", "arn"}, last)
}

// nameWords splits DB_PASSWORD, db-password and dbPassword into lower-case words.
func nameWords(name string) []string {
	var words []string
	cur := []rune{}
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case r == '_' || r == '-' || r == '.':
			flush()
			continue
		case i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	if len(words) == 0 {
		words = []string{""}
	}
	return words
}

// knownFrom: an earlier stage by name or index, or something that reads as
// an image reference (registry, namespace, tag or digest).
func knownFrom(from string, idx int, earlier map[string]int) bool {
	if strings.ContainsAny(from, "/:.@$") {
		return true
	}
	if _, ok := earlier[strings.ToLower(from)]; ok {
		return true
	}
	n, err := strconv.Atoi(from)
	return err == nil && n >= 0 && n < idx && strconv.Itoa(n) == from
}

func (c *checker) checkSources(ln int, sources []string, dest string, copiedAll *int) {
	for _, s := range sources {
		clean, _ := clampSource(s)
		if clean == "." {
			if *copiedAll == 0 {
				*copiedAll = ln
			}
			continue
		}
		if c.secretFile(clean, dest) {
			c.add(SecretFileCopied, ln, "COPY of "+clean+" puts credentials in a layer")
		}
		// BuildKit accepts a wildcard that matches nothing when the COPY
		// has other sources (COPY package.json yarn.lock* ./).
		optional := hasGlobMeta(s) && len(sources) > 1
		c.checkSource(ln, s, "COPY source", optional)
	}
}

func hasGlobMeta(s string) bool { return strings.ContainsAny(s, "*?[") }

// trustStores are the folders update-ca-certificates (and the like) read:
// a certificate copied there is public, not a secret (what BL106 advises).
var trustStores = []string{"/usr/local/share/ca-certificates", "/usr/share/ca-certificates", "/etc/ssl/certs", "/etc/ca-certificates", "/etc/pki/ca-trust/source/anchors", "/etc/pki/trust/anchors", "/usr/share/pki/trust/anchors"}

// secretFile: a copied file that holds credentials. A .pem holds a private
// key when it says so; one that holds certificates only, or goes to a trust
// store, is public.
func (c *checker) secretFile(src, dest string) bool {
	switch {
	case slices.Contains(secretFiles, path.Base(src)):
		return c.holdsCredentials(src)
	case strings.HasSuffix(src, ".key"), c.settingsWithPassword(src):
		return true
	case strings.HasSuffix(src, ".pem"):
		if c.ctx != nil {
			if data, err := c.ctx.readFile(src); err == nil {
				return bytes.Contains(data, []byte("PRIVATE KEY"))
			}
		}
		d := path.Clean("/" + dest)
		return !slices.ContainsFunc(trustStores, func(t string) bool { return d == t || strings.HasPrefix(d, t+"/") })
	}
	return false
}

var (
	// Settings that hold a credential in .npmrc, .pypirc and .netrc.
	rcCredentialRe = regexp.MustCompile(`(?im)(_auth|_authtoken|_password|password|token)\s*[=:]|^\s*(machine|default)\b.*\bpassword\b`)
	flagValueRe    = regexp.MustCompile(`(?i)^(true|false|yes|no|on|off|[0-9]+)$`)
	envLineRe      = regexp.MustCompile(`(?m)^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$`)
)

// holdsCredentials: a file named like a credential store (.npmrc, .env
// ...) that holds one. Only a file in the context can be read; one that is
// not, or a key file (id_rsa, credentials), is taken to hold one. An .npmrc
// of settings only (auto-install-peers=true) or a committed .env of empty
// placeholders (OPENAI_API_KEY=#your key) puts no secret in a layer.
func (c *checker) holdsCredentials(src string) bool {
	base := path.Base(src)
	env := base == ".env" || strings.HasPrefix(base, ".env.")
	if c.ctx == nil || !(env || slices.Contains([]string{".npmrc", ".pypirc", ".netrc"}, base)) {
		return true
	}
	data, err := c.ctx.readFile(src)
	if err != nil {
		return true
	}
	if !env {
		return rcCredentialRe.Match(data)
	}
	for _, m := range envLineRe.FindAllSubmatch(data, -1) {
		v := strings.TrimSpace(string(m[2]))
		if strings.HasPrefix(v, "#") {
			continue // KEY= # comment: empty
		}
		if v = strings.Trim(v, `"'`); v == "" || flagValueRe.MatchString(v) {
			continue // empty, or a switch (USE_USER_TOKEN=false)
		}
		if secretName(string(m[1])) || credURLRe.MatchString(v) {
			return true
		}
	}
	return false
}

// settingsWithPassword: a Maven settings.xml in the context that holds a
// password. Only the context is read: a source that climbs out of it is
// clamped first, as BuildKit does.
func (c *checker) settingsWithPassword(src string) bool {
	if path.Base(src) != "settings.xml" || c.ctx == nil {
		return false
	}
	data, err := c.ctx.readFile(src)
	return err == nil && bytes.Contains(data, []byte("<password>"))
}

// checkSource: DG101/DG102/DG105/DG106 for one source path, resolved
// inside the context as BuildKit resolves it. optional: a wildcard BuildKit
// lets match nothing.
func (c *checker) checkSource(ln int, src, what string, optional bool) {
	if c.ctx == nil || strings.Contains(src, "$") {
		return
	}
	clean, escapes := clampSource(src)
	if escapes {
		c.add(CopySourceOutsideContext, ln, what+" "+src+" climbs out of the build context: BuildKit resolves it inside the context, as "+clean)
		return
	}
	if len(c.ctx.glob(clean)) == 0 {
		switch cmd, ok := c.buildOutput(clean); {
		case optional:
		case ok:
			c.add(CopySourceBuildOutput, ln, what+" "+clean+" is a build output that is not built yet: run "+cmd+" first")
		default:
			c.add(CopySourceMissing, ln, what+" "+clean+" is not in the build context")
		}
		return
	}
	if c.ignore != nil {
		if excluded, _ := c.ignore.MatchesOrParentMatches(clean); excluded {
			c.add(CopySourceIgnored, ln, what+" "+clean+" is excluded by .dockerignore")
		} else if c.emptiedByIgnore(clean) {
			c.add(CopySourceIgnored, ln, what+" "+clean+"/ is emptied by .dockerignore: it excludes every file in it")
		}
	}
}

// emptiedByIgnore: a copied folder whose every entry .dockerignore
// excludes (app/* when the Dockerfile copies app/). Only folders that a
// pattern names inside are listed, and at most 1000 entries of each.
func (c *checker) emptiedByIgnore(dir string) bool {
	if hasGlobMeta(dir) || !slices.ContainsFunc(c.ignored, func(p string) bool { return strings.HasPrefix(path.Clean(p), dir+"/") }) {
		return false
	}
	f, err := c.ctx.root.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	entries, err := f.ReadDir(1000)
	if err != nil || len(entries) == 0 {
		return false
	}
	for _, e := range entries {
		if excluded, _ := c.ignore.MatchesOrParentMatches(dir + "/" + e.Name()); !excluded {
			return false
		}
	}
	return true
}

// buildOutput: the build that makes a missing source, when it lies in a
// build tool's output folder or is gitignored (so a build makes it).
func (c *checker) buildOutput(src string) (string, bool) {
	if cmd, ok := c.ctx.buildOutput(src); ok {
		return cmd, true
	}
	if c.gitignore != nil {
		if ignored, _ := c.gitignore.MatchesOrParentMatches(src); ignored {
			return "the project's build (it is in .gitignore, so a build makes it)", true
		}
	}
	base := path.Base(src)
	// A Java archive named ARTIFACT-VERSION (mall-1.0-SNAPSHOT.jar) is what
	// mvn package / gradle build write; a Dockerfile that ADDs one by that
	// name expects it copied next to it. (app.jar is only a name.)
	if m := versionedArchiveRe.FindStringSubmatch(base); m != nil {
		return "the project's Java build (mvn package or gradle build) and copy the " + m[3] + " here", true
	}
	if c.goreleaserBinary(base) {
		return "goreleaser (it builds the binary into the Docker build context)", true
	}
	// .env.production made from .env.production.example by a setup step.
	for _, suffix := range []string{".example", ".sample", ".template", ".dist"} {
		for _, pat := range []string{src, "*/" + base, "*/*/" + base} {
			if m := c.ctx.glob(pat + suffix); len(m) > 0 {
				return "the setup that creates it from " + m[0] + " (cp " + m[0] + " " + src + ")", true
			}
		}
	}
	return "", false
}

var versionedArchiveRe = regexp.MustCompile(`^[A-Za-z][\w.-]*-\d+(\.\d+)*([.-][A-Za-z0-9]+)*\.(jar|war|ear)$`)

var goreleaserBinaryRe = regexp.MustCompile(`(?m)^\s*(?:-\s+)?binary:\s*["']?([^"'\s#]+)`)

// goreleaserBinary: the context holds a goreleaser config that builds a
// binary of this name and builds Docker images: goreleaser puts the binary
// into the Docker build context it makes.
func (c *checker) goreleaserBinary(name string) bool {
	for _, f := range []string{".goreleaser.yml", ".goreleaser.yaml", "goreleaser.yml", "goreleaser.yaml"} {
		data, err := c.ctx.readFile(f)
		if err != nil || !regexp.MustCompile(`(?m)^(dockers|dockers_v2):`).Match(data) {
			continue
		}
		for _, m := range goreleaserBinaryRe.FindAllSubmatch(data, -1) {
			if string(m[1]) == name {
				return true
			}
		}
	}
	return false
}

// loadContext reads the ignore file BuildKit uses: DOCKERFILE.dockerignore
// next to the Dockerfile, else the context's .dockerignore; and the
// context's .gitignore.
func (c *checker) loadContext(dir, dockerfile string) error {
	if data, err := c.ctx.readFile(".gitignore"); err == nil {
		c.gitignore = gitignoreMatcher(data)
	}
	c.ignoreFile = filepath.ToSlash(filepath.Join(dir, ".dockerignore"))
	c.goModFile = filepath.ToSlash(filepath.Join(dir, "go.mod"))
	data, err := c.ctx.readFile(".dockerignore")
	if dockerfile != "" {
		own, err2 := readBeside(dockerfile, ".dockerignore")
		switch {
		case err2 == nil:
			c.ignoreFile, data, err = filepath.ToSlash(dockerfile+".dockerignore"), own, nil
		case !errors.Is(err2, fs.ErrNotExist):
			return err2
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	pats, err := ignorefile.ReadAll(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", c.ignoreFile, err)
	}
	c.hasIgnFile, c.ignored = true, pats
	c.ignore, err = patternmatcher.New(pats)
	if err != nil {
		return fmt.Errorf("%s: %w", c.ignoreFile, err)
	}
	return nil
}

// readBeside reads FILE+suffix (a regular file, bounded) in FILE's folder.
func readBeside(file, suffix string) ([]byte, error) {
	dir, err := openContext(filepath.Dir(file))
	if err != nil {
		return nil, err
	}
	defer dir.close()
	return dir.readFile(filepath.Base(file) + suffix)
}

// placeholderEnv are .env files that hold placeholders, meant to be
// committed and sometimes read by the app: not secrets.
var placeholderEnv = []string{".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults"}

// placeholderSuffix: .env.development.example and the like hold
// placeholders, as .env.example does.
func placeholderSuffix(p string) bool {
	for _, s := range []string{".example", ".sample", ".template", ".dist", ".defaults"} {
		if strings.HasSuffix(p, s) {
			return true
		}
	}
	return false
}

// checkDockerignore: DG103 for sensitive paths that exist and are not
// excluded, unless .dockerignore re-includes them with ! on purpose.
func (c *checker) checkDockerignore() {
	sensitive := []string{".git", ".env", "node_modules", ".npmrc", ".netrc", "id_rsa", "id_ed25519", ".aws", ".ssh"}
	for _, pat := range []string{"*.pem", "*.key", ".env.*"} {
		sensitive = append(sensitive, c.ctx.glob(pat)...)
	}
	reincluded := c.reincludes()
	for _, p := range sensitive {
		if slices.Contains(placeholderEnv, p) || placeholderSuffix(p) || !c.ctx.exists(p) {
			continue
		}
		// .npmrc of settings, .env.staging of public VUE_APP_ values: no
		// credential leaks, and the build may need them.
		if !c.holdsCredentials(p) {
			continue
		}
		excluded := false
		if c.ignore != nil {
			excluded, _ = c.ignore.MatchesOrParentMatches(p)
		}
		if excluded {
			continue
		}
		if reincluded != nil {
			if again, _ := reincluded.MatchesOrParentMatches(p); again {
				continue // "!.npmrc": the build needs it, and the author said so
			}
		}
		msg := p + " is in the build context"
		if !c.hasIgnFile {
			msg += " and there is no .dockerignore"
		}
		c.found = append(c.found, c.finding(DockerignoreLeak, 0, msg, c.ignoreFile))
	}
}

// reincludes matches the paths .dockerignore re-includes with "!".
func (c *checker) reincludes() *patternmatcher.PatternMatcher {
	var pats []string
	for _, p := range c.ignored {
		if strings.HasPrefix(p, "!") {
			pats = append(pats, strings.TrimPrefix(p, "!"))
		}
	}
	if len(pats) == 0 {
		return nil
	}
	m, err := patternmatcher.New(pats)
	if err != nil {
		return nil
	}
	return m
}

// checkRuntime: DG201-DG203 on the final stage (following stage bases).
func (c *checker) checkRuntime(last int) {
	st := c.stages[last]
	ln := 0
	if len(st.Location) > 0 {
		ln = st.Location[0].Start.Line
	}
	// The last USER of the final stage, else of the stages it is built on;
	// the image it finally starts from decides the rest.
	user, userLine := "", 0
	i := last
	for {
		if user == "" {
			for _, cmd := range c.stages[i].Commands {
				if u, ok := cmd.(*instructions.UserCommand); ok {
					user, userLine = u.User, line(u) // the stage's last USER
				}
			}
		}
		if c.parents[i] < 0 {
			break
		}
		i = c.parents[i]
	}
	base := c.stages[i].BaseName
	ref, _ := c.expand(base)
	if toolchainImage(ref) {
		c.add(RuntimeToolchain, ln, "the final stage runs on "+ref)
	}
	c.checkExpose(last, ln)
	c.checkLoopback(last)
	if user == "" {
		if !nonRootImage(base) && !nonRootImage(ref) && !c.contextImageNonRoot(ref) {
			c.add(RuntimeRoot, ln, "the final stage sets no USER, so it runs as root")
		}
		return
	}
	name, _, _ := strings.Cut(user, ":")
	switch {
	case name == "root" || name == "0":
		c.add(RuntimeRoot, userLine, "USER "+user+" is root")
	case !isNumber(name) && !strings.Contains(name, "$"):
		c.add(RuntimeUserName, userLine, "USER "+user+" is a name")
	}
}

// contextImageNonRoot: the base image is built from a Dockerfile in the
// context (NAME/Dockerfile, Dockerfile.NAME or NAME.Dockerfile for an
// image .../NAME) whose final stage ends with a non-root USER.
func (c *checker) contextImageNonRoot(ref string) bool {
	if c.ctx == nil {
		return false
	}
	repo, _ := splitImage(ref)
	name := path.Base(repo)
	if name == "." || name == "/" || name == "" {
		return false
	}
	for _, f := range []string{name + "/Dockerfile", "Dockerfile." + name, name + ".Dockerfile", "docker/" + name + "/Dockerfile"} {
		data, err := c.ctx.readFile(f)
		if err != nil {
			continue
		}
		res, err := parser.Parse(bytes.NewReader(data))
		if err != nil {
			continue
		}
		stages, _, err := instructions.Parse(res.AST, nil)
		if err != nil || len(stages) == 0 {
			continue
		}
		user := ""
		for _, cmd := range stages[len(stages)-1].Commands {
			if u, ok := cmd.(*instructions.UserCommand); ok {
				user = u.User
			}
		}
		name, _, _ := strings.Cut(user, ":")
		return name != "" && name != "root" && name != "0"
	}
	return false
}

// checkLoopback: DG205 when the final stage's start command listens on
// loopback only. The nearest ENTRYPOINT and CMD of the stage chain count,
// as in the image.
func (c *checker) checkLoopback(last int) {
	all, ln, env := c.startCommand(last)
	if why := loopbackOnly(all, env); why != "" {
		c.add(RuntimeLoopback, ln, why)
	}
	if why := c.devServer(all); why != "" {
		c.add(RuntimeDevServer, ln, why)
	}
}

// devServerRe: commands that start a development server, not a
// production one.
var devServerRe = regexp.MustCompile(`(^|[\s;&|/])(astro\s+dev|gatsby\s+develop|next\s+dev|nuxt\s+dev|nuxi\s+dev|vite(\s+(serve|dev))?(\s+--\S+)*\s*$|vite\s+--|ng\s+serve|react-scripts\s+start|vue-cli-service\s+serve|nx\s+serve|eleventy\s+--serve|webpack\s+serve|webpack-dev-server|nodemon|ts-node-dev|remix\s+dev|svelte-kit\s+dev)\b`)

// devServer says which development server the start command runs, also
// through the package.json script that npm/yarn/pnpm start runs.
func (c *checker) devServer(words []string) string {
	text := strings.Join(words, " ")
	if m := devServerRe.FindString(text); m != "" {
		return "the container starts a development server: " + strings.TrimSpace(m)
	}
	if len(words) < 2 || c.ctx == nil || !slices.Contains([]string{"npm", "yarn", "pnpm", "bun"}, path.Base(words[0])) {
		return ""
	}
	script := words[1]
	if script == "run" || script == "run-script" {
		if len(words) < 3 {
			return ""
		}
		script = words[2]
	}
	data, err := c.ctx.readFile("package.json")
	if err != nil {
		return ""
	}
	var pkg struct {
		Scripts map[string]string `json:"scripts"`
	}
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &pkg) != nil {
		return ""
	}
	if s := pkg.Scripts[script]; s != "" {
		if m := devServerRe.FindString(s); m != "" {
			return strings.Join(words, " ") + " runs package.json's " + script + " (" + strconv.Quote(s) + "), a development server"
		}
	}
	return ""
}

// words splits a CMD/ENTRYPOINT into words (a shell form by spaces).
func words(cmdLine []string, shell bool) []string {
	if shell {
		return strings.Fields(strings.Join(cmdLine, " "))
	}
	return cmdLine
}

// checkExpose: DG204 when the final stage starts something and no stage it
// is built from declares a port.
func (c *checker) checkExpose(last, ln int) {
	starts, exposes := false, false
	for i := last; i >= 0; {
		for _, cmd := range c.stages[i].Commands {
			switch cmd.(type) {
			case *instructions.CmdCommand, *instructions.EntrypointCommand:
				starts = true
			case *instructions.ExposeCommand:
				exposes = true
			}
		}
		i = c.parents[i]
	}
	if starts && !exposes {
		c.add(RuntimeNoExpose, ln, "the final stage has CMD/ENTRYPOINT but no EXPOSE")
	}
}

func isNumber(s string) bool {
	_, err := strconv.ParseUint(s, 10, 32)
	return err == nil
}

var ignoreCommentRe = regexp.MustCompile(`^\s*#\s*dockgen:ignore\s+([A-Za-z0-9_, -]+)`)

// suppress drops findings of ignored rules: from opts, or from a
// "# dockgen:ignore RULE" comment on the line above the finding.
func suppress(fs []Finding, file string, data []byte, ignore []string) []Finding {
	lines := strings.Split(string(data), "\n")
	var out []Finding
	for _, f := range fs {
		if slices.Contains(ignore, f.Rule) {
			continue
		}
		if f.File == file && f.Line >= 2 && f.Line-2 < len(lines) {
			if m := ignoreCommentRe.FindStringSubmatch(lines[f.Line-2]); m != nil {
				if slices.Contains(strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' }), f.Rule) {
					continue
				}
			}
		}
		out = append(out, f)
	}
	return out
}

// ReadDockerfile reads the Dockerfile to check: a regular file of at most
// MaxDockerfileBytes.
func ReadDockerfile(file string) ([]byte, error) {
	data, err := safefs.ReadPath(file, MaxDockerfileBytes)
	var se *safefs.Error
	switch {
	case errors.As(err, &se) && errors.Is(err, safefs.ErrTooLarge):
		return nil, fmt.Errorf("%s is larger than %d KiB; dockgen lint checks Dockerfiles up to %d KiB", file, MaxDockerfileBytes>>10, MaxDockerfileBytes>>10)
	case errors.As(err, &se) && errors.Is(err, safefs.ErrNotRegular):
		return nil, fmt.Errorf("reading the Dockerfile: %s is %s, not a regular file", file, se.Detail)
	case err != nil:
		return nil, fmt.Errorf("reading the Dockerfile: %w", err)
	}
	return data, nil
}

// lifecycleHooks run the project's own scripts on npm ci/install (also
// pnpm, yarn and bun for the root project).
var lifecycleHooks = []string{"preinstall", "install", "postinstall", "prepare"}

// dropScriptsRe is a RUN that deletes scripts from package.json before an
// install (npm pkg delete scripts.prepare, a node/jq edit of .scripts).
var dropScriptsRe = regexp.MustCompile(`npm pkg delete\s+scripts\.|package\.json[^\n]*\b(delete|del)\b[^\n]*scripts|\b(delete|del)\b[^\n]*scripts[^\n]*package\.json`)

// droppedHooks are the lifecycle hooks a RUN removes from package.json: each
// hook the editing command names ("prepare", scripts.prepare).
func droppedHooks(text string) []string {
	if !dropScriptsRe.MatchString(text) {
		return nil
	}
	var out []string
	for _, h := range lifecycleHooks {
		if regexp.MustCompile(`["'.]` + h + `["'\s]|scripts\.` + h + `\b`).MatchString(text) {
			out = append(out, h)
		}
	}
	return out
}

// lifecycleScripts lists the hooks package.json defines, with their text.
func (c *checker) lifecycleScripts(pkgJSON string, dropped map[string]bool) []string {
	if c.ctx == nil {
		return nil
	}
	data, err := c.ctx.readFile(pkgJSON)
	if err != nil {
		return nil
	}
	var pkg struct {
		Scripts map[string]string `json:"scripts"`
	}
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &pkg) != nil {
		return nil
	}
	var out []string
	for _, h := range lifecycleHooks {
		if s, ok := pkg.Scripts[h]; ok && strings.TrimSpace(s) != "" && !dropped[h] {
			out = append(out, h+" ("+strconv.Quote(s)+")")
		}
	}
	return out
}

var dotSlashRe = regexp.MustCompile(`(?:^|[;&|(]\s*|\s(?:then|do|exec)\s+)\./([A-Za-z0-9_.-]+)`)

// checkScriptMode: DG109 for RUN ./NAME when NAME was copied from the
// context (by name, or with the whole context) without its executable bit
// and the RUN does not chmod it first.
func (c *checker) checkScriptMode(ln int, text string, copied map[string]string, copiedAll bool) {
	if c.ctx == nil {
		return
	}
	for _, m := range dotSlashRe.FindAllStringSubmatch(strings.TrimSpace(text), -1) {
		name := m[1]
		src, ok := copied[name]
		if !ok && copiedAll {
			src, ok = name, true
		}
		if !ok || src == "" || strings.Contains(text, "chmod") {
			continue
		}
		fi, err := c.ctx.root.Stat(src)
		if err != nil || !fi.Mode().IsRegular() || fi.Mode()&0o111 != 0 {
			continue
		}
		c.add(ScriptNotExecutable, ln, "./"+name+" is not executable in the build context (mode "+fmt.Sprintf("%04o", fi.Mode().Perm())+"): /bin/sh: ./"+name+": Permission denied")
	}
}

// installInput: a file a Node install reads itself (manifests, lockfiles,
// registry settings), as opposed to files the project's scripts use.
func installInput(src string) bool {
	if src == ".yarn" || strings.HasPrefix(src, ".yarn/") { // Yarn's releases and plugins
		return true
	}
	switch base := path.Base(src); {
	case strings.HasPrefix(base, "package") && strings.HasSuffix(base, ".json"),
		strings.HasPrefix(base, "yarn.lock"), strings.HasPrefix(base, "pnpm-lock"), strings.HasPrefix(base, "bun.lock"),
		base == "pnpm-workspace.yaml", base == "npm-shrinkwrap.json", base == ".npmrc", base == ".yarnrc", base == ".yarnrc.yml",
		base == ".nvmrc", base == ".node-version", base == ".yarn", base == "turbo.json", base == "lerna.json", base == "nx.json":
		return true
	}
	return false
}

// bindsContext: a RUN that bind-mounts the whole context sees the sources.
func bindsContext(mounts []*instructions.Mount) bool {
	return slices.ContainsFunc(mounts, func(m *instructions.Mount) bool {
		return m.Type == instructions.MountTypeBind && m.From == "" && (m.Source == "" || m.Source == ".")
	})
}
