package lint

import (
	"bytes"
	"go/build/constraint"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// Bounds on the //go:embed scan, so a context of 100,000 files stays
// within lint's time budget: the walk stops after maxEmbedWalk entries or
// maxEmbedReads Go files read (a best effort on very large repositories).
const (
	maxEmbedWalk  = 5000
	maxEmbedReads = 200
)

var embedSkipDirs = []string{"vendor", "testdata", "node_modules"}

// checkGoEmbed: DG607 for a //go:embed pattern in the context's Go sources
// that matches nothing the build can see (missing, or excluded by
// .dockerignore) and that no step of the Dockerfile seems to produce.
func (c *checker) checkGoEmbed() {
	compiles, tags := c.goCompiles()
	if !compiles {
		return // go mod download alone embeds nothing (flipt's Dockerfile.dev)
	}
	produced := c.producedNames()
	var files []string
	seen := 0
	_ = fs.WalkDir(c.ctx.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if seen++; seen > maxEmbedWalk {
			return fs.SkipAll
		}
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || slices.Contains(embedSkipDirs, name)) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") && d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	// The read budget goes first to the files that embed most often
	// (embed.go, assets.go, a web/ or ui/ package): in a large module the
	// embedding file is rarely among the first files of the walk (frp's
	// web/frpc/embed.go comes after 200 others).
	slices.SortStableFunc(files, func(a, b string) int { return embedRank(a) - embedRank(b) })
	for i, p := range files {
		if i >= maxEmbedReads {
			break
		}
		data, err := c.ctx.readFile(p)
		if err != nil || !bytes.Contains(data, []byte("//go:embed")) || !buildsWith(data, tags) {
			continue
		}
		for n, l := range strings.Split(string(data), "\n") {
			l = strings.TrimSpace(l)
			if !strings.HasPrefix(l, "//go:embed ") {
				continue
			}
			for _, pat := range embedPatterns(strings.TrimPrefix(l, "//go:embed ")) {
				if why := c.embedMissing(path.Dir(p), pat, produced); why != "" {
					file := filepath.ToSlash(filepath.Join(c.ctx.dir, filepath.FromSlash(p)))
					c.found = append(c.found, c.finding(GoEmbedMissing, n+1, "//go:embed "+pat+" "+why, file))
				}
			}
		}
	}
}

var (
	goCompileRe = regexp.MustCompile(`\bgo\s+(build|install|run|test|vet|generate)\b`)
	goTagsRe    = regexp.MustCompile(`-tags[= ]+["']?([A-Za-z0-9_.,\s]+?)["']?(\s-|\s*$|\s+\.|\s+\./)`)
)

// goCompiles: whether a RUN compiles Go, and the build tags its -tags
// flags set.
func (c *checker) goCompiles() (bool, map[string]bool) {
	compiles, tags := false, map[string]bool{}
	for _, st := range c.stages {
		for _, cmd := range st.Commands {
			run, ok := cmd.(*instructions.RunCommand)
			if !ok {
				continue
			}
			text := strings.Join(run.CmdLine, " ")
			if goCompileRe.MatchString(text) {
				compiles = true
			}
			for _, m := range goTagsRe.FindAllStringSubmatch(text, -1) {
				for _, t := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' }) {
					tags[t] = true
				}
			}
		}
	}
	return compiles, tags
}

// buildsWith: a Go file's //go:build constraint holds for a Linux build
// with these tags (any architecture; ui/embed.go behind //go:build assets
// is not compiled without -tags assets).
func buildsWith(data []byte, tags map[string]bool) bool {
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "package ") {
			break
		}
		if !constraint.IsGoBuild(l) {
			continue
		}
		expr, err := constraint.Parse(l)
		if err != nil {
			return true
		}
		return expr.Eval(func(tag string) bool {
			switch {
			case tags[tag], tag == "linux", tag == "unix", tag == "gc", tag == "cgo", strings.HasPrefix(tag, "go1."):
				return true
			case slices.Contains([]string{"amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64"}, tag):
				return true // the target architecture is not known here
			}
			return false
		})
	}
	return true
}

var embedHints = []string{"embed", "asset", "static", "bindata", "web", "ui", "frontend", "dist", "public", "templates", "site"}

// embedRank: 0 for a Go file whose name or folder suggests it embeds
// files, 1 for any other.
func embedRank(p string) int {
	for _, part := range strings.Split(strings.TrimSuffix(strings.ToLower(p), ".go"), "/") {
		for _, h := range embedHints {
			if part == h || strings.HasPrefix(part, h) {
				return 0
			}
		}
	}
	return 1
}

// embedPatterns splits a //go:embed line: space-separated, "quoted" or
// `raw` patterns.
func embedPatterns(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' || s[0] == '`' {
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return out
			}
			q := s[:end+2]
			if u, err := strconv.Unquote(q); err == nil {
				out = append(out, u)
			}
			s = s[end+2:]
			continue
		}
		f, rest, _ := strings.Cut(s, " ")
		out = append(out, f)
		s = rest
	}
	return out
}

// embedMissing says why a pattern matches nothing the build sees, or "".
func (c *checker) embedMissing(dir, pat string, produced map[string]bool) string {
	pat = strings.TrimPrefix(pat, "all:")
	full := path.Join(dir, pat)
	top, _, _ := strings.Cut(pat, "/")
	if produced[top] || produced[path.Base(full)] || produced["*"] {
		return "" // an earlier step seems to make it
	}
	matches := c.ctx.glob(full)
	if len(matches) == 0 {
		return "matches nothing in the build context"
	}
	if c.ignore == nil {
		return ""
	}
	for _, m := range matches {
		if !ignored(c.ignore, m) {
			return ""
		}
	}
	return "matches only files that .dockerignore excludes (" + matches[0] + ")"
}

// producedNames are the path elements the Dockerfile's own steps mention
// as outputs: words of RUN commands and COPY --from destinations ("*" when
// it runs go generate, which can make anything).
func (c *checker) producedNames() map[string]bool {
	out := map[string]bool{}
	for _, st := range c.stages {
		for _, cmd := range st.Commands {
			switch cmd := cmd.(type) {
			case *instructions.RunCommand:
				text := strings.Join(cmd.CmdLine, " ")
				if strings.Contains(text, "go generate") {
					out["*"] = true
				}
				prev := ""
				for _, w := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(" \t/=;&|<>'\"", r) }) {
					// "go build" names a command, not an output folder build/.
					if prev != "go" {
						out[w] = true
					}
					prev = w
				}
			case *instructions.CopyCommand:
				if cmd.From != "" {
					for _, w := range strings.Split(path.Clean(cmd.DestPath), "/") {
						out[w] = true
					}
				}
			}
		}
	}
	return out
}
