package lint

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// publicHosts serve public modules through proxy.golang.org, some with
// names that look internal (code.gitea.io, git.sr.ht).
var publicHosts = []string{
	"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitea.com", "gitee.com", "git.sr.ht",
	"golang.org", "google.golang.org", "go.googlesource.com", "cloud.google.com", "gopkg.in",
	"k8s.io", "sigs.k8s.io", "go.uber.org", "go.etcd.io", "go.opentelemetry.io", "honnef.co",
	"code.gitea.io", "code.cloudfoundry.org", "gitlab.gnome.org", "git.apache.org",
}

// internalHostRe are host names that cannot be public: an internal-only or
// reserved top-level domain, or an internal label. A name prefix alone
// (git., code., gitlab.) says nothing: many public hosts have one.
var internalHostRe = regexp.MustCompile(`(?i)\.(corp|internal|intra|intranet|local|lan|localdomain|home\.arpa|test|example|invalid)$|(^|\.)(corp|internal|intranet)\.|^[^.]+$`)

// privateModules lists the required modules of go.mod that are private:
// named by the user (--private, GOPRIVATE, GONOPROXY patterns), or on a
// host that cannot be public.
func privateModules(f *modfile.File, userPrivate []string) []string {
	var out []string
	patterns := strings.Join(userPrivate, ",")
	for _, r := range f.Require {
		p := r.Mod.Path
		host, _, _ := strings.Cut(p, "/")
		if module.MatchPrefixPatterns(patterns, p) || (!slices.Contains(publicHosts, host) && internalHostRe.MatchString(host)) {
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
				c.found = append(c.found, c.finding(GoVendorIgnored, 0, ".dockerignore excludes vendor/", c.ignoreFile))
			}
		}
	}
	haveGoMods := make([]bool, len(c.stages))
	for i, st := range c.stages {
		// A stage built FROM an earlier one has that stage's go.mod.
		haveGoMod := c.parents[i] >= 0 && haveGoMods[c.parents[i]]
		env := map[string]string{} // the stage's GOPRIVATE/GONOSUMDB: the last setting wins
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
					setModuleSetting(env, kv.Key, kv.Value)
				}
			case *instructions.ArgCommand:
				for _, kv := range cmd.Args {
					if kv.Value != nil {
						setModuleSetting(env, kv.Key, *kv.Value)
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
					if !coversPrivate([]string{env["GOPRIVATE"], env["GONOSUMDB"], text}, p) {
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
		haveGoMods[i] = haveGoMod
	}
	return nil
}

// setModuleSetting keeps the settings coversPrivate reads. A later ENV
// replaces an earlier one, so the state stays two strings however many
// ENV lines a stage has.
func setModuleSetting(env map[string]string, key, value string) {
	if key == "GOPRIVATE" || key == "GONOSUMDB" {
		env[key] = key + "=" + value
	}
}

var privateSettingRe = regexp.MustCompile(`\b(?:GOPRIVATE|GONOSUMDB)=["']?([^"'\s]+)`)

// coversPrivate reports whether GOPRIVATE or GONOSUMDB patterns in the
// stage's settings match the module path (as the go command matches them).
func coversPrivate(settings []string, mod string) bool {
	for _, s := range settings {
		for _, m := range privateSettingRe.FindAllStringSubmatch(s, -1) {
			if module.MatchPrefixPatterns(m[1], mod) {
				return true
			}
		}
	}
	return false
}

// goModInfo is what a go.mod in the context says about downloads.
type goModInfo struct {
	vendored   bool // vendor/modules.txt is committed and not ignored
	stdlibOnly bool // requires nothing
}

func (c *checker) goMod(dir string) goModInfo {
	if info, ok := c.goMods[dir]; ok {
		return info
	}
	var info goModInfo
	if data, err := c.ctx.readFile(path.Join(dir, "go.mod")); err == nil {
		if f, err := modfile.ParseLax("go.mod", data, nil); err == nil {
			info.stdlibOnly = len(f.Require) == 0
		}
		vend := path.Join(dir, "vendor/modules.txt")
		info.vendored = c.ctx.exists(vend)
		if c.ignore != nil {
			if ex, _ := c.ignore.MatchesOrParentMatches(vend); ex {
				info.vendored = false
			}
		}
	}
	if c.goMods == nil {
		c.goMods = map[string]goModInfo{}
	}
	c.goMods[dir] = info
	return info
}

var goInstallAtVersionRe = regexp.MustCompile(`\bgo install\s+(\S+\s+)*\S+@\S+`)

// goFetchesNothing: a go command that downloads no module because the
// module it builds requires none, or vendors them (go build/go install;
// go mod download and go install pkg@version fetch anyway).
func (c *checker) goFetchesNothing(dir, text string) bool {
	if c.ctx == nil || goInstallAtVersionRe.MatchString(text) {
		return false
	}
	if dir == "" {
		dir = "."
	}
	info := c.goMod(dir)
	return info.stdlibOnly || info.vendored && !strings.Contains(text, "go mod download")
}

// goDirOf: the folder of the go.mod that COPY sources bring in (go.mod
// itself, a folder holding one, or the whole context), else cur.
func (c *checker) goDirOf(sources []string, cur string) string {
	if c.ctx == nil {
		return cur
	}
	for _, s := range sources {
		clean, _ := clampSource(s)
		switch {
		case path.Base(clean) == "go.mod":
			return path.Dir(clean)
		case !hasGlobMeta(clean) && c.ctx.exists(path.Join(clean, "go.mod")):
			return clean
		}
	}
	return cur
}
