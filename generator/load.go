package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/dockgen/dockgen/generator/answers"
	render "github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/region"
)

// Loaded is what a run reads before it looks at the project's files: the
// answers file, the catalogs and the region profiles. Callers load once and
// plan as often as the choices change (the wizard does).
type Loaded struct {
	Dir     string
	Saved   *answers.Answers // .dockgen.yaml; nil when there is none or it is for another kind
	Catalog *render.Catalog
	Regions map[string]region.Profile
}

// Load reads the answers file in req.Dir and the catalogs req names (flags,
// DOCKGEN_CATALOG, the answers file's, then the built-ins) with their region
// profiles.
func Load(ctx context.Context, req Request) (*Loaded, error) {
	dir := req.Dir
	if dir == "" {
		dir = "."
	}
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("--dir %s: %w", dir, errors.Unwrap(err))
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("--dir %s: not a directory", dir)
	}
	ans, err := answers.Read(dir)
	if err != nil {
		return nil, err
	}
	if ans != nil && req.Lang != "" {
		// Answers for another kind do not apply, catalog included.
		if k, _, err := kind.Parse(req.Lang); err != nil {
			return nil, err
		} else if ans.Lang != k.Name {
			ans = nil
		}
	}
	cat, err := loadCatalog(ctx, req, ans)
	if err != nil {
		return nil, err
	}
	var regionFS []fs.FS
	for _, s := range cat.Sources() {
		regionFS = append(regionFS, s.FS)
	}
	regions, err := region.Load(regionFS...)
	if err != nil {
		return nil, err
	}
	return &Loaded{Dir: dir, Saved: ans, Catalog: cat, Regions: regions}, nil
}

// Choose merges the caller's choices over the answers file's, field by
// field: the one place where "flag > answers file" is decided (the
// environment names catalogs only, see Load; detection and defaults come
// in Plan). The kind comes out canonical, with the tool its alias implies.
func (l *Loaded) Choose(req Request) (Request, error) {
	c := req
	c.Dir = l.Dir
	if c.Lang != "" {
		k, tool, err := kind.Parse(c.Lang)
		if err != nil {
			return c, err
		}
		c.Lang, c.Tool = k.Name, pick(c.Tool, tool)
	}
	a := l.Saved
	if a == nil {
		return c, nil
	}
	if c.Lang == "" {
		k, _, err := kind.Parse(a.Lang)
		if err != nil {
			return c, fmt.Errorf("%s: lang: %w", answers.FileName, err)
		}
		c.Lang = k.Name
	}
	c.Template = pick(c.Template, a.Template)
	c.ImageName = pick(c.ImageName, a.ImageName)
	c.Region = pick(c.Region, a.Region)
	c.CI = pick(c.CI, a.CI)
	c.Tool = pick(c.Tool, a.Tool)
	c.LangVersion = pick(c.LangVersion, a.LangVersion)
	c.Entry = pick(c.Entry, a.Entry)
	c.Runtime = pick(c.Runtime, a.Runtime)
	if c.Port == 0 {
		c.Port = a.Port
	}
	if len(c.Private) == 0 {
		c.Private = a.Private
	}
	if len(c.BuildSecrets) == 0 {
		c.BuildSecrets = a.BuildSecrets
	}
	// Template variables: the answers file's, then the caller's on top.
	set := map[string]string{}
	for k, v := range a.Variables {
		set[k] = v
	}
	for k, v := range req.Set {
		set[k] = v
	}
	c.Set = set
	return c, nil
}

// Templates are the names of the Dockerfile templates for kind lang.
func (l *Loaded) Templates(lang string) []string {
	var out []string
	for _, t := range l.Catalog.ForLang(lang) {
		out = append(out, t.Meta.Name)
	}
	return out
}

// RegionNames are the region profiles, sorted.
func (l *Loaded) RegionNames() []string { return region.Names(l.Regions) }
