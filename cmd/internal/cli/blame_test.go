package cli

import (
	"strings"
	"testing"
)

// TestRepositoryValueIsNoFlagError: a bad value read from .dockgen.yaml or
// package.json is reported with the file and line, exit 1, and never as a
// flag the user did not pass; the warnings detection gathered are kept.
func TestRepositoryValueIsNoFlagError(t *testing.T) {
	goProject := map[string]string{"go.mod": "module example.com/x\n\ngo 1.22\n", "main.go": "package main\nfunc main() {}\n"}
	withAnswers := func(extra string) map[string]string {
		m := map[string]string{".dockgen.yaml": "version: 1\nlang: go\ntemplate: go\nregion: global\nci: none\n" + extra}
		for k, v := range goProject {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name         string
		files        map[string]string
		args         []string
		code         int
		want, notHas string
	}{
		{name: "answers entry", files: withAnswers("entry: ./cmd/$(x)\n"), code: 1,
			want: `.dockgen.yaml:6: invalid Go main package "./cmd/$(x)"`, notHas: "--entry"},
		{name: "answers variable", files: withAnswers("variables:\n  ldflags: \"a\\nb\"\n"), code: 1,
			want: ".dockgen.yaml:7: variables: ldflags: value must be a single line", notHas: "--set"},
		{name: "package.json", files: map[string]string{"yarn.lock": "", "package-lock.json": "{}", "s.js": "",
			"package.json": "{\"name\":\"a\",\n\"packageManager\":\"yarn@9.x; rm\",\"scripts\":{\"start\":\"node s.js\"}}"}, code: 1,
			want: "warning: .: several lockfiles (yarn.lock, package-lock.json); using yarn-berry\nerror: package.json:2: invalid packageManager version"},
		{name: "the flag itself stays a flag error", files: goProject, args: []string{"--entry", "./cmd/$(x)"}, code: 2,
			want: `invalid Go main package (--entry) "./cmd/$(x)"`},
		{name: "--set stays a flag error", files: withAnswers(""), args: []string{"--set", "ldflags=a\nb"}, code: 1,
			want: "--set ldflags: value must be a single line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			code, _, stderr := run(t, nil, append([]string{"--dir", dir, "--ci", "none"}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) || tt.notHas != "" && strings.Contains(stderr, tt.notHas) {
				t.Fatalf("exit %d (want %d), stderr:\n%s\nwant it to hold %q", code, tt.code, stderr, tt.want)
			}
			if strings.Contains(stderr, "Usage:") || strings.Count(stderr, "warning:") > strings.Count(tt.want, "warning:") {
				t.Fatalf("usage or repeated warnings:\n%s", stderr)
			}
		})
	}
}
