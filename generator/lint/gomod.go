package lint

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/patternmatcher"
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
	var replaces []localReplace
	if full, err := modfile.Parse("go.mod", data, nil); err == nil {
		replaces = c.localReplaces(full) // ParseLax drops replace directives
	}
	goRuns := false
	haveGoMods := make([]bool, len(c.stages))
	copiedBy := make([][]string, len(c.stages)) // context paths each stage copied
	for i, st := range c.stages {
		// A stage built FROM an earlier one has that stage's go.mod and files.
		haveGoMod := c.parents[i] >= 0 && haveGoMods[c.parents[i]]
		var copied []string
		if c.parents[i] >= 0 {
			copied = slices.Clone(copiedBy[c.parents[i]])
		}
		env := map[string]string{} // the stage's GOPRIVATE/GONOSUMDB: the last setting wins
		for _, cmd := range st.Commands {
			switch cmd := cmd.(type) {
			case *instructions.CopyCommand:
				if cmd.From == "" {
					for _, src := range cmd.SourcePaths {
						clean, _ := clampSource(src)
						copied = append(copied, clean)
					}
				}
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
				goRuns = true
				if strings.Contains(text, "go mod download") && !haveGoMod && !bound {
					c.add(GoDownloadBeforeGoMod, line(cmd), "go mod download before go.mod is copied or bind-mounted")
				}
				if haveGoMod || bound {
					for _, r := range replaces {
						if r.problem == "" && !covers(copied, mounts, r.target) {
							c.add(GoReplaceMissing, line(cmd), "go.mod replaces "+r.mod+" with ./"+r.target+", which is not copied before this step")
						}
					}
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
		copiedBy[i] = copied
	}
	if goRuns {
		c.checkGoEmbed()
		for _, r := range replaces {
			if r.problem != "" {
				c.found = append(c.found, c.finding(GoReplaceMissing, r.line, "replace "+r.mod+" => "+r.path+": "+r.problem, c.goModFile))
			}
		}
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

// localReplace is a go.mod replace whose target is a folder.
type localReplace struct {
	mod, path string // as written
	target    string // the folder in the context ("" when outside)
	line      int
	problem   string // why the build cannot see it at all ("" when it can)
}

// localReplaces lists go.mod's replaces by local folders, and whether the
// build context holds each (inside it, present, not excluded).
func (c *checker) localReplaces(f *modfile.File) []localReplace {
	var out []localReplace
	for _, r := range f.Replace {
		if r.New.Version != "" {
			continue // a module version, not a folder
		}
		lr := localReplace{mod: r.Old.Path, path: r.New.Path}
		if r.Syntax != nil {
			lr.line = r.Syntax.Start.Line
		}
		target, escapes := clampSource(filepath.ToSlash(r.New.Path))
		switch {
		case filepath.IsAbs(r.New.Path) || strings.HasPrefix(r.New.Path, "/"):
			lr.problem = "an absolute path on the host, which no build context holds"
		case escapes:
			lr.problem = "outside the build context"
		case !c.ctx.exists(target):
			lr.problem = "not in the build context"
		case c.ignore != nil && ignored(c.ignore, target):
			lr.problem = "excluded by .dockerignore"
		default:
			lr.target = target
		}
		out = append(out, lr)
	}
	return out
}

func ignored(m *patternmatcher.PatternMatcher, p string) bool {
	ex, _ := m.MatchesOrParentMatches(p)
	return ex
}

// covers: the copied context paths (or a bind mount of the context) hold
// target's go.mod.
func covers(copied []string, mounts []*instructions.Mount, target string) bool {
	for _, m := range mounts {
		if m.Type == instructions.MountTypeBind && m.From == "" && (m.Source == "" || m.Source == ".") {
			return true
		}
	}
	return slices.ContainsFunc(copied, func(s string) bool {
		return s == "." || s == target || s == target+"/go.mod" || strings.HasPrefix(target, s+"/")
	})
}
