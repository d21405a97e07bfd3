package lint

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// Package hygiene: the gaps hadolint covers that dockgen did not (DG7xx).
// Where dockgen's advice differs from hadolint's (cache mounts instead of
// deleting caches), the rule's fix says so.

var (
	aptInstallRe   = regexp.MustCompile(cmdStart + `apt-get\s+(-\S+\s+)*install\b`)
	aptUpdateRe    = regexp.MustCompile(cmdStart + `apt-get\s+(-\S+\s+)*(update|install)\b`)
	aptCLIRe       = regexp.MustCompile(cmdStart + `apt\s+(-\S+\s+)*(install|update|upgrade|remove|purge|dist-upgrade|full-upgrade|autoremove)\b`)
	apkAddRe       = regexp.MustCompile(cmdStart + `apk\s+(-\S+\s+)*add\b`)
	pkgInstallRe   = regexp.MustCompile(cmdStart + `(apt-get|apt|yum|dnf|microdnf|zypper)\s+(-\S+\s+)*install\b|` + cmdStart + `apk\s+(-\S+\s+)*add\b`)
	sudoRe         = regexp.MustCompile(cmdStart + `sudo\b`)
	cdRe           = regexp.MustCompile(cmdStart + `cd\s`)
	pipefailRe     = regexp.MustCompile(`set\s+(-[a-zA-Z]*\s+)*-[a-zA-Z]*o\s+pipefail|set\s+-o\s+pipefail|-o\s*pipefail`)
	platformArgRe  = regexp.MustCompile(`\$\{?(TARGETPLATFORM|TARGETOS|TARGETARCH|TARGETVARIANT|BUILDPLATFORM|BUILDOS|BUILDARCH|BUILDVARIANT)\b`)
	archiveRe      = regexp.MustCompile(`\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$`)
	onlyExportsRe  = regexp.MustCompile(`^\s*export\s+[A-Za-z_][A-Za-z0-9_]*=\S*(\s+[A-Za-z_][A-Za-z0-9_]*=\S*)*\s*(;\s*)?$`)
	quotedExecArgs = regexp.MustCompile(`^'.*'$|^".*"$`)
)

// hygieneState is what a stage passes on to the stages built FROM it.
type hygieneState struct {
	user     string // the last USER ("" root)
	pipefail bool   // SHELL sets -o pipefail
}

