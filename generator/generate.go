// Package generator turns a project directory into container build files.
// Data flows one way: repo files -> detect -> plan (answers and flags
// override detected facts) -> render -> check -> files. It never prompts and
// never imports the CLI; when it needs a decision it returns an error that
// lists the choices.
package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/dockgen/dockgen/generator/answers"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/region"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/safefs"
	"github.com/dockgen/dockgen/generator/write"
	"github.com/dockgen/dockgen/templates"
)

// Request is what the caller asks for. Zero values mean "not given": the
// answers file, then detection, then defaults decide.
type Request struct {
	Dir         string
	Lang        string // kind or alias
	Region      string
	CI          string
	Port        int
	LangVersion string
	Entry       string
	Runtime     string
	Private     []string
	Set         map[string]string
	Template    string   // template name; default: .dockgen.yaml's, else the one named after the kind
	Catalogs    []string // team catalog directories, highest precedence first
	EnvCatalogs []string // from DOCKGEN_CATALOG, after Catalogs
}

// Result is a generation: the plan, the rendered files and what to tell the user.
type Result struct {
	Plan     plan.Plan
	Template *render.Template
	Files    []write.File // Dockerfile first, .dockgen.yaml last
	Answers  answers.Answers
	Detected *detect.Project // nil when nothing was detected
	Warnings []string
	Notes    []string
	Findings []lint.Finding // BuildKit checks on the generated Dockerfile
}

// PickProjectError means the project is not at the root: several were found
// (a monorepo) or the only one sits in a subdirectory. dockgen writes
// next to the project, so the user names it with --dir.
type PickProjectError struct {
	Dir    string
	Result *detect.Result
}

func (e *PickProjectError) Error() string {
	var b strings.Builder
	if e.Result.Chosen < 0 {
		fmt.Fprintf(&b, "%s holds %d projects; pick one with --dir:", e.Dir, len(e.Result.Projects))
	} else {
		fmt.Fprintf(&b, "the project in %s is in a subdirectory; generate there with --dir:", e.Dir)
	}
	const shown = 15
	for i, p := range e.Result.Projects {
		if i == shown {
			fmt.Fprintf(&b, "\n  ... and %d more (dockgen detect %s lists them all)", len(e.Result.Projects)-shown, e.Dir)
			break
		}
		fmt.Fprintf(&b, "\n  dockgen --dir %s\t# %s", filepath.ToSlash(filepath.Join(e.Dir, p.Path)), p.Lang)
		if p.Framework != "" && p.Framework != "none" {
			fmt.Fprintf(&b, ", %s", p.Framework)
		}
		if p.Entry != "" {
			fmt.Fprintf(&b, ", %s", p.Entry)
		}
	}
	return b.String()
}

// ErrUnknownProject means detection found nothing and no --lang was given.
var ErrUnknownProject = errors.New("could not tell what kind of project this is")

// Generate runs the pipeline up to the files, writing nothing.
func Generate(ctx context.Context, req Request) (*Result, error) {
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
	res := &Result{}

	// Language: flag, answers file, detection.
	lang, toolHint := "", ""
	if req.Lang != "" {
		if lang, toolHint, err = plan.ParseLang(req.Lang); err != nil {
			return nil, err
		}
	}
	if ans != nil && lang != "" && ans.Lang != lang {
		ans = nil // answers for another kind do not apply
	}
	if lang == "" && ans != nil {
		if lang, _, err = plan.ParseLang(ans.Lang); err != nil {
			return nil, fmt.Errorf("%s: lang: %w", answers.FileName, err)
		}
	}
	var proj *detect.Project
	if lang == "" {
		d, err := detect.Dir(dir)
		if err != nil {
			return nil, err
		}
		res.Warnings = append(res.Warnings, warnings(d.Warnings)...)
		if len(d.Projects) == 0 {
			return nil, fmt.Errorf("%w in %s: pass --lang (one of %s)", ErrUnknownProject, dir, strings.Join(plan.Langs, ", "))
		}
		if d.Chosen < 0 || d.Projects[d.Chosen].Path != "." {
			return nil, &PickProjectError{Dir: dir, Result: d}
		}
		proj = &d.Projects[d.Chosen]
		lang = proj.Lang
	} else {
		p, ws, err := detect.DetectLang(dir, lang)
		if err != nil {
			return nil, err
		}
		res.Warnings = append(res.Warnings, warnings(ws)...)
		proj = p
	}
	res.Detected = proj

	// Catalog and region profiles.
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

	p, tmpl, err := buildPlan(req, ans, lang, toolHint, proj, dir, cat, regions, res)
	if err != nil {
		return nil, err
	}
	res.Plan, res.Template = *p, tmpl

	// Render the Dockerfile template, then the CI snippet.
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
	for _, o := range outs {
		path := o.Path
		if o.AltPath != "" && foreignFile(dir, o.Path) {
			path = o.AltPath
			res.Notes = append(res.Notes, fmt.Sprintf("%s is your own pipeline, so dockgen wrote %s; add it to %s:\n  include:\n    - local: %s", o.Path, path, o.Path, path))
		}
		res.Files = append(res.Files, write.File{Path: path, Content: o.Content})
	}

	// Check a team template's Dockerfile with `dockgen lint`'s checker
	// (BuildKit's rules and dockgen's). Built-in templates are held to zero
	// findings by the golden tests, so their runs skip the check and stay
	// inside the time budget.
	for _, f := range res.Files {
		if f.Path == "Dockerfile" && tmpl.Source != BuiltinSource {
			fs, err := lint.Check(ctx, "Dockerfile", f.Content, lint.Options{})
			if err != nil {
				return nil, fmt.Errorf("checking the generated Dockerfile: %w", err)
			}
			res.Findings = fs
		}
	}

	res.Answers = answersFor(p, tmpl, dir)
	data, err := res.Answers.Marshal()
	if err != nil {
		return nil, err
	}
	res.Files = append(res.Files, write.File{Path: answers.FileName, Content: data})
	return res, nil
}

