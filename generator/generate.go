// Package generator turns a project directory into container build files.
// Data flows one way, as named steps with typed inputs and outputs: Load
// (answers file, catalogs, region profiles) -> Choose (flags over the
// answers file) -> Detect -> Plan (detected facts and defaults fill the
// rest; everything validated) -> Render -> Check; the CLI writes. Generate
// composes them; the wizard and `templates lint` compose their own. It never
// prompts and never imports the CLI; when it needs a decision it returns an
// error that lists the choices.
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
	"github.com/dockgen/dockgen/generator/write"
	"github.com/dockgen/dockgen/templates"
)

// Request is what the caller asks for: the one record of choices, shared by
// the flags, the answers file (see Loaded.Choose) and the wizard. Zero values
// mean "not given": the answers file, then detection, then defaults decide.
type Request struct {
	Dir         string
	Lang        string // kind or alias
	Tool        string // package manager / build tool; an alias such as "gradle" implies one
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

	// BuildSecrets are secret names the build step reads (--build-secret).
	BuildSecrets []string
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
	Findings []lint.Finding // dockgen lint's checks on a team template's Dockerfile
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

// Generate runs the pipeline up to the files, writing nothing:
// Load -> Choose -> Detect -> Plan -> Build (Render, then Check).
func Generate(ctx context.Context, req Request) (*Result, error) {
	l, err := Load(ctx, req)
	if err != nil {
		return nil, err
	}
	c, err := l.Choose(req)
	if err != nil {
		return nil, err
	}
	d, err := Detect(l.Dir, c)
	if err != nil {
		return nil, err
	}
	pl, err := Plan(l, c, d)
	if err != nil {
		return nil, err
	}
	return Build(ctx, l, d, pl)
}

// Build renders a plan and, for a team template, checks its Dockerfile
// with `dockgen lint`'s checker (BuildKit's rules and dockgen's). Built-in
// templates are held to zero findings by the golden tests, so their runs
// skip the check and stay inside the time budget.
func Build(ctx context.Context, l *Loaded, d *Detection, pl *Planned) (*Result, error) {
	r, err := Render(l, pl)
	if err != nil {
		return nil, err
	}
	res := &Result{Plan: pl.Plan, Template: pl.Template, Files: r.Files, Answers: r.Answers,
		Detected: d.Project, Notes: r.Notes}
	res.Warnings = append(append(res.Warnings, d.Warnings...), pl.Warnings...)
	if pl.Template.Source != BuiltinSource {
		if res.Findings, err = Check(ctx, r.Files); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// foreignFile reports whether path exists and was not written by dockgen.
func foreignFile(path string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	return !strings.HasPrefix(string(data), "# Generated by dockgen")
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

// renderSample plans and renders c with cat's templates for the empty
// project dir, without checking: how `templates lint` renders a team
// template before it runs Check on the result itself.
func renderSample(dir string, cat *render.Catalog, c Request) (*Result, error) {
	var fss []fs.FS
	for _, s := range cat.Sources() {
		fss = append(fss, s.FS)
	}
	regions, err := region.Load(fss...)
	if err != nil {
		return nil, err
	}
	l := &Loaded{Dir: dir, Catalog: cat, Regions: regions}
	if c, err = l.Choose(c); err != nil {
		return nil, err
	}
	d, err := Detect(dir, c)
	if err != nil {
		return nil, err
	}
	pl, err := Plan(l, c, d)
	if err != nil {
		return nil, err
	}
	r, err := Render(l, pl)
	if err != nil {
		return nil, err
	}
	return &Result{Plan: pl.Plan, Template: pl.Template, Files: r.Files, Detected: d.Project}, nil
}
