package catalog

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync"
	"text/template"

	"github.com/dockgen/dockgen/templates"
)

// PartialsDir is the catalog folder whose *.tmpl files are shared definitions
// ({{ define }} blocks) available to every template. Team catalogs may add or
// redefine partials; built-in ones are parsed first.
const PartialsDir = "_partials"

// Output is one rendered file.
type Output struct {
	Path    string // where it is written, relative to the project
	AltPath string // see File.AltPath
	Content []byte
}

// Render renders every file of t with data. Partials come from every catalog
// source, lowest precedence first, so a team partial overrides a built-in one.
//
// Rendering is bounded in work, time and size (see maxWork): a template
// that exceeds a bound fails with a *LimitError naming its file.
func (c *Catalog) Render(t *Template, data any) ([]Output, error) {
	b := newBudget()
	parsed, err := c.parse(t)
	if err != nil {
		return nil, err
	}
	// A clone shares the parsed trees (execution only reads them) and has
	// its own function map, bound to this render's budget.
	root, err := parsed.Clone()
	if err != nil {
		return nil, err
	}
	root.Funcs(boundedFuncs(b))
	var out []Output
	for _, f := range t.Meta.Files {
		name := path.Join(t.dir, f.Template)
		tm := root.Lookup(name)
		if tm == nil {
			return nil, fmt.Errorf("template %s: file %s listed in template.yaml does not exist", t.Meta.Name, name)
		}
		var w limitWriter
		if err := tm.Execute(&w, data); err != nil {
			var le *LimitError
			if errors.As(err, &le) {
				return nil, &LimitError{File: name, Msg: le.Msg}
			}
			return nil, renderError(err)
		}
		out = append(out, Output{Path: f.Path, AltPath: f.AltPath, Content: tidy([]byte(w.buf.String()))})
	}
	return out, nil
}

// builtinParsed caches the parsed, instrumented template sets of the
// built-in catalog, which cannot change while the process runs: parsing
// was most of a generation's time.
var builtinParsed sync.Map // template name -> *template.Template

// isBuiltin reports the embedded catalog (by its file system, not only by
// name: a test may name another one "builtin").
func isBuiltin(s Source) bool {
	b, ok := s.FS.(embed.FS)
	return ok && s.Name == BuiltinSource && b == templates.FS().(embed.FS)
}

// parse returns t's template set: its files and every source's partials,
// instrumented for the budget, with placeholder functions.
func (c *Catalog) parse(t *Template) (*template.Template, error) {
	builtin := isBuiltin(Source{Name: t.Source, FS: t.fsys})
	for _, s := range c.sources {
		builtin = builtin && isBuiltin(s)
	}
	if builtin {
		if p, ok := builtinParsed.Load(t.Meta.Name); ok {
			return p.(*template.Template), nil
		}
	}
	root := template.New(t.Meta.Name).Option("missingkey=error").Funcs(boundedFuncs(newBudget()))
	for i := len(c.sources) - 1; i >= 0; i-- {
		if err := parseDir(root, c.sources[i].FS, PartialsDir); err != nil {
			return nil, err
		}
	}
	if err := parseDir(root, t.fsys, t.dir); err != nil {
		return nil, err
	}
	if err := instrument(root); err != nil {
		return nil, err
	}
	if builtin {
		builtinParsed.Store(t.Meta.Name, root)
	}
	return root, nil
}

// parseDir adds every *.tmpl file of dir to the set, each named by its path.
func parseDir(root *template.Template, fsys fs.FS, dir string) error {
	matches, err := fs.Glob(fsys, path.Join(dir, "*.tmpl"))
	if err != nil {
		return err
	}
	for _, m := range matches {
		data, err := fs.ReadFile(fsys, m)
		if err != nil {
			return err
		}
		if _, err := root.New(m).Parse(string(data)); err != nil {
			return renderError(err)
		}
	}
	return nil
}

// tidy collapses runs of blank lines left by conditional blocks into one and
// ends the file with exactly one newline, so templates can stay readable.
func tidy(b []byte) []byte {
	lines := strings.Split(strings.TrimRight(string(b), "\n \t"), "\n")
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if blank || len(out) == 0 {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, "\n") + "\n")
}

// text/template errors look like
//
//	template: go/Dockerfile.tmpl:12:5: executing "go/Dockerfile.tmpl" at <.Port>: map has no entry for key "Port"
//
// renderError turns them into "render error at (go/Dockerfile.tmpl:12:5): ...".
var tmplErrRe = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (?:executing "[^"]*" at <([^>]*)>: )?(.*)$`)

// Error is a template error with its location.
type Error struct {
	File         string
	Line, Column string
	Msg          string
}

func (e *Error) Error() string {
	loc := e.File + ":" + e.Line
	if e.Column != "" {
		loc += ":" + e.Column
	}
	return fmt.Sprintf("render error at (%s): %s", loc, e.Msg)
}

func renderError(err error) error {
	var ee template.ExecError
	msg := err.Error()
	if errors.As(err, &ee) {
		msg = ee.Err.Error()
	}
	m := tmplErrRe.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("render error: %s", strings.TrimPrefix(msg, "template: "))
	}
	text := m[5]
	if m[4] != "" {
		text = m[4] + ": " + text
	}
	return &Error{File: m[1], Line: m[2], Column: m[3], Msg: text}
}
