// Package detect reads a project directory into facts with evidence. It only
// reads files: nothing from the repository is ever executed, symlinks that
// leave the root are not followed, and every file read is size-bounded.
package detect

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/safefs"
)

// Evidence is one fact with the file and line it came from.
type Evidence struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Fact string `json:"fact"`
}

// Warning is a problem found while reading a file; detection carries on.
type Warning struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Msg  string `json:"message"`
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Msg)
	}
	return w.File + ": " + w.Msg
}

// Project is one detected project, in the shape of DESIGN.md's detection
// contract, plus the template facts the Plan needs.
type Project struct {
	Path      string `json:"path"`
	Lang      string `json:"lang"`
	Version   string `json:"version"`
	Tool      string `json:"tool"`
	Wrapper   bool   `json:"wrapper"`
	Framework string `json:"framework"`
	Entry     string `json:"entry"`
	Port      int    `json:"port"`
	Build     string `json:"build"`
	// BuildRoot is the directory that must be the build context (relative
	// to the detection root, like Path): the workspace root, the go.work or
	// replace-target root; Path itself for a self-contained project.
	BuildRoot string     `json:"build_root"`
	Evidence  []Evidence `json:"evidence"`

	plan.Facts `json:"-"` // what templates read; not part of the contract

	// Alternatives are other plausible entries (several main packages, app
	// modules); the wizard offers them, generation notes them.
	Alternatives []string `json:"alternatives,omitempty"`
	// aggregate marks a root that only groups other projects (workspaces,
	// a multi-module build without one app): not chosen on its own.
	aggregate bool
	// rootErr says why the build root cannot hold everything the build
	// reads (a replace target outside the repository); generation stops on it.
	rootErr string
	// startsMember: an aggregate root's production start runs this
	// workspace package (its name or directory): that member is chosen.
	startsMember string
	// fromMain: the Node entry is only package.json's main, which a
	// library has too.
	fromMain bool
	// library: a member of a multi-module build or workspace that makes
	// nothing to run (a reactor module without a runnable artifact, a uv
	// workspace member without an app).
	library bool
}

// RootError is why no build context can hold everything the project's build
// reads, nil when one can.
func (p *Project) RootError() error {
	if p.rootErr == "" {
		return nil
	}
	return errors.New(p.rootErr)
}

func (p *Project) evidence(file string, line int, format string, args ...any) {
	p.Evidence = append(p.Evidence, Evidence{File: file, Line: line, Fact: fmt.Sprintf(format, args...)})
}

// Result is what detection found under a root.
type Result struct {
	Root     string    `json:"root"`
	Projects []Project `json:"projects"`
	Chosen   int       `json:"chosen"`
	Warnings []Warning `json:"warnings,omitempty"`
}

// maxFileSize bounds every manifest read: a bigger file is not a manifest.
const maxFileSize = 4 << 20

// dir gives detectors bounded, symlink-safe reads of one directory.
type dir struct {
	root     string // absolute, symlinks resolved
	rel      string // slash path of this dir relative to root ("." for the root)
	warnings *[]Warning
	listing  []fs.DirEntry // entries of this dir when the walk already read them
	fsys     *safefs.Root  // root opened once for the walk; nil opens it per read
	cache    *walkCache    // what one walk reads once for many projects (nil: not shared)
}

// readFile and readDir read inside the root through safefs (bounded,
// regular files only, no link out of the root).
func (d *dir) readFile(rel string, max int64) ([]byte, error) {
	if d.fsys != nil {
		return d.fsys.ReadFile(rel, max)
	}
	return safefs.ReadFile(d.root, rel, max)
}

func (d *dir) readDir(rel string) ([]fs.DirEntry, error) {
	if d.fsys != nil {
		return d.fsys.ReadDir(rel)
	}
	return safefs.ReadDir(d.root, rel)
}

// path returns the evidence path of name (relative to the root).
func (d *dir) path(name string) string {
	if d.rel == "." || name == "." {
		return path.Join(d.rel, name)
	}
	return d.rel + "/" + name
}

func (d *dir) abs(name string) string {
	return filepath.Join(d.root, filepath.FromSlash(d.path(name)))
}

// exists reports whether name exists inside the root (a symlink pointing out
// of the root counts as absent).
func (d *dir) exists(name string) bool {
	_, err := d.stat(name)
	return err == nil
}

func (d *dir) isDir(name string) bool {
	fi, err := d.stat(name)
	return err == nil && fi.IsDir()
}

