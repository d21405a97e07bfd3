package lint

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// checkBuildSteps runs the rules on what a stage's build commands read
// from the context (DG821...). Each stage's view starts from the view of
// the stage it is built FROM.
func (c *checker) checkBuildSteps() {
	if c.ctx == nil {
		return
	}
	c.checkPrismaGenerate()
	c.checkDocsIgnored()
	views := make([]*imageView, len(c.stages))
	names := map[string]int{}
	for i, st := range c.stages {
		var parent *imageView
		if p := c.parents[i]; p >= 0 {
			parent = views[p]
		}
		v := newView(parent, c.ctx)
		for _, cmd := range st.Commands {
			v.apply(cmd)
			switch cmd := cmd.(type) {
			case *instructions.RunCommand:
				if cmd.PrependShell {
					mv := v.withMounts(cmd)
					c.checkGoBuildMain(cmd, mv)
					c.checkJarRun(cmd, mv)
					c.checkJavaProfile(cmd)
				}
			case *instructions.CopyCommand:
				from, ok := c.stageNamed(cmd.From, names)
				if n, err := strconv.Atoi(cmd.From); err == nil && n >= 0 && n < i {
					from, ok = n, true
				}
				if ok && !strings.Contains(cmd.DestPath, "$") {
					c.checkCopyOutput(cmd, from, views, path.Clean(v.abs(cmd.DestPath)))
					if i == len(c.stages)-1 {
						c.checkServerAsStatic(cmd, from, path.Clean(v.abs(cmd.DestPath)), st)
					}
				}
				for _, src := range cmd.SourcePaths {
					if strings.Contains(src, "$") || hasGlobMeta(src) {
						continue
					}
					switch {
					case ok:
						if ctxPath, known := views[from].contextPath(path.Join("/", src)); known {
							c.checkJarRef(line(cmd), ctxPath)
						}
					case cmd.From == "":
						if clean, escapes := clampSource(src); !escapes {
							c.checkJarRef(line(cmd), clean)
						}
					}
				}
			}
		}
		views[i] = v
		if st.Name != "" {
			names[strings.ToLower(st.Name)] = i
		}
	}
}

// goBuildValueFlags are go build's flags that take a value as the next word.
var goBuildValueFlags = []string{"-o", "-p", "-C", "-asmflags", "-buildmode", "-compiler", "-gccgoflags", "-gcflags",
	"-installsuffix", "-ldflags", "-mod", "-modfile", "-overlay", "-pgo", "-pkgdir", "-tags", "-toolexec", "-covermode", "-coverpkg"}

// goBuild is one go build command: its flags and the packages it names.
type goBuild struct {
	dir      string // image folder it runs in (after -C)
	output   bool   // -o: a binary is expected
	tags     map[string]bool
	packages []string // as written; "." when none
}

func parseGoBuild(sc shellCommand) (goBuild, bool) {
	w := sc.words
	if len(w) < 2 || w[0] != "go" || w[1] != "build" || sc.dir == "" {
		return goBuild{}, false
	}
	b := goBuild{dir: sc.dir, tags: map[string]bool{}}
	for i := 2; i < len(w); i++ {
		a := w[i]
		if !strings.HasPrefix(a, "-") {
			b.packages = append(b.packages, a)
			continue
		}
		name, val, hasVal := strings.Cut(strings.Replace(a, "--", "-", 1), "=")
		if !hasVal && slices.Contains(goBuildValueFlags, name) {
			if i+1 >= len(w) {
				return goBuild{}, false
			}
			i++
			val = w[i]
		}
		switch name {
		case "-o":
			b.output = true
		case "-C":
			if strings.Contains(val, "$") {
				return goBuild{}, false
			}
			b.dir = path.Join(b.dir, val)
			if strings.HasPrefix(val, "/") {
				b.dir = path.Clean(val)
			}
		case "-tags":
			for _, t := range strings.FieldsFunc(val, func(r rune) bool { return r == ',' || r == ' ' }) {
				b.tags[t] = true
			}
		}
	}
	if len(b.packages) == 0 {
		b.packages = []string{"."}
	}
	return b, true
}

// Bounds on what DG821 reads of one package folder.
const (
	maxPkgEntries = 2000
	maxPkgReads   = 100
)

