package generator

import (
	"context"
	"fmt"

	"github.com/dockgen/dockgen/generator/answers"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/write"
)

// Rendered are the files of a plan and what to tell the user about them.
type Rendered struct {
	Files   []write.File // Dockerfile first, .dockgen.yaml last
	Answers answers.Answers
	Notes   []string
}

// Render renders the plan's Dockerfile template, then the CI snippet, then
// the answers file that records the run. A GitLab pipeline the user wrote
// is never replaced: the snippet goes to its alternative path instead.
func Render(l *Loaded, pl *Planned) (*Rendered, error) {
	p, tmpl, cat := &pl.Plan, pl.Template, l.Catalog
	outs, err := cat.Render(tmpl, p)
	if err != nil {
		return nil, fmt.Errorf("template %s (%s): %w", tmpl.Meta.Name, tmpl.Source, err)
	}
	if p.CI != plan.CINone {
		ct, ok := cat.ForCI(p.CI)
		if !ok {
			return nil, fmt.Errorf("the catalog has no CI template for %s", p.CI)
		}
		cis, err := cat.Render(ct, p)
		if err != nil {
			return nil, fmt.Errorf("template %s (%s): %w", ct.Meta.Name, ct.Source, err)
		}
		outs = append(outs, cis...)
	}
	r := &Rendered{}
	for _, o := range outs {
		path := o.Path
		if o.AltPath != "" && foreignFile(l.Dir, o.Path) {
			path = o.AltPath
			r.Notes = append(r.Notes, fmt.Sprintf("%s is your own pipeline, so dockgen wrote %s; add it to %s:\n  include:\n    - local: %s", o.Path, path, o.Path, path))
		}
		r.Files = append(r.Files, write.File{Path: path, Content: o.Content})
	}
	r.Answers = answersFor(p, tmpl, l.Dir)
	data, err := r.Answers.Marshal()
	if err != nil {
		return nil, err
	}
	r.Files = append(r.Files, write.File{Path: answers.FileName, Content: data})
	return r, nil
}

// Check runs `dockgen lint`'s checker (BuildKit's rules and dockgen's) on
// the Dockerfile among files.
func Check(ctx context.Context, files []write.File) ([]lint.Finding, error) {
	for _, f := range files {
		if f.Path == "Dockerfile" {
			fs, err := lint.Check(ctx, "Dockerfile", f.Content, lint.Options{})
			if err != nil {
				return nil, fmt.Errorf("checking the generated Dockerfile: %w", err)
			}
			return fs, nil
		}
	}
	return nil, nil
}
