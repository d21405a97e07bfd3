package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dockgen/dockgen/generator/answers"
	render "github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/region"
	"github.com/dockgen/dockgen/templates"
)

// Catalog loads the catalog a request names (flags, environment, the
// answers file in req.Dir, built-in), for `dockgen templates`.
func Catalog(ctx context.Context, req Request) (*render.Catalog, error) {
	ans, err := answers.Read(req.Dir)
	if err != nil {
		return nil, err
	}
	return loadCatalog(ctx, req, ans)
}

// Problem is one finding of LintCatalog, located in the catalog or in the
// rendered output.
type Problem struct {
	Template string `json:"template"`
	Region   string `json:"region,omitempty"`
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc += ":" + strconv.Itoa(p.Line)
		if p.Column > 0 {
			loc += ":" + strconv.Itoa(p.Column)
		}
	}
	s := loc + ": " + p.Rule + ": " + p.Message
	if p.Region != "" {
		s += " (template " + p.Template + ", region " + p.Region + ")"
	}
	return s
}

// LintCatalog checks a team catalog: its metadata and region profiles load,
// and each of its templates renders with its defaults under every region
// profile into output that passes BuildKit's checks (Dockerfiles) or
// parses (CI YAML). A template of kind dockerfile is rendered for an empty
// project of its language, which is what its defaults must cope with.
func LintCatalog(ctx context.Context, dir string) ([]Problem, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("catalog %s is not a readable directory", dir)
	}
	fsys, err := render.OpenDir(abs)
	if err != nil {
		return nil, err
	}
	src := render.Source{Name: abs, FS: fsys}
	cat, err := render.LoadCatalog(src, render.Source{Name: BuiltinSource, FS: templates.FS()})
	if err != nil {
		return []Problem{{File: dir, Rule: "metadata", Message: err.Error()}}, nil
	}
	profiles, err := region.Load(src.FS, templates.FS())
	if err != nil {
		return []Problem{{File: filepath.Join(dir, "regions"), Rule: "region", Message: err.Error()}}, nil
	}
	var problems []Problem
	for _, t := range cat.All() {
		if t.Source != abs {
			continue
		}
		for _, r := range region.Names(profiles) {
			problems = append(problems, lintTemplate(ctx, cat, t, abs, r)...)
		}
	}
	return problems, nil
}

func lintTemplate(ctx context.Context, cat *render.Catalog, t *render.Template, catalog, regionName string) []Problem {
	prob := func(file string, line, col int, rule, msg string) Problem {
		return Problem{Template: t.Meta.Name, Region: regionName, File: file, Line: line, Column: col, Rule: rule, Message: msg}
	}
	lang, tmplName := t.Meta.Lang, t.Meta.Name
	if t.Meta.Kind == render.KindCI {
		lang, tmplName = plan.LangGo, "" // a CI snippet is rendered for the built-in Go plan
	}
	empty, err := os.MkdirTemp("", "dockgen-lint-")
	if err != nil {
		return []Problem{prob(t.Meta.Name, 0, 0, "internal", err.Error())}
	}
	defer os.RemoveAll(empty)
	// An empty project has no start file: Node templates get a sample entry.
	entry := map[string]string{plan.LangNode: "server.js"}[lang]
	res, err := Generate(ctx, Request{Dir: empty, Lang: lang, Template: tmplName, Region: regionName, CI: plan.CINone, Entry: entry, Catalogs: []string{catalog}})
	// failed locates an error: a render error at its file:line:col, anything
	// else at the template.
	failed := func(err error, file, rule string) []Problem {
		var re *render.Error
		if errors.As(err, &re) {
			line, _ := strconv.Atoi(re.Line)
			col, _ := strconv.Atoi(re.Column)
			return []Problem{prob(re.File, line, col, "render", re.Msg)}
		}
		return []Problem{prob(file, 0, 0, rule, err.Error())}
	}
	if err != nil {
		return failed(err, t.Meta.Name+"/template.yaml", "generate")
	}
	var out []Problem
	if t.Meta.Kind == render.KindCI {
		files, err := cat.Render(t, &res.Plan)
		if err != nil {
			return failed(err, t.Meta.Name, "render")
		}
		for _, f := range files {
			var doc any
			if err := yaml.Unmarshal(f.Content, &doc); err != nil {
				out = append(out, prob(t.Meta.Name+" -> "+f.Path, 0, 0, "yaml", strings.TrimPrefix(err.Error(), "yaml: ")))
			}
		}
		return out
	}
	// Generate checked the team Dockerfile with `dockgen lint`'s checker.
	for _, f := range res.Findings {
		msg := f.Message
		if f.URL != "" {
			msg += " (" + f.URL + ")"
		}
		out = append(out, prob(t.Meta.Name+" -> "+f.File, f.Line, 0, f.Rule, msg))
	}
	return out
}

// ExportTemplate copies a template's folder (template.yaml and its files)
// to dir/NAME, the start of a team template. It refuses to touch an
// existing folder.
func ExportTemplate(cat *render.Catalog, name, dir string) (string, error) {
	t, ok := cat.Get(name)
	if !ok {
		return "", fmt.Errorf("no template %q in the catalog (dockgen templates list shows them)", name)
	}
	fsys, src := t.Files()
	dst := filepath.Join(dir, name)
	if _, err := os.Lstat(dst); err == nil {
		return "", fmt.Errorf("%s already exists: export into an empty place, or remove it first", dst)
	}
	err := fs.WalkDir(fsys, src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	return dst, err
}