// foreignFile reports whether dir/rel exists and was not written by dockgen.
// Only the marker's length is read (the file may be huge); whatever is there
// and cannot be read as a regular file inside dir (a pipe, a link out of the
// project) counts as foreign, so it is left alone.
func foreignFile(dir, rel string) bool {
	const marker = "# Generated by dockgen"
	head, err := safefs.ReadHead(dir, rel, len(marker))
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	return err != nil || string(head) != marker
}

func warnings(ws []detect.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.String())
	}
	return out
}

// BuiltinSource is the name of the embedded catalog.
const BuiltinSource = "builtin"

// catalogFS opens a catalog directory so that nothing outside it can be
// read: a symlink in a team catalog that points elsewhere (/etc/passwd, a
// home directory) fails instead of rendering that file into a Dockerfile.
func catalogFS(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", dir, err)
	}
	return root.FS(), nil
}

func loadCatalog(ctx context.Context, req Request, ans *answers.Answers) (*render.Catalog, error) {
	var sources []render.Source
	seen := map[string]bool{}
	add := func(refs []string, from string) error {
		for _, d := range refs {
			if d == "" || seen[d] {
				continue
			}
			seen[d] = true
			url, ref, isGit, err := parseGitCatalog(d)
			if err != nil {
				return fmt.Errorf("%s: %w", from, err)
			}
			if isGit {
				pinned := ""
				if ans != nil && ans.Catalog == d {
					pinned = ans.CatalogCommit
				}
				dir, commit, err := fetchGitCatalog(ctx, url, ref, pinned)
				if err != nil {
					return fmt.Errorf("%s: %w", from, err)
				}
				fsys, err := catalogFS(dir)
				if err != nil {
					return fmt.Errorf("%s: %w", from, err)
				}
				sources = append(sources, render.Source{Name: d, Commit: commit, FS: fsys})
				continue
			}
			if from == answers.FileName+" catalog" && !filepath.IsAbs(d) {
				d = filepath.Join(req.Dir, d) // recorded relative to the project
			}
			fi, err := os.Stat(d)
			if err != nil || !fi.IsDir() {
				return fmt.Errorf("%s: catalog %s is not a readable directory", from, d)
			}
			// Sources are named by absolute path: the answers file records
			// them relative to the project, whatever the working directory.
			abs, err := filepath.Abs(d)
			if err != nil {
				return err
			}
			fsys, err := catalogFS(abs)
			if err != nil {
				return fmt.Errorf("%s: %w", from, err)
			}
			sources = append(sources, render.Source{Name: abs, FS: fsys})
		}
		return nil
	}
	if err := add(req.Catalogs, "--catalog"); err != nil {
		return nil, err
	}
	if err := add(req.EnvCatalogs, "DOCKGEN_CATALOG"); err != nil {
		return nil, err
	}
	if ans != nil && ans.Catalog != "" {
		if err := add([]string{ans.Catalog}, answers.FileName+" catalog"); err != nil {
			return nil, err
		}
	}
	sources = append(sources, render.Source{Name: BuiltinSource, FS: templates.FS()})
	return render.LoadCatalog(sources...)
}

var nameSanitize = regexp.MustCompile(`[^a-z0-9._-]+`)

// imageName derives the CI image name from the project directory.
func imageName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "app"
	}
	n := strings.Trim(nameSanitize.ReplaceAllString(strings.ToLower(filepath.Base(abs)), "-"), "._-")
	for strings.Contains(n, "--") {
		n = strings.ReplaceAll(n, "--", "-")
	}
	if n == "" || !regexp.MustCompile(`^[a-z0-9]`).MatchString(n) {
		return "app"
	}
	return n
}

// Choices lists what a user may pick for lang in the catalog req names: the
// Dockerfile templates for the kind and the region profiles (the wizard's
// options).
func Choices(ctx context.Context, req Request, lang string) (templates, regions []string, err error) {
	ans, err := answers.Read(req.Dir)
	if err != nil {
		return nil, nil, err
	}
	cat, err := loadCatalog(ctx, req, ans)
	if err != nil {
		return nil, nil, err
	}
	for _, t := range cat.ForLang(lang) {
		templates = append(templates, t.Meta.Name)
	}
	var fss []fs.FS
	for _, s := range cat.Sources() {
		fss = append(fss, s.FS)
	}
	profiles, err := region.Load(fss...)
	if err != nil {
		return nil, nil, err
	}
	return templates, region.Names(profiles), nil
}
