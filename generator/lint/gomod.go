package lint

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"golang.org/x/mod/modfile"
)

// publicHosts serve modules through proxy.golang.org; a vanity domain
// (go.uber.org) is public too unless it looks internal.
var publicHosts = []string{"github.com", "gitlab.com", "bitbucket.org", "golang.org", "google.golang.org", "gopkg.in", "cloud.google.com", "k8s.io", "sigs.k8s.io"}

// internalHostRe are host names that are private by convention.
var internalHostRe = regexp.MustCompile(`(?i)^(git|gitlab|gitea|bitbucket|scm|code|source|vcs)\.|\.(corp|internal|intra|local|lan)(\.|$)|(^|\.)(corp|internal|intranet)\.`)

// privateModules lists the required modules of go.mod that are private:
// named by the user, or on a host that looks internal.
func privateModules(f *modfile.File, userPrivate []string) []string {
	var out []string
	for _, r := range f.Require {
		p := r.Mod.Path
		host, _, _ := strings.Cut(p, "/")
		named := slices.ContainsFunc(userPrivate, func(pre string) bool { return strings.HasPrefix(p, strings.TrimSuffix(pre, "/*")) })
		if named || (!slices.Contains(publicHosts, host) && internalHostRe.MatchString(host)) {
			out = append(out, p)
		}
	}
	return out
}

var (
	goModDownloadRe  = regexp.MustCompile(`\bgo (mod download|build|install|mod tidy)\b`)
	fetchesSourcesRe = regexp.MustCompile(`\bgo get\b|\bgit clone\b`)
)

// checkGoModules: DG602-DG605 for a Go build whose go.mod is in the context.
func (c *checker) checkGoModules() error {
	data, err := c.ctx.readFile("go.mod")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	f, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		return nil // the build reports a broken go.mod better than lint can
	}
	private := privateModules(f, c.private)
	vendored := false
	if c.ctx.exists("vendor/modules.txt") {
		vendored = true
		if c.ignore != nil {
			if ex, _ := c.ignore.MatchesOrParentMatches("vendor/modules.txt"); ex {
				c.found = append(c.found, c.finding(GoVendorIgnored, 0, ".dockerignore excludes vendor/", ".dockerignore"))
			}
		}
	}
	for _, st := range c.stages {
		haveGoMod := false
		var env []string // the stage's GOPRIVATE/GONOSUMDB settings
		for _, cmd := range st.Commands {
			switch cmd := cmd.(type) {
			case *instructions.CopyCommand:
				if cmd.From == "" && slices.ContainsFunc(cmd.SourcePaths, func(s string) bool {
					s = strings.TrimPrefix(s, "./")
					return s == "." || s == "go.mod" || strings.HasPrefix(s, "go.")
				}) {
					haveGoMod = true
				}
			case *instructions.EnvCommand:
				for _, kv := range cmd.Env {
					env = appendModuleSetting(env, kv.Key, kv.Value)
				}
			case *instructions.ArgCommand:
				for _, kv := range cmd.Args {
					if kv.Value != nil {
						env = appendModuleSetting(env, kv.Key, *kv.Value)
					}
				}
			case *instructions.RunCommand:
				text := strings.Join(cmd.CmdLine, " ")
				if fetchesSourcesRe.MatchString(text) {
					haveGoMod = true // sources (and their go.mod) came from go get or git clone
				}
				if !goModDownloadRe.MatchString(text) {
					continue
				}
				_ = cmd.Expand(func(w string) (string, error) { return w, nil })
				mounts := instructions.GetMounts(cmd)
				bound := slices.ContainsFunc(mounts, func(m *instructions.Mount) bool {
					return m.Type == instructions.MountTypeBind && m.From == "" && (m.Source == "" || strings.HasPrefix(m.Source, "go.mod") || m.Source == ".")
				})
				if strings.Contains(text, "go mod download") && !haveGoMod && !bound {
					c.add(GoDownloadBeforeGoMod, line(cmd), "go mod download before go.mod is copied or bind-mounted")
				}
				if vendored && strings.Contains(text, "-mod=mod") {
					c.add(GoVendorIgnored, line(cmd), "vendor/ is committed but the build uses -mod=mod")
				}
				if vendored {
					continue // vendored modules need no fetch
				}
				for _, p := range private {
					if !coversPrivate(env, p) && !coversPrivate([]string{text}, p) {
						c.add(GoPrivateUnset, line(cmd), "go.mod requires "+p+" but GOPRIVATE/GONOSUMDB do not cover it")
						break
					}
				}
				if len(private) > 0 && !slices.ContainsFunc(mounts, func(m *instructions.Mount) bool {
					return m.Type == instructions.MountTypeSSH || m.Type == instructions.MountTypeSecret
				}) {
					c.add(GoPrivateNoCredentials, line(cmd), "private modules ("+strings.Join(private, ", ")+") fetched without an ssh or secret mount")
				}
			}
		}
	}
	return nil
}

// appendModuleSetting keeps the settings coversPrivate reads, so a stage
// with thousands of ENV lines is not re-scanned per RUN.
func appendModuleSetting(env []string, key, value string) []string {
	if key == "GOPRIVATE" || key == "GONOSUMDB" {
		env = append(env, key+"="+value)
	}
	return env
}

// coversPrivate reports whether GOPRIVATE, GONOPROXY+GONOSUMDB list a
// prefix of the module path in the stage's settings.
func coversPrivate(settings []string, mod string) bool {
	for _, key := range []string{"GOPRIVATE=", "GONOSUMDB="} {
		for _, part := range strings.Split(strings.Join(settings, " "), key)[1:] {
			val := strings.Fields(part)
			if len(val) == 0 {
				continue
			}
			for _, pre := range strings.Split(strings.Trim(val[0], `"'`), ",") {
				pre = strings.TrimSuffix(pre, "/*")
				if pre != "" && strings.HasPrefix(mod, pre) {
					return true
				}
			}
		}
	}
	return false
}
