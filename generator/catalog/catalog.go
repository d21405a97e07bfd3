// Package catalog loads template catalogs (built-in and team ones, layered) and
// renders a template's files with text/template and an allowlist of sprig
// functions.
package catalog

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/mod/semver"
)

// Template kinds.
const (
	KindDockerfile = "dockerfile" // a language template: Dockerfile, .dockerignore, ...
	KindCI         = "ci"         // a CI snippet
)

// Meta is a template's template.yaml.
type Meta struct {
	Name        string     `yaml:"name"`
	Kind        string     `yaml:"kind"`
	Lang        string     `yaml:"lang,omitempty"` // for dockerfile templates
	CI          string     `yaml:"ci,omitempty"`   // for ci templates: github | gitlab
	Description string     `yaml:"description"`
	Version     string     `yaml:"version"`
	MinDockgen  string     `yaml:"min_dockgen,omitempty"`
	Runtimes    []string   `yaml:"runtimes,omitempty"` // first is the default
	Variables   []Variable `yaml:"variables,omitempty"`
	Files       []File     `yaml:"files"`
}

// File maps a template file in the template's folder to the path it is written to.
type File struct {
	Template string `yaml:"template"`
	Path     string `yaml:"path"`
	// AltPath is used when Path already exists and was not written by dockgen
	// (GitLab: an include file instead of the user's own .gitlab-ci.yml).
	AltPath string `yaml:"alt_path,omitempty"`
}

// Variable declares a template variable settable with --set.
type Variable struct {
	Name        string   `yaml:"name"`
	Type        string   `yaml:"type"` // string | bool | int | list
	Default     string   `yaml:"default"`
	Description string   `yaml:"description"`
	Allowed     []string `yaml:"allowed,omitempty"`
	Pattern     string   `yaml:"pattern,omitempty"`
	Required    bool     `yaml:"required,omitempty"`
	// Min and Max bound an int variable (inclusive). Without them an int
	// is held to ±2147483647.
	Min *int64 `yaml:"min,omitempty"`
	Max *int64 `yaml:"max,omitempty"`
}

// Template is one resolved catalog entry.
type Template struct {
	Meta   Meta
	Source string // "builtin" or the catalog it came from (directory or git reference)
	Commit string // the git catalog's resolved commit, "" otherwise
	fsys   fs.FS  // the catalog's file system
	dir    string // the template's folder inside fsys
}

// Source is one catalog in the search order.
type Source struct {
	Name   string // "builtin", a directory, or a git catalog reference
	Commit string // the resolved commit of a git catalog
	FS     fs.FS
}

// Catalog is the layered set of templates: earlier sources override later ones.
type Catalog struct {
	sources   []Source
	templates map[string]*Template
}

var (
	templateNameRe = regexp.MustCompile(`^[a-z][a-z0-9-]{0,62}$`)
	varNameRe      = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)
)

// LoadCatalog reads every */template.yaml of each source. Sources are in
// precedence order: the first one that defines a name wins.
func LoadCatalog(sources ...Source) (*Catalog, error) {
	c := &Catalog{sources: sources, templates: map[string]*Template{}}
	for _, src := range sources {
		// fs.Glob skips a folder it cannot read: a template folder that is
		// a symbolic link out of the catalog would vanish without a word.
		if entries, err := fs.ReadDir(src.FS, "."); err == nil {
			for _, e := range entries {
				if e.Type()&fs.ModeSymlink == 0 || !templateNameRe.MatchString(e.Name()) {
					continue
				}
				if _, err := fs.Stat(src.FS, e.Name()); err != nil {
					return nil, fmt.Errorf("catalog %s: %s is a symbolic link that leads out of the catalog (or nowhere), and dockgen reads nothing outside a catalog: copy the template folder into it", src.Name, e.Name())
				}
			}
		}
		metas, err := fs.Glob(src.FS, "*/template.yaml")
		if err != nil {
			return nil, err
		}
		for _, m := range metas {
			dir := path.Dir(m)
			if strings.HasPrefix(dir, "_") {
				continue
			}
			meta, err := readMetaOf(src, m)
			if err != nil {
				return nil, fmt.Errorf("catalog %s: %w", src.Name, err)
			}
			if over, seen := c.templates[meta.Name]; seen {
				// Overridden by an earlier source, which must do the same
				// job: a ci template named go would hide the Dockerfile one.
				if what(over.Meta) != what(meta) {
					return nil, fmt.Errorf("catalog %s: template %s is %s, so it hides the %s catalog's template %s, which is %s: rename it (name: %s-%s in its template.yaml) to add a template instead", over.Source, meta.Name, what(over.Meta), src.Name, meta.Name, what(meta), meta.Name, over.Meta.Kind)
				}
				continue
			}
			c.templates[meta.Name] = &Template{Meta: meta, Source: src.Name, Commit: src.Commit, fsys: src.FS, dir: dir}
		}
	}
	return c, nil
}