// checkHygiene runs the DG7xx rules on one stage.
func (c *checker) checkHygiene(idx int, st instructions.Stage, last bool) {
	var state hygieneState
	if p := c.parents[idx]; p >= 0 {
		state = c.hygiene[p]
	} else if ref, _ := c.expand(st.BaseName); nonRootImage(st.BaseName) || nonRootImage(ref) || c.contextImageNonRoot(ref) {
		// An image that runs as an unprivileged user by default: its
		// stage installs packages as that user until USER root.
		state.user = "the default user of " + ref
	}
	if last && strings.Contains(st.Platform, "BUILDPLATFORM") {
		c.add(FinalBuildPlatform, line0(st), "the final stage is FROM --platform="+st.Platform)
	}
	args := map[string]bool{}
	for _, cmd := range st.Commands {
		switch cmd := cmd.(type) {
		case *instructions.ArgCommand:
			for _, kv := range cmd.Args {
				args[kv.Key] = true
			}
		case *instructions.UserCommand:
			state.user = cmd.User
		case *instructions.ShellCommand:
			state.pipefail = slices.Contains(cmd.Shell, "pipefail") || pipefailRe.MatchString(strings.Join(cmd.Shell, " "))
		case *instructions.CmdCommand:
			c.checkExecQuotes(line(cmd), cmd.CmdLine, cmd.PrependShell)
		case *instructions.EntrypointCommand:
			c.checkExecQuotes(line(cmd), cmd.CmdLine, cmd.PrependShell)
		case *instructions.AddCommand:
			for _, s := range cmd.SourcePaths {
				switch {
				case strings.Contains(s, "://"):
					if cmd.Checksum == "" && !strings.HasPrefix(s, "git") && !strings.Contains(s, ".git#") && !strings.HasSuffix(s, ".git") {
						c.add(AddInsteadOfCopy, line(cmd), "ADD "+s+" downloads without --checksum")
					}
				case strings.HasPrefix(s, "git@"):
				case !archiveRe.MatchString(strings.ToLower(s)):
					c.add(AddInsteadOfCopy, line(cmd), "ADD "+s+" copies a local file: use COPY")
				}
			}
		case *instructions.RunCommand:
			text := strings.Join(cmd.CmdLine, " ")
			_ = cmd.Expand(func(w string) (string, error) { return w, nil })
			mounts := instructions.GetMounts(cmd)
			cachedAt := func(dirs ...string) bool {
				return slices.ContainsFunc(mounts, func(m *instructions.Mount) bool {
					return m.Type == instructions.MountTypeCache && slices.Contains(dirs, path.Clean(m.Target))
				})
			}
			if aptInstallRe.MatchString(text) && !strings.Contains(text, "--no-install-recommends") && !strings.Contains(text, "Install-Recommends") {
				c.add(AptInstallRecommends, line(cmd), "apt-get install without --no-install-recommends")
			}
			if aptUpdateRe.MatchString(text) && !strings.Contains(text, "/var/lib/apt/lists") && !cachedAt("/var/lib/apt", "/var/lib/apt/lists") {
				c.add(AptListsKept, line(cmd), "apt-get leaves /var/lib/apt/lists in the layer")
			}
			if aptCLIRe.MatchString(text) {
				c.add(AptInteractiveCLI, line(cmd), "apt in a RUN: use apt-get")
			}
			if apkAddRe.MatchString(text) && !strings.Contains(text, "--no-cache") && !cachedAt("/var/cache/apk", "/etc/apk/cache") {
				c.add(ApkCacheKept, line(cmd), "apk add without --no-cache or a cache mount")
			}
			if cmd.PrependShell {
				if cdRe.MatchString(text) {
					c.add(CdInRun, line(cmd), "cd in RUN")
				}
				if hasPipe(text) && !state.pipefail && !pipefailRe.MatchString(text) {
					c.add(PipeWithoutPipefail, line(cmd), "a pipe in RUN without pipefail")
				}
				if onlyExportsRe.MatchString(text) {
					c.add(RunExport, line(cmd), "RUN "+strings.TrimSpace(text)+" has no effect on later instructions")
				}
			}
			if sudoRe.MatchString(text) {
				c.add(SudoInRun, line(cmd), "sudo in RUN")
			} else if pkgInstallRe.MatchString(text) && nonRootUser(state.user) {
				as := "USER " + state.user
				if strings.HasPrefix(state.user, "the default user of ") {
					as = state.user
				}
				c.add(PackageInstallAsUser, line(cmd), "packages installed as "+as)
			}
			for _, m := range platformArgRe.FindAllStringSubmatch(text, -1) {
				if !args[m[1]] {
					c.add(PlatformArgUndeclared, line(cmd), m[1]+" is used without ARG "+m[1]+" in this stage")
					args[m[1]] = true // once per stage
				}
			}
		}
	}
	c.hygiene[idx] = state
}

func line0(st instructions.Stage) int {
	if len(st.Location) > 0 {
		return st.Location[0].Start.Line
	}
	return 0
}

// nonRootUser: a USER that is known not to be root.
func nonRootUser(u string) bool {
	name, _, _ := strings.Cut(u, ":")
	return name != "" && name != "root" && name != "0" && !strings.Contains(name, "$")
}

// hasPipe: a | outside quotes that is not part of ||.
func hasPipe(s string) bool {
	// In case ... in dev|beta) the | separates patterns: no pipe.
	if strings.Contains(s, "case ") {
		s = casePatternRe.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, "|", " ") })
	}
	var quote rune
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '|':
			prev := i > 0 && rs[i-1] == '|'
			next := i+1 < len(rs) && rs[i+1] == '|'
			if !prev && !next {
				return true
			}
		}
	}
	return false
}

// casePatternRe: a case pattern list, after "in" or ";;" up to its ")".
var casePatternRe = regexp.MustCompile(`(\bin\b|;;)\s*\(?[^;()\n]*\)`)

// checkExecQuotes: DG710 for exec-form words wrapped in literal quotes.
func (c *checker) checkExecQuotes(ln int, cmdLine []string, shell bool) {
	if shell {
		return
	}
	for _, w := range cmdLine {
		if len(w) >= 2 && quotedExecArgs.MatchString(w) {
			c.add(ExecFormQuotes, ln, "the argument "+w+" keeps its quotes")
			return
		}
	}
}
