package lint

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// The runtime rules (DG833, DG834) compare the final stage's file system
// with what detection reads the app does with files at run time: the
// committed folders it reads by relative path (Go's conf/, migrations/),
// and the paths its code or configuration writes (a database beside it,
// Flask's instance/, MEDIA_ROOT, a Spring datasource file).

// stageFS is what lint can tell about the final stage's file system: its
// working directory, the user the app runs as, and the paths that user
// may write (owned by it, chowned or chmodded, created by it, volumes).
type stageFS struct {
	workdir  string
	nonRoot  bool     // the app runs as a non-root user
	writable []string // absolute paths the runtime user can write (and below them)
	unknown  bool     // a chown/chmod of a path lint cannot resolve ($VAR): say nothing
	// handed: the Dockerfile hands some path to the runtime user (chown,
	// --chown, VOLUME, a RUN as that user) other than its WORKDIR.
	handed bool
	// appRoot is where the project's files land: the destination of the
	// last COPY of the whole context (or of a build stage's tree), else
	// the working directory.
	appRoot string
}

// knownRuntimeBases are images whose file system is root-owned apart from
// /tmp and the home folders (and distroless, all of whose images are): an
// app running as another user writes nowhere else unless the Dockerfile
// hands it a path. An image not in this list may prepare its own writable
// folders. Names are compared without their digits (eclipse-temurin, node).
var knownRuntimeBases = []string{"python", "node", "eclipse-temurin", "amazoncorretto", "openjdk", "sapmachine", "ibm-semeru-runtimes", "debian", "ubuntu", "alpine", "busybox", "golang"}

func knownRuntimeBase(repo string) bool {
	if strings.Contains(repo, "/distroless/") {
		return true
	}
	name := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, path.Base(repo))
	return slices.Contains(knownRuntimeBases, name)
}

func (c *checker) finalFS(last int) stageFS {
	fs := stageFS{workdir: "/"}
	ch := c.chain(last)
	root := c.stages[ch[0]]
	ref, _ := c.expand(root.BaseName)
	repo, _ := splitImage(ref)
	if !strings.EqualFold(ref, "scratch") && !knownRuntimeBase(repo) {
		fs.unknown = true
		return fs
	}
	user := ""
	if nonRootImage(root.BaseName) || nonRootImage(ref) {
		user = "nonroot"
	}
	abs := func(p string) string {
		if path.IsAbs(p) {
			return path.Clean(p)
		}
		return path.Join(fs.workdir, p)
	}
	var made []string // folders that exist: WORKDIR, COPY destinations
	for _, i := range ch {
		for _, cmd := range c.stages[i].Commands {
			switch cmd := cmd.(type) {
			case *instructions.UserCommand:
				user = cmd.User
			case *instructions.WorkdirCommand:
				fs.workdir = abs(cmd.Path)
				if nonRootUser(user) && !slices.ContainsFunc(made, func(m string) bool { return m == fs.workdir || strings.HasPrefix(m, fs.workdir+"/") }) {
					fs.writable = append(fs.writable, fs.workdir) // BuildKit creates it as USER
				}
				made = append(made, fs.workdir)
			case *instructions.CopyCommand:
				made = append(made, abs(cmd.DestPath))
				if slices.ContainsFunc(cmd.SourcePaths, func(src string) bool { return c.copiesTree(src, cmd.From) }) {
					fs.appRoot = abs(cmd.DestPath)
				}
				if nonRootUser(cmd.Chown) {
					fs.writable, fs.handed = append(fs.writable, abs(cmd.DestPath)), true
				}
				fs.unknown = fs.unknown || strings.Contains(cmd.Chown, "$") // --chown=${APP_UID}
			case *instructions.AddCommand:
				made = append(made, abs(cmd.DestPath))
				if nonRootUser(cmd.Chown) {
					fs.writable, fs.handed = append(fs.writable, abs(cmd.DestPath)), true
				}
			case *instructions.VolumeCommand:
				for _, v := range cmd.Volumes {
					fs.writable, fs.handed = append(fs.writable, abs(v)), true
				}
			case *instructions.RunCommand:
				text := strings.Join(cmd.CmdLine, " ")
				if !ownershipRe.MatchString(text) && !(nonRootUser(user) && createRe.MatchString(text)) {
					continue
				}
				// A RUN as the runtime user creates what it names; a
				// chown/chmod hands over what it names (no finer reading:
				// a path named there counts as writable).
				for _, w := range strings.Fields(text) {
					w = strings.Trim(w, `"';&|()`)
					if w == "" || strings.HasPrefix(w, "-") || strings.Contains(w, "=") {
						continue
					}
					if strings.Contains(w, "$") {
						fs.unknown = true
						continue
					}
					if w == "." || strings.Contains(w, "/") || !strings.ContainsAny(w, ":") {
						fs.writable, fs.handed = append(fs.writable, abs(w)), true
					}
				}
			}
		}
	}
	fs.nonRoot = nonRootUser(user)
	if fs.appRoot == "" {
		fs.appRoot = fs.workdir
	}
	return fs
}