// goOSNames are the GOOS values a file name suffix (_windows.go) limits a
// file to; a Linux build leaves those files out.
var goOSNames = []string{"aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos"}

// checkGoBuildMain: DG821 when go build names a context folder that holds
// no Go files a Linux build compiles (go build fails: "no Go files"), or,
// with -o, only a package that is not main (go build writes an archive,
// not a program, and the image cannot start it).
func (c *checker) checkGoBuildMain(run *instructions.RunCommand, v *imageView) {
	text := strings.Join(run.CmdLine, " ")
	if !strings.Contains(text, "go build") {
		return
	}
	for _, sc := range shellCommands(text, v.workdir) {
		b, ok := parseGoBuild(sc)
		if !ok {
			continue
		}
		for _, pkg := range b.packages {
			if strings.Contains(pkg, "...") || strings.Contains(pkg, "$") || strings.HasSuffix(pkg, ".go") ||
				!(pkg == "." || pkg == ".." || strings.HasPrefix(pkg, "./") || strings.HasPrefix(pkg, "../") || strings.HasPrefix(pkg, "/")) {
				continue // a file list, a pattern or an import path: not a folder lint can read
			}
			img := path.Join(b.dir, pkg)
			if strings.HasPrefix(pkg, "/") {
				img = path.Clean(pkg)
			}
			dir, ok := v.contextPath(img)
			if !ok || !isDir(c.ctx, dir) {
				continue // not from the context, or made by the build: lint cannot tell
			}
			switch name, files := c.goPackage(dir, b.tags); {
			case files == 0 && !v.generates && !strings.Contains(text, "generate"):
				c.add(GoBuildNoMain, line(run), "go build "+pkg+" compiles "+show(dir)+", which holds no Go files a Linux build compiles: go build stops with 'no Go files'"+c.mainHint())
			case name != "main" && name != "" && b.output:
				c.add(GoBuildNoMain, line(run), "go build -o ... "+pkg+" compiles "+show(dir)+", package "+name+", not package main: it writes an archive, not a program"+c.mainHint())
			case name == "main":
				c.checkGoTags(run, b, pkg, dir)
			}
		}
	}
}

func show(dir string) string {
	if dir == "." {
		return "the context root"
	}
	return dir + "/"
}

// mainHint names the main package detection found in the project, if any.
func (c *checker) mainHint() string {
	p := c.project()
	if p == nil || p.Lang != "go" || p.Go.NoMain || p.Entry == "" || p.Entry == "." {
		return ""
	}
	return " (the project's main package is " + p.Entry + ")"
}

// goPackage reads the package clause of the Go files a Linux build with
// these tags compiles in a context folder: the package name ("" when no
// file could be read) and how many such files there are. A file
// .dockerignore excludes is not in the build.
func (c *checker) goPackage(dir string, tags map[string]bool) (string, int) {
	entries, err := fs.ReadDir(c.ctx.fsys, dir)
	if err != nil || len(entries) > maxPkgEntries {
		return "", -1
	}
	name, files, reads := "", 0, 0
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasPrefix(n, "_") || strings.HasPrefix(n, ".") ||
			!e.Type().IsRegular() || otherOS(n) {
			continue
		}
		p := path.Join(dir, n)
		if c.ignore != nil && ignored(c.ignore, p) {
			continue
		}
		if reads++; reads > maxPkgReads {
			return name, max(files, 1) // unread files: assume they count
		}
		data, err := c.ctx.readFile(p)
		if err != nil {
			return "", -1 // unreadable: lint cannot tell
		}
		if !buildsWith(data, tags) {
			continue
		}
		files++
		f, err := parser.ParseFile(token.NewFileSet(), n, data, parser.PackageClauseOnly)
		if err != nil {
			return "", -1
		}
		if name == "" || f.Name.Name == "main" {
			name = f.Name.Name
		}
	}
	return name, files
}

// otherOS: a file name whose _GOOS or _GOOS_GOARCH suffix leaves it out
// of a Linux build.
func otherOS(name string) bool {
	parts := strings.Split(strings.TrimSuffix(name, ".go"), "_")
	for i := len(parts) - 1; i >= 1 && i >= len(parts)-2; i-- {
		if slices.Contains(goOSNames, parts[i]) {
			return true
		}
	}
	return false
}