func (d *dir) stat(name string) (fs.FileInfo, error) {
	p := d.abs(name)
	if !within(d.root, p) { // a name from a manifest: "../../outside/x.js"
		return nil, fs.ErrNotExist
	}
	fi, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(p)
		if err != nil {
			return nil, err
		}
		if !within(d.root, target) {
			return nil, fs.ErrNotExist
		}
		return os.Stat(target)
	}
	return fi, nil
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// read returns the file's bytes (a leading UTF-8 BOM dropped), or nil when
// it does not exist or is a directory. Oversized files, links out of the
// root, named pipes and other non-regular files become warnings.
// head reads at most the first n bytes of the file name (for checks that
// need only a file's beginning, whatever its size).
func (d *dir) head(name string, n int) ([]byte, error) {
	var data []byte
	var err error
	if d.fsys != nil {
		data, err = d.fsys.ReadHead(d.path(name), n)
	} else {
		data, err = safefs.ReadHead(d.root, d.path(name), n)
	}
	return safefs.StripBOM(data), err
}

func (d *dir) read(name string) []byte {
	data, err := d.readFile(d.path(name), maxFileSize)
	if err != nil {
		var se *safefs.Error
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case errors.Is(err, safefs.ErrIsDir):
		case errors.As(err, &se) && errors.Is(err, safefs.ErrTooLarge):
			d.warn(name, 0, "skipped: larger than %d MiB", maxFileSize>>20)
		case errors.As(err, &se):
			d.warn(name, 0, "skipped: %s", se.Reason())
		default:
			d.warn(name, 0, "cannot read: %v", err)
		}
		return nil
	}
	return safefs.StripBOM(data)
}

func (d *dir) warn(name string, line int, format string, args ...any) {
	*d.warnings = append(*d.warnings, Warning{File: d.path(name), Line: line, Msg: fmt.Sprintf(format, args...)})
}

// list returns the names in the directory (nil when unreadable, not a
// directory, or reached through a link out of the root).
func (d *dir) list(name string) []fs.DirEntry {
	if name == "." && d.listing != nil {
		return d.listing
	}
	rel := d.path(name)
	if d.cache != nil {
		if entries, ok := d.cache.lists[rel]; ok {
			return entries
		}
	}
	entries, err := d.readDir(rel)
	if err != nil {
		return nil
	}
	d.cache.keepList(rel, entries)
	return entries
}