// ownershipRe is a command that hands a path to a user or opens it to all.
var ownershipRe = command(`chown|chgrp|chmod|setfacl|install\s+-[a-zA-Z]*[od]`)

// createRe is a command that creates the paths it names (as the USER).
var createRe = command(`mkdir|touch`)

// canWrite reports whether the runtime user can write p: an owned path at
// or above it (lint does not follow recursion or later root-owned copies:
// a path handed over counts for everything below it).
func (fs stageFS) canWrite(p string) bool {
	for _, w := range fs.writable {
		if w == p || w == "/" || strings.HasPrefix(p, w+"/") {
			return true
		}
	}
	for _, free := range []string{"/tmp", "/var/tmp", "/dev/shm", "/home", "/root", "/run"} {
		if p == free || strings.HasPrefix(p, free+"/") {
			return true
		}
	}
	return false
}

// appWrites lists the paths detection reads the app writes, each with why:
// relative ones are relative to the app's working directory.
func appWrites(p *detect.Project) (paths, whys []string) {
	add := func(pth, why string) {
		paths, whys = append(paths, pth), append(whys, why)
	}
	switch p.Lang {
	case "go":
		// A data flag's relative default, not "uses SQLite": where an
		// SQLite app keeps its database is its own setting (often $HOME).
		if p.Go.DataFlag != "" {
			add(path.Clean("./"+p.Go.DataDir), p.Go.DataFlag+evidenceAt(p, p.Go.DataFlag+":"))
		}
	case "node":
		for _, d := range p.Node.Writable {
			add(d, "the server creates or writes "+d+"/"+evidenceAt(p, ": "+d+" is writable"))
		}
	case "python":
		for _, d := range p.Python.Writable {
			add(d, "the app creates or writes "+d+"/"+evidenceAt(p, ": "+d+" is writable"))
		}
		for _, f := range p.Python.WritableFiles {
			add(path.Dir(f), "the app creates its SQLite database "+f+evidenceAt(p, "SQLite database "+f+":")+" and its journal beside it")
		}
	case "java":
		for _, w := range p.Java.Writable {
			// Where detection read it; a log folder alone does not stop
			// the app (Logback and Log4j report the file and go on).
			why, logs := "", true
			for _, e := range p.Evidence {
				if strings.Contains(e.Fact, ": the app writes in "+w+",") {
					key, _, _ := strings.Cut(e.Fact, " ")
					logs = logs && strings.HasPrefix(key, "logging.")
					if why == "" {
						why = e.Fact[:strings.Index(e.Fact, ": the app writes in ")] + " (" + where(e) + ")"
					}
				}
			}
			if why == "" {
				why, logs = "the app writes "+w, false
			}
			if !logs {
				add(w, why)
			}
		}
	}
	return paths, whys
}