// what says what a template is for: "kind dockerfile for go", "kind ci for github".
func what(m Meta) string {
	if m.Kind == KindCI {
		return "kind ci for " + m.CI
	}
	return "kind " + m.Kind + " for " + m.Lang
}

// builtinMetas caches the built-in catalog's metadata, read and
// validated once per process (it is embedded).
var builtinMetas sync.Map // path -> Meta

// readMetaOf is readMeta, cached for the built-in catalog. The cached Meta
// is shared: callers only read it.
func readMetaOf(src Source, name string) (Meta, error) {
	if !isBuiltin(src) {
		return readMeta(src.FS, name)
	}
	if m, ok := builtinMetas.Load(name); ok {
		return m.(Meta), nil
	}
	m, err := readMeta(src.FS, name)
	if err == nil {
		builtinMetas.Store(name, m)
	}
	return m, err
}

func readMeta(fsys fs.FS, name string) (Meta, error) {
	var meta Meta
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return meta, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&meta); err != nil {
		return meta, fmt.Errorf("%s: %w", name, err)
	}
	if err := meta.validate(); err != nil {
		return meta, fmt.Errorf("%s: %w", name, err)
	}
	return meta, nil
}

func (m *Meta) validate() error {
	if !templateNameRe.MatchString(m.Name) {
		return fmt.Errorf("name %q: use lowercase letters, digits and '-'", m.Name)
	}
	switch m.Kind {
	case KindDockerfile:
		if m.Lang == "" {
			return fmt.Errorf("template %s: kind dockerfile needs lang", m.Name)
		}
	case KindCI:
		if m.CI == "" {
			return fmt.Errorf("template %s: kind ci needs ci (github or gitlab)", m.Name)
		}
	default:
		return fmt.Errorf("template %s: kind %q: want dockerfile or ci", m.Name, m.Kind)
	}
	if m.MinDockgen != "" && !semver.IsValid("v"+strings.TrimPrefix(m.MinDockgen, "v")) {
		return fmt.Errorf("template %s: min_dockgen %q: want a version such as 0.3.0", m.Name, m.MinDockgen)
	}
	if len(m.Files) == 0 {
		return fmt.Errorf("template %s: files is empty", m.Name)
	}
	for _, f := range m.Files {
		if f.Template == "" || f.Path == "" {
			return fmt.Errorf("template %s: a files entry needs template and path", m.Name)
		}
		for _, p := range []string{f.Template, f.Path, f.AltPath} {
			if p != "" && !SafeRelPath(p) {
				return fmt.Errorf("template %s: file path %q must be relative and stay inside the project (no '..', no absolute paths)", m.Name, p)
			}
		}
		for _, p := range []string{f.Path, f.AltPath} {
			if p != "" && !OutputPathAllowed(p) {
				return fmt.Errorf("template %s: file path %q: a template writes only files directly in the project (not hidden), .dockerignore, .gitlab-ci.yml, .github/workflows/* and .gitlab/*", m.Name, p)
			}
		}
	}
	seen := map[string]bool{}
	for _, v := range m.Variables {
		if !varNameRe.MatchString(v.Name) {
			return fmt.Errorf("template %s: variable name %q: use lowercase letters, digits and '_'", m.Name, v.Name)
		}
		if seen[v.Name] {
			return fmt.Errorf("template %s: variable %s declared twice", m.Name, v.Name)
		}
		seen[v.Name] = true
		switch v.Type {
		case "string", "bool", "int", "list":
		default:
			return fmt.Errorf("template %s: variable %s: type %q: want string, bool, int or list", m.Name, v.Name, v.Type)
		}
		if (v.Min != nil || v.Max != nil) && v.Type != "int" {
			return fmt.Errorf("template %s: variable %s: min and max apply to type int only", m.Name, v.Name)
		}
		if v.Min != nil && v.Max != nil && *v.Min > *v.Max {
			return fmt.Errorf("template %s: variable %s: min %d is above max %d", m.Name, v.Name, *v.Min, *v.Max)
		}
		if v.Pattern != "" {
			if _, err := regexp.Compile(v.Pattern); err != nil {
				return fmt.Errorf("template %s: variable %s: pattern: %w", m.Name, v.Name, err)
			}
		}
		if v.Default != "" {
			if err := v.Check(v.Default); err != nil {
				return fmt.Errorf("template %s: variable %s: default: %w", m.Name, v.Name, err)
			}
		}
	}
	return nil
}

