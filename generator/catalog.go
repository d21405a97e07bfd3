package generator

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dockgen/dockgen/generator/answers"
	render "github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/plan"
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

// Problem is one finding of LintCatalog.
type Problem = render.Problem

// LintCatalog checks a team catalog: its metadata and region profiles load,
// and each of its templates renders with its defaults under every region
// profile into output that passes BuildKit's checks (Dockerfiles) or
// parses (CI YAML). A template of kind dockerfile is rendered for an empty
// project of its language, which is what its defaults must cope with.
func LintCatalog(ctx context.Context, dir string) ([]Problem, error) {
	return render.Lint(ctx, dir, lintTemplate)
}

// ExportTemplate copies a template's folder to dir/NAME (see catalog.Export).
func ExportTemplate(cat *render.Catalog, name, dir string) (string, error) {
	return render.Export(cat, name, dir)
}

func lintTemplate(ctx context.Context, cat *render.Catalog, t *render.Template, catalog, regionName string) []Problem {
	prob := func(file string, line, col int, rule, msg string) Problem {
		return Problem{Template: t.Meta.Name, Region: regionName, File: file, Line: line, Column: col, Rule: rule, Message: msg}
	}
	lang, tmplName := t.Meta.Lang, t.Meta.Name
	if t.Meta.Kind == render.KindCI {
		lang, tmplName = kind.Names()[0], "" // a CI snippet is rendered for the first kind's built-in plan
	}
	empty, err := os.MkdirTemp("", "dockgen-lint-")
	if err != nil {
		return []Problem{prob(t.Meta.Name, 0, 0, "internal", err.Error())}
	}
	defer os.RemoveAll(empty)
	// An empty project has no start file: Node templates get a sample entry.
	entry := kind.SampleEntry(lang)
	res, err := renderSample(empty, cat, Request{Lang: lang, Template: tmplName, Region: regionName, CI: plan.CINone, Entry: entry})
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
	findings, err := Check(ctx, res.Files)
	if err != nil {
		return failed(err, t.Meta.Name+"/template.yaml", "generate")
	}
	for _, f := range findings {
		msg := f.Message
		if f.URL != "" {
			msg += " (" + f.URL + ")"
		}
		out = append(out, prob(t.Meta.Name+" -> "+f.File, f.Line, 0, f.Rule, msg))
	}
	return out
}

// RememberCatalog records the team catalog a written result came from as
// trusted when the user named it with --catalog (req.Catalogs), so a later
// run from .dockgen.yaml alone may use it (see catalog.Remember). Call it
// after the files are written.
func RememberCatalog(req Request, res *Result) error {
	return render.Remember(res.Template, req.Catalogs)
}

// unparsable fails a team template whose Dockerfile does not parse (a
// BuildError finding of the checker): writing it would leave the user a build
// that cannot start, which dockgen lint reports as an error too.
func unparsable(t *render.Template, findings []lint.Finding) error {
	for _, f := range findings {
		if f.Rule == "BuildError" { // lint.Check: the Dockerfile does not parse
			return fmt.Errorf("template %s (%s) renders a Dockerfile that does not parse: %s:%d: %s; fix the template (dockgen templates lint checks a catalog)", t.Meta.Name, t.Source, f.File, f.Line, f.Message)
		}
	}
	return nil
}