// checkRuntimeFiles: DG833 and DG834 on the final stage.
func (c *checker) checkRuntimeFiles(last int) {
	p := c.startProject(last)
	if p == nil {
		return
	}
	argv, _, _ := c.startCommand(last)
	if p.Lang == "go" && c.goStart(p, argv) < 0 {
		return // the facts are the detected main package's; the image runs another program
	}
	if p.Lang == "go" && len(p.Go.RuntimeDirs) > 0 {
		c.checkRuntimeDirs(p, last)
	}
	paths, whys := appWrites(p)
	if len(paths) == 0 {
		return
	}
	f := c.finalFS(last)
	// handed: the image hands a path to the runtime user, just not the one
	// the app writes by default: it is meant to be pointed there at run
	// time (a DB_NAME or --data setting lint cannot see), a choice.
	// A literal path above the working directory (gorm.Open("sqlite3",
	// "./../gorm.db")) is no setting pointed elsewhere: handing /app over
	// does not answer it.
	above := slices.ContainsFunc(paths, func(p string) bool { return p == ".." || strings.HasPrefix(p, "../") })
	if f.unknown || !f.nonRoot || f.handed && !above {
		return
	}
	wd := f.workdir
	if p.Lang == "python" {
		// Python's paths are the project's (Flask's instance/ beside the
		// package, Django's BASE_DIR), wherever the process runs.
		wd = f.appRoot
	}
	ln := line0(c.stages[last])
	for i, rel := range paths {
		target := path.Join(wd, rel)
		if path.IsAbs(rel) {
			target = path.Clean(rel)
		}
		if f.canWrite(target) || rel != "." && f.canWrite(path.Dir(target)) {
			continue
		}
		where := target
		if rel == "." && p.Lang != "python" {
			where = "its working directory " + target
		}
		c.add(RuntimeWriteDenied, ln, whys[i]+", but "+where+" is root-owned in the final stage and the app runs as a non-root user")
	}
}

// checkRuntimeDirs: DG833 for each committed folder the Go program reads
// by relative path that no COPY of the final stage chain brings in.
func (c *checker) checkRuntimeDirs(p *detect.Project, last int) {
	ch := c.chain(last)
	for _, d := range p.Go.RuntimeDirs {
		ctxDir := path.Join(c.projectDir, d)
		covered := false
		for _, i := range ch {
			for _, cmd := range c.stages[i].Commands {
				var srcs []string
				from := ""
				switch cmd := cmd.(type) {
				case *instructions.CopyCommand:
					srcs, from = cmd.SourcePaths, cmd.From
				case *instructions.AddCommand:
					srcs = cmd.SourcePaths
				case *instructions.RunCommand:
					// A RUN that names the folder (git clone, mkdir, a download) makes it.
					if slices.ContainsFunc(strings.Fields(strings.Join(cmd.CmdLine, " ")), func(w string) bool {
						return slices.Contains(strings.Split(strings.Trim(w, `"'`), "/"), path.Base(d))
					}) {
						covered = true
					}
				}
				for _, s := range srcs {
					if c.copiesDir(s, from, ctxDir, path.Base(d)) {
						covered = true
					}
				}
			}
		}
		if !covered {
			c.add(RuntimeDirMissing, line0(c.stages[last]), "the program reads "+d+"/ relative to its working directory"+evidenceAt(p, "reads "+d+"/")+", but the final stage never copies it")
		}
	}
}

// copiesDir reports whether a COPY source brings the folder dir (a context
// path) or its contents: the whole context, the folder, a path below it,
// a glob; from another stage, a folder of that name, or the tree the stage
// works in (where its COPY . . put the project) or one above it.
func (c *checker) copiesDir(src, from, dir, base string) bool {
	s := path.Clean(strings.TrimPrefix(src, "./"))
	if hasGlobMeta(s) || strings.Contains(s, "$") {
		return true
	}
	if from == "" {
		return s == "." || s == "/" || s == dir || strings.HasPrefix(dir, s+"/") || strings.HasPrefix(s, dir+"/")
	}
	if slices.Contains(strings.Split(s, "/"), base) {
		return true
	}
	return c.copiesTree(s, from)
}

// copiesTree reports whether a COPY source is the project's whole tree:
// the context (or the project's folder in it), or, from a build stage,
// the folder that stage works in (where its COPY . . put the project) or
// one above it.
func (c *checker) copiesTree(src, from string) bool {
	s := path.Clean(strings.TrimPrefix(src, "./"))
	if from == "" {
		return s == "." || s == "/" || s == c.projectDir
	}
	s = path.Clean("/" + s)
	for i, st := range c.stages {
		if !strings.EqualFold(st.Name, from) && strconv.Itoa(i) != from {
			continue
		}
		wd := "/"
		for _, j := range c.chain(i) {
			for _, cmd := range c.stages[j].Commands {
				if w, ok := cmd.(*instructions.WorkdirCommand); ok {
					wd = path.Join(wd, w.Path)
				}
			}
		}
		return s == wd || s == "/" || strings.HasPrefix(wd, s+"/")
	}
	return false // an image: its files are not the project's
}