// SafeRelPath reports whether p is a clean relative slash path that stays
// inside its root.
func SafeRelPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsAny(p, "\x00\n\r") {
		return false
	}
	if path.Clean(p) != p || p == "." {
		return false
	}
	return p != ".." && !strings.HasPrefix(p, "../")
}

// OutputPathAllowed reports whether a template may write p, a SafeRelPath:
// a non-hidden file directly in the project, .dockerignore, .gitlab-ci.yml,
// or a non-hidden file under .github/workflows/ or .gitlab/. Everything
// else a file can do harm from is out of reach: .git/ (config and hooks run
// commands), other dot files and directories (.envrc, .vscode/), files in
// source directories, and .dockgen.yaml, which dockgen writes itself.
func OutputPathAllowed(p string) bool {
	switch p {
	case ".dockerignore", ".gitlab-ci.yml":
		return true
	}
	rest := p
	for _, dir := range []string{".github/workflows/", ".gitlab/"} {
		if r, ok := strings.CutPrefix(p, dir); ok {
			rest = r
			break
		}
	}
	if rest == p && strings.Contains(p, "/") {
		return false
	}
	for _, part := range strings.Split(rest, "/") {
		if part == "" || strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}

// Files returns the file system holding the template and its folder in it.
func (t *Template) Files() (fs.FS, string) { return t.fsys, t.dir }

// Get returns the template with that name.
func (c *Catalog) Get(name string) (*Template, bool) {
	t, ok := c.templates[name]
	return t, ok
}

// All returns every template, sorted by name.
func (c *Catalog) All() []*Template {
	out := make([]*Template, 0, len(c.templates))
	for _, t := range c.templates {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Meta.Name < out[j].Meta.Name })
	return out
}

// ForLang returns the dockerfile templates for a language, sorted by name.
func (c *Catalog) ForLang(lang string) []*Template {
	var out []*Template
	for _, t := range c.All() {
		if t.Meta.Kind == KindDockerfile && t.Meta.Lang == lang {
			out = append(out, t)
		}
	}
	return out
}

// ForCI returns the CI template for a provider, preferring one named "ci-<provider>".
func (c *Catalog) ForCI(provider string) (*Template, bool) {
	if t, ok := c.templates["ci-"+provider]; ok && t.Meta.Kind == KindCI {
		return t, true
	}
	for _, t := range c.All() {
		if t.Meta.Kind == KindCI && t.Meta.CI == provider {
			return t, true
		}
	}
	return nil, false
}

// Sources returns the catalog's sources in precedence order.
func (c *Catalog) Sources() []Source { return c.sources }
