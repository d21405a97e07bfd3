package kind

import "strings"

// What `dockgen lint` knows about the kinds' toolchains, gathered from each
// kind's Lint in registry order (the order of a regexp alternation).

// LintInstall is a regexp alternation of the commands that install
// dependencies, for every kind.
func LintInstall() string { return lintJoin(func(l Lint) []string { return l.Install }) }

// LintDownload is a regexp alternation of the commands that only download
// dependencies (as opposed to builds), for every kind.
func LintDownload() string { return lintJoin(func(l Lint) []string { return l.Download }) }

// LintToolchains is a regexp alternation of build-only image names.
func LintToolchains() string { return lintJoin(func(l Lint) []string { return l.Toolchains }) }

// LintImageEnv is the environment of every kind's base images.
func LintImageEnv() []ImageEnv {
	var out []ImageEnv
	for _, k := range all {
		out = append(out, k.Lint.ImageEnv...)
	}
	return out
}

func lintJoin(of func(Lint) []string) string {
	var parts []string
	for _, k := range all {
		parts = append(parts, of(k.Lint)...)
	}
	return strings.Join(parts, "|")
}
