package generator

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/dockgen/dockgen/generator/answers"
	render "github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/write"
)

// Rendered are the files of a plan and what to tell the user about them.
type Rendered struct {
	// Root is the directory the file paths are relative to: the project
	// directory, or the git top-level when the CI snippet goes there.
	Root    string
	Files   []write.File // Dockerfile first, .dockgen.yaml last
	Answers answers.Answers
	Notes   []string
}

// Render renders the plan's Dockerfile template, then the CI snippet, then
// the answers file that records the run. A GitLab pipeline the user wrote
// is never replaced: the snippet goes to its alternative path instead.
//
// CI providers read their pipeline at the repository's top level only, so
// for a project below it the snippet goes there, named after the project
// (several projects of a monorepo each get their own), and every file is
// written relative to the top level.
func Render(l *Loaded, pl *Planned) (*Rendered, error) {
	p, tmpl, cat := &pl.Plan, pl.Template, l.Catalog
	outs, err := cat.Render(tmpl, p)
	if err != nil {
		return nil, fmt.Errorf("template %s (%s): %w", tmpl.Meta.Name, tmpl.Source, err)
	}
	var cis []render.Output
	if p.CI != plan.CINone {
		ct, ok := cat.ForCI(p.CI)
		if !ok {
			return nil, fmt.Errorf("the catalog has no CI template for %s", p.CI)
		}
		if cis, err = cat.Render(ct, p); err != nil {
			return nil, fmt.Errorf("template %s (%s): %w", ct.Meta.Name, ct.Source, err)
		}
	}
	r := &Rendered{Root: l.Dir}
	prefix := ""
	if len(cis) > 0 {
		if top, rel := repoPlace(l.Dir); rel != "" {
			r.Root, prefix = top, rel
		}
	}
	for _, o := range outs {
		name := o.Path
		if name == ".dockerignore" {
			name = p.Context.Ignore // the ignore file BuildKit applies to this context
		}
		r.Files = append(r.Files, write.File{Path: path.Join(prefix, name), Content: o.Content})
	}
	for _, o := range cis {
		name := o.Path
		switch {
		case prefix != "" && o.AltPath != "":
			// The top-level pipeline is shared by every project: include.
			name = named(o.AltPath, p.Name)
			r.Notes = append(r.Notes, fmt.Sprintf("add %s to %s at the repository's top level:\n  include:\n    - local: %s", name, o.Path, name))
		case prefix != "":
			name = named(o.Path, p.Name)
		case o.AltPath != "" && foreignFile(r.Root, o.Path):
			name = o.AltPath
			r.Notes = append(r.Notes, fmt.Sprintf("%s is your own pipeline, so dockgen wrote %s; add it to %s:\n  include:\n    - local: %s", o.Path, name, o.Path, name))
		}
		r.Files = append(r.Files, write.File{Path: name, Content: o.Content})
	}
	r.Answers = answersFor(p, tmpl, l.Dir)
	data, err := r.Answers.Marshal()
	if err != nil {
		return nil, err
	}
	r.Files = append(r.Files, write.File{Path: path.Join(prefix, answers.FileName), Content: data})
	return r, nil
}

// repoPlace is the git top-level above dir and dir relative to it (a slash
// path), "" when dir is the top level or in no repository.
func repoPlace(dir string) (string, string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", ""
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	top := detect.GitTop(abs)
	if top == "" || top == abs {
		return "", ""
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || !plan.SafeRel(filepath.ToSlash(rel)) {
		return "", ""
	}
	return top, filepath.ToSlash(rel)
}

// named puts the project's name into a CI file name:
// .github/workflows/docker-image.yml -> .github/workflows/docker-image-web.yml.
func named(p, name string) string {
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "-" + name + ext
}

// Check runs `dockgen lint`'s checker (BuildKit's rules and dockgen's) on
// the Dockerfile among files.
func Check(ctx context.Context, files []write.File) ([]lint.Finding, error) {
	for _, f := range files {
		if path.Base(f.Path) == "Dockerfile" {
			fs, err := lint.Check(ctx, "Dockerfile", f.Content, lint.Options{})
			if err != nil {
				return nil, fmt.Errorf("checking the generated Dockerfile: %w", err)
			}
			return fs, nil
		}
	}
	return nil, nil
}
