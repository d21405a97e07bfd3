package catalog

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/dockgen/dockgen/generator/region"
	"github.com/dockgen/dockgen/templates"
)

// Problem is one finding of Lint, located in the catalog or in the
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

// CheckFunc renders and checks one template of the catalog in dir under
// one region profile. The generator provides it: it plans an empty project
// of the template's language, which needs the whole pipeline.
type CheckFunc func(ctx context.Context, cat *Catalog, t *Template, dir, region string) []Problem

// Lint checks a team catalog: its metadata and region profiles load, and
// check passes for each of its templates under every region profile.
func Lint(ctx context.Context, dir string, check CheckFunc) ([]Problem, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("catalog %s is not a readable directory", dir)
	}
	fsys, err := OpenDir(abs)
	if err != nil {
		return nil, err
	}
	src := Source{Name: abs, FS: fsys}
	cat, err := LoadCatalog(src, Source{Name: BuiltinSource, FS: templates.FS()})
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
			problems = append(problems, check(ctx, cat, t, abs, r)...)
		}
	}
	return problems, nil
}

// Export copies a template's folder (template.yaml and its files) to
// dir/NAME, the start of a team template. It refuses to touch an existing
// folder.
func Export(cat *Catalog, name, dir string) (string, error) {
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