// lineOf returns the 1-based line of the first occurrence of needle in data, 0 if absent.
func lineOf(data []byte, needle string) int {
	i := bytes.Index(data, []byte(needle))
	if i < 0 {
		return 0
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// detector recognises one kind in a directory. Each kind's detector file
// declares its detector; detectors run in the order below and the first
// match wins, so a more specific manifest shadows a generic one.
type detector struct {
	kind   *kind.Kind // the kind of what it finds, unless the project says otherwise
	detect func(d *dir) (*Project, bool)
	// buildRoot moves p.BuildRoot up to the workspace, reactor or settings
	// root the project builds from; nil: the project builds on its own.
	buildRoot func(d *dir, p *Project)
	// deployable reports whether a project of the kind runs something (a
	// library has nothing to start); nil: always.
	deployable func(p *Project) bool
}

// detectorOf is the first detector of the project's kind: the home of that
// kind's hooks (a static site built by Node has the static kind's).
func detectorOf(lang string) *detector {
	for _, det := range detectors {
		if det.kind.Name == lang {
			return det
		}
	}
	return nil
}

var detectors = []*detector{
	// Hugo, Jekyll and MkDocs sources first: a Hugo Modules go.mod (no Go
	// code), MkDocs' requirements.txt and CSS tooling in package.json are
	// parts of the site, not programs.
	&siteGeneratorDetector,
	// go.mod is unambiguous; a ui/ or .nvmrc beside it must not flip the kind.
	&goDetector,
	// Build files of the JVM are unambiguous too, and repos often carry a
	// package.json for front-end assets next to them.
	&javaDetector,
	// Python manifests before package.json for the same reason (assets tooling).
	&pythonDetector,
	// package.json: a server, or a SPA whose build output is a static site.
	&nodeDetector,
	// Plain HTML last: index.html at the root or in a conventional folder.
	&staticDetector,
}

// run detects in d; a project that names no kind is the detector's.
func (det *detector) run(d *dir) (*Project, bool) {
	p, ok := det.detect(d)
	if ok && p.Lang == "" {
		p.Lang = det.kind.Name
	}
	return p, ok
}

// Dir detects the projects under root with the default walk bounds.
func Dir(root string) (*Result, error) { return Walk(root, DefaultLimits) }

// DetectLang runs only the detector of one kind at root (used when --lang is
// given): the user has said what the project is, so no walk is needed.
func DetectLang(root, lang string) (*Project, []Warning, error) {
	abs, err := openRoot(root)
	if err != nil {
		return nil, nil, err
	}
	var warnings []Warning
	d := &dir{root: abs, rel: ".", warnings: &warnings}
	for _, det := range detectors {
		if det.kind.Name == lang {
			if p, ok := det.run(d); ok {
				p.Path = "."
				finish(d, p)
				return p, warnings, nil
			}
		}
	}
	return nil, warnings, nil
}

// openRoot resolves root to an absolute, symlink-free directory path.
func openRoot(root string) (string, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("reading project directory: %w", err)
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s is not a directory", root)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if _, err := os.ReadDir(abs); err != nil {
		return "", fmt.Errorf("reading project directory %s: %w", root, err)
	}
	return abs, nil
}

// detectOne runs the detectors in order on one directory.
func detectOne(d *dir) *Project {
	for _, det := range detectors {
		if p, ok := det.run(d); ok {
			p.Path = d.rel
			finish(d, p)
			return p
		}
	}
	return nil
}

// finish fills what every kind shares: the port when the detector found
// none, and empty slices rather than null in JSON.
func finish(d *dir, p *Project) {
	if p.Port == 0 {
		p.Port = findPort(d, p)
	}
	buildRoot(d, p)
	if p.Evidence == nil {
		p.Evidence = []Evidence{}
	}
}

// maxUp bounds how far above the detected directory findUp looks.
const maxUp = 3

// findUp looks for the first of names in this directory's parents: inside the
// root first, then above it up to the repository's top (the directory holding
// .git, at most maxUp levels up): a workspace package, or a subfolder the
// user pointed at, keeps its lockfile at the repository root. The path it returns is
// relative to the root ("../yarn.lock").
func (d *dir) findUp(names ...string) string {
	rel := d.rel
	for rel != "." {
		rel = path.Dir(rel)
		for _, n := range names {
			p := path.Join(rel, n)
			if fi, err := os.Lstat(filepath.Join(d.root, filepath.FromSlash(p))); err == nil && fi.Mode().IsRegular() {
				return p
			}
		}
	}
	// Above the root only inside the same repository: a home directory's
	// ~/.tool-versions is not part of the build.
	top := repoTop(d.root)
	if top == "" || top == d.root {
		return ""
	}
	up, prefix := d.root, ""
	for up != top {
		up, prefix = filepath.Dir(up), prefix+"../"
		for _, n := range names {
			if fi, err := os.Lstat(filepath.Join(up, n)); err == nil && fi.Mode().IsRegular() {
				return prefix + n
			}
		}
	}
	return ""
}

// repoTop is the nearest directory at or above root (at most maxUp levels
// up) that holds .git, "" when there is none.
func repoTop(root string) string { return gitTopWithin(root, maxUp) }

// readUp reads a file found by findUp (bounded like read), inside the
// repository it was found in.
func (d *dir) readUp(rel string) []byte {
	var data []byte
	var err error
	if strings.HasPrefix(rel, "../") {
		top := repoTop(d.root)
		if top == "" {
			return nil
		}
		name, rerr := filepath.Rel(top, filepath.Join(d.root, filepath.FromSlash(rel)))
		if rerr != nil {
			return nil
		}
		data, err = safefs.ReadFile(top, name, maxFileSize)
	} else {
		data, err = d.readFile(rel, maxFileSize)
	}
	if err != nil {
		return nil
	}
	return safefs.StripBOM(data)
}

// versionFile reads a version pin: the first of files holding a value (its
// first line that is not blank or a comment), else the line of an asdf/mise
// .tool-versions file naming one of tools. Files above the project are
// searched too (a subfolder of a repository pinned at its root). It returns
// the value, the file relative to the root, and the line.
func versionFile(d *dir, files []string, tools ...string) (string, string, int) {
	for _, f := range files {
		if v, line := firstValue(d.read(f)); v != "" {
			return v, d.path(f), line
		}
	}
	if v, line := toolVersion(d.read(".tool-versions"), tools); v != "" {
		return v, d.path(".tool-versions"), line
	}
	if up := d.findUp(append(files, ".tool-versions")...); up != "" {
		data := d.readUp(up)
		v, line := firstValue(data)
		if path.Base(up) == ".tool-versions" {
			v, line = toolVersion(data, tools)
		}
		if v != "" {
			return v, up, line
		}
	}
	return "", "", 0
}

func firstValue(data []byte) (string, int) {
	for i, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return l, i + 1
		}
	}
	return "", 0
}

func toolVersion(data []byte, tools []string) (string, int) {
	for i, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) >= 2 && slices.Contains(tools, f[0]) {
			return f[1], i + 1
		}
	}
	return "", 0
}

// braceBlock returns data from the brace at open to its match (bounded to
// 64 KiB: a Gradle block or a Go composite literal).
func braceBlock(data []byte, open int) []byte {
	depth := 0
	for i := open; i < len(data) && i < open+64<<10; i++ {
		switch data[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return data[open : i+1]
			}
		}
	}
	return data[open:min(len(data), open+64<<10)]
}
