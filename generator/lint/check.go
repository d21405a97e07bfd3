package lint

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// Options say what to check a Dockerfile against.
type Options struct {
	Context string   // build context directory; "" skips the context rules
	Ignore  []string // rule IDs or BuildKit rule names to leave out
	Private []string // module path prefixes the user says are private (DG602)
}

// Check runs BuildKit's build checks and dockgen's own rules on a
// Dockerfile. file names it in findings.
func Check(ctx context.Context, file string, data []byte, opts Options) ([]Finding, error) {
	out, err := BuildKit(ctx, file, data)
	if err != nil {
		return nil, err
	}
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	stages, metaArgs, err := instructions.Parse(res.AST, nil)
	if err != nil {
		return out, nil // BuildKit's checks above report the parse error
	}
	c := &checker{file: file, stages: stages, args: argDefaults(metaArgs), ctxDir: opts.Context, private: opts.Private}
	if opts.Context != "" {
		c.loadContext()
	}
	c.run()
	out = append(out, c.found...)
	out = suppress(out, data, opts.Ignore)
	Sort(out)
	return out, nil
}

type checker struct {
	file       string
	stages     []instructions.Stage
	args       map[string]string
	ctxDir     string
	ignore     *patternmatcher.PatternMatcher
	ignored    []string // raw .dockerignore patterns
	hasIgnFile bool
	private    []string
	found      []Finding
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

func (c *checker) run() {
	names := map[string]int{}
	for i, st := range c.stages {
		c.checkBase(st, names)
		c.checkStage(st)
		if st.Name != "" {
			names[strings.ToLower(st.Name)] = i
		}
	}
	if len(c.stages) > 0 {
		c.checkRuntime(len(c.stages) - 1)
	}
	if c.ctxDir != "" {
		c.checkDockerignore()
		c.checkGoModules()
	}
}

// checkBase: DG301 for an image that is neither a stage nor pinned.
func (c *checker) checkBase(st instructions.Stage, names map[string]int) {
	base := strings.ToLower(st.BaseName)
	if _, isStage := names[base]; isStage || base == "scratch" {
		return
	}
	ref, ok := c.expand(st.BaseName)
	if !ok {
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
	secretNameRe = regexp.MustCompile(`(?i)(pass(word|wd)?|secret|token|api_?key|private_?key|access_?key|credential|auth)`)
	notSecretRe  = regexp.MustCompile(`(?i)(_file|_path|_dir|_url|_host|_user(name)?|_id)$|^(GOPRIVATE|GONOSUMDB|GONOPROXY|GOAUTH)$`)
	curlShRe     = regexp.MustCompile(`(curl|wget)\b[^|;&]*\|\s*(sudo\s+)?(ba|z|da|k)?sh\b`)
	installRe    = regexp.MustCompile(`\b(go mod download|go build|npm (ci|install|i)\b|yarn( install)?\s*($|&&|--)|pnpm (install|i)\b|bun install|pip3? install|poetry install|uv (sync|pip install)|(\./)?mvnw?\s|(\./)?gradlew?\s)`)
	// downloadRe are the steps that fetch dependencies (DG402), as opposed
	// to builds, which belong after the sources.
	downloadRe   = regexp.MustCompile(`\b(go mod download|npm (ci|install|i)\b|yarn( install)?\s*($|&&|--)|pnpm (install|i)\b|bun install|pip3? install|poetry install|uv (sync|pip install)|dependency:go-offline|dependency:resolve|\sdependencies\b)`)
	secretFiles  = []string{".npmrc", ".pypirc", ".netrc", ".env", "id_rsa", "id_ed25519", "credentials", ".git-credentials"}
	toolchainRe  = regexp.MustCompile(`^(.*/)?(golang|maven|gradle|rust|eclipse-temurin:[^ ]*-jdk|openjdk:[^ ]*-jdk)[:@]?`)
	credURLRe    = regexp.MustCompile(`[a-z][a-z0-9+.-]*://[^/\s:@'"]+:[^/\s@'"$]+@`)
	goInsecureRe = regexp.MustCompile(`GOSUMDB=["']?off\b|GOINSECURE=\S|GOFLAGS=["']?[^"'\s]*-insecure|GONOSUMCHECK=|GONOSUMDB=\*`)
)

func (c *checker) checkStage(st instructions.Stage) {
	copiedAll := 0     // line of a COPY of the whole context in this stage
	depsFirst := false // a dependency download ran before that COPY
	for _, cmd := range st.Commands {
		switch cmd := cmd.(type) {
		case *instructions.ArgCommand:
			for _, kv := range cmd.Args {
				if secretNameRe.MatchString(kv.Key) && !notSecretRe.MatchString(kv.Key) {
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
				if secretNameRe.MatchString(kv.Key) && !notSecretRe.MatchString(kv.Key) {
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
			if m := installRe.FindString(text); m != "" {
				cached := slices.ContainsFunc(mounts, func(m *instructions.Mount) bool { return m.Type == instructions.MountTypeCache })
				if !cached && !strings.Contains(text, "--no-cache-dir") {
					c.add(InstallWithoutCache, line(cmd), strings.TrimSpace(m)+" without a cache mount")
				}
				if copiedAll > 0 && !depsFirst && downloadRe.MatchString(text) && !strings.Contains(text, "--no-deps") {
					c.add(InstallAfterSources, line(cmd), strings.TrimSpace(m)+" runs after the whole context was copied (line "+strconv.Itoa(copiedAll)+")")
				}
			}
			if copiedAll == 0 && downloadRe.MatchString(text) {
				depsFirst = true // dependencies resolved before the sources: later RUNs are builds
			}
			for _, m := range mounts {
				if m.Type == instructions.MountTypeBind && m.From == "" && m.Source != "" {
					c.checkSource(line(cmd), m.Source, "bind mount")
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
				c.checkSources(line(cmd), cmd.SourcePaths, &copiedAll)
			} else if !c.knownFrom(cmd.From, st) {
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
			c.checkSources(line(cmd), local, &copiedAll)
		}
	}
}

// knownFrom: an earlier stage by name or index, or something that reads as
// an image reference (registry, namespace, tag or digest).
func (c *checker) knownFrom(from string, current instructions.Stage) bool {
	if strings.ContainsAny(from, "/:.@$") {
		return true
	}
	for i, st := range c.stages {
		if st.Name == current.Name && st.Location[0].Start.Line == current.Location[0].Start.Line {
			return false // stages after this one cannot be copied from
		}
		if strings.EqualFold(st.Name, from) || strconv.Itoa(i) == from {
			return true
		}
	}
	return false
}

func (c *checker) checkSources(ln int, sources []string, copiedAll *int) {
	for _, s := range sources {
		clean := path.Clean(strings.TrimPrefix(s, "./"))
		if clean == "." || clean == "/" {
			if *copiedAll == 0 {
				*copiedAll = ln
			}
			continue
		}
		if slices.Contains(secretFiles, path.Base(clean)) || strings.HasSuffix(clean, ".pem") || strings.HasSuffix(clean, ".key") || c.settingsWithPassword(clean) {
			c.add(SecretFileCopied, ln, "COPY of "+clean+" puts credentials in a layer")
		}
		c.checkSource(ln, clean, "COPY source")
	}
}

// settingsWithPassword: a Maven settings.xml in the context that holds a password.
func (c *checker) settingsWithPassword(src string) bool {
	if path.Base(src) != "settings.xml" || c.ctxDir == "" {
		return false
	}
	data, err := os.ReadFile(filepath.Join(c.ctxDir, filepath.FromSlash(src)))
	return err == nil && bytes.Contains(data, []byte("<password>"))
}

// checkSource: DG101/DG102 for one path in the context.
func (c *checker) checkSource(ln int, src, what string) {
	if c.ctxDir == "" || strings.Contains(src, "$") {
		return
	}
	src = path.Clean(strings.TrimPrefix(src, "/"))
	matches, _ := filepath.Glob(filepath.Join(c.ctxDir, filepath.FromSlash(src)))
	if len(matches) == 0 {
		c.add(CopySourceMissing, ln, what+" "+src+" is not in the build context")
		return
	}
	if c.ignore != nil {
		if excluded, _ := c.ignore.MatchesOrParentMatches(src); excluded {
			c.add(CopySourceIgnored, ln, what+" "+src+" is excluded by .dockerignore")
		}
	}
}

func (c *checker) loadContext() {
	f, err := os.Open(filepath.Join(c.ctxDir, ".dockerignore"))
	if err != nil {
		return
	}
	defer f.Close()
	pats, err := ignorefile.ReadAll(f)
	if err != nil {
		return
	}
	c.hasIgnFile, c.ignored = true, pats
	c.ignore, _ = patternmatcher.New(pats)
}

// checkDockerignore: DG103 for sensitive paths that exist and are not excluded.
func (c *checker) checkDockerignore() {
	sensitive := []string{".git", ".env", "node_modules", ".npmrc", ".netrc", "id_rsa", "id_ed25519", ".aws", ".ssh"}
	for _, pat := range []string{"*.pem", "*.key", ".env.*"} {
		if m, _ := filepath.Glob(filepath.Join(c.ctxDir, pat)); len(m) > 0 {
			for _, f := range m {
				sensitive = append(sensitive, filepath.Base(f))
			}
		}
	}
	for _, p := range sensitive {
		if _, err := os.Lstat(filepath.Join(c.ctxDir, p)); err != nil {
			continue
		}
		excluded := false
		if c.ignore != nil {
			excluded, _ = c.ignore.MatchesOrParentMatches(p)
		}
		if !excluded {
			msg := p + " is in the build context"
			if !c.hasIgnFile {
				msg += " and there is no .dockerignore"
			}
			c.found = append(c.found, c.finding(DockerignoreLeak, 0, msg, ".dockerignore"))
		}
	}
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
		s := c.stages[i]
		for _, cmd := range s.Commands {
			if u, ok := cmd.(*instructions.UserCommand); ok {
				user, userLine = u.User, line(u) // the stage's last USER
			}
		}
		next := c.parent(i)
		if user != "" || next < 0 {
			if next < 0 {
				if ref, _ := c.expand(s.BaseName); toolchainRe.MatchString(strings.ToLower(ref)) {
					c.add(RuntimeToolchain, ln, "the final stage runs on "+ref)
				}
				if user == "" && !nonRootImage(s.BaseName) {
					c.add(RuntimeRoot, ln, "the final stage sets no USER, so it runs as root")
					return
				}
			}
			break
		}
		i = next
	}
	c.checkExpose(last, ln)
	if user == "" {
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

// parent is the index of the earlier stage stage i is built FROM, -1 when
// it starts from an image.
func (c *checker) parent(i int) int {
	p := -1
	for j := 0; j < i; j++ {
		if c.stages[j].Name != "" && strings.EqualFold(c.stages[j].Name, c.stages[i].BaseName) {
			p = j
		}
	}
	return p
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
		i = c.parent(i)
	}
	if starts && !exposes {
		c.add(RuntimeNoExpose, ln, "the final stage has CMD/ENTRYPOINT but no EXPOSE")
	}
}

// nonRootImage: images that default to an unprivileged user.
func nonRootImage(ref string) bool {
	r := strings.ToLower(ref)
	return strings.Contains(r, "nonroot") || strings.Contains(r, "unprivileged") || strings.HasPrefix(r, "cgr.dev/chainguard/")
}

func isNumber(s string) bool {
	_, err := strconv.ParseUint(s, 10, 32)
	return err == nil
}

var ignoreCommentRe = regexp.MustCompile(`^\s*#\s*dockgen:ignore\s+([A-Za-z0-9_, -]+)`)

// suppress drops findings of ignored rules: from opts, or from a
// "# dockgen:ignore RULE" comment on the line above the finding.
func suppress(fs []Finding, data []byte, ignore []string) []Finding {
	lines := strings.Split(string(data), "\n")
	var out []Finding
	for _, f := range fs {
		if slices.Contains(ignore, f.Rule) {
			continue
		}
		if f.Line >= 2 && f.Line-2 < len(lines) {
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

// ReadDockerfile reads the Dockerfile to check.
func ReadDockerfile(file string) ([]byte, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading the Dockerfile: %w", err)
	}
	return data, nil
}
