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
	"path/filepath"
	"regexp"
	"strings"

	"github.com/dockgen/dockgen/generator/answers"
	render "github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/region"
	"github.com/dockgen/dockgen/generator/safefs"
	"github.com/dockgen/dockgen/generator/shellquote"
	"github.com/dockgen/dockgen/generator/write"
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
	ImageName   string   // image name of the CI snippets; default: .dockgen.yaml's, else from the directory
	Catalogs    []string // team catalog directories, highest precedence first
	EnvCatalogs []string // from DOCKGEN_CATALOG, after Catalogs

	// BuildSecrets are secret names the build step reads (--build-secret).
	BuildSecrets []string
}

// Result is a generation: the plan, the rendered files and what to tell the user.
type Result struct {
	Plan     plan.Plan
	Template *render.Template
	// Root is the directory the Files' paths are relative to: the project
	// directory, or the git top-level when the CI snippet goes there.
	Root     string
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
	cands := detect.Candidates(e.Result.Projects)
	if e.Result.Chosen < 0 {
		fmt.Fprintf(&b, "%s holds %d projects; pick one with --dir:", e.Dir, len(cands))
	} else {
		fmt.Fprintf(&b, "the project in %s is in a subdirectory; generate there with --dir:", e.Dir)
		cands = []int{e.Result.Chosen}
	}
	const shown = 15
	for n, i := range cands {
		if n == shown {
			fmt.Fprintf(&b, "\n  ... and %d more (dockgen detect %s lists them all)", len(cands)-shown, shellquote.Path(e.Dir))
			break
		}
		p := e.Result.Projects[i]
		// Never "--dir ." : that is the directory being refused.
		fmt.Fprintf(&b, "\n  dockgen --dir %s\t# %s", shellquote.Path(filepath.ToSlash(filepath.Join(e.Dir, p.Path))), p.Lang)
		if p.Framework != "" && p.Framework != "none" {
			fmt.Fprintf(&b, ", %s", p.Framework)
		}
		if p.Entry != "" {
			fmt.Fprintf(&b, ", %s", p.Entry)
		}
		if p.Port != 0 {
			fmt.Fprintf(&b, ", port %d", p.Port)
		}
		if p.BuildRoot != p.Path {
			fmt.Fprintf(&b, ", built from %s", filepath.ToSlash(filepath.Join(e.Dir, p.BuildRoot)))
		}
		if len(p.Evidence) > 0 {
			ev := p.Evidence[0]
			loc := ev.File
			if ev.Line > 0 {
				loc = fmt.Sprintf("%s:%d", loc, ev.Line)
			}
			fact := ev.Fact
			if len(fact) > 60 {
				fact = fact[:57] + "..."
			}
			fmt.Fprintf(&b, " (%s: %s)", loc, fact)
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
	d, err := DetectContext(ctx, l.Dir, c)
	if err != nil {
		return nil, err
	}
	pl, err := Plan(l, c, d)
	if err != nil {
		return nil, &Failed{Warnings: d.Warnings, Err: blame(err, req, l, d)}
	}
	res, err := Build(ctx, l, d, pl)
	if err != nil {
		return nil, &Failed{Warnings: append(append([]string(nil), d.Warnings...), pl.Warnings...), Err: err}
	}
	return res, nil
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
	res := &Result{Plan: pl.Plan, Template: pl.Template, Root: r.Root, Files: r.Files, Answers: r.Answers,
		Detected: d.Project, Notes: r.Notes}
	res.Warnings = append(append(res.Warnings, d.Warnings...), pl.Warnings...)
	if pl.Template.Source != BuiltinSource {
		if res.Findings, err = Check(ctx, r.Files); err != nil {
			return nil, err
		}
		if err := unparsable(pl.Template, res.Findings); err != nil {
			return nil, err
		}
	}
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
const BuiltinSource = render.BuiltinSource

func loadCatalog(ctx context.Context, req Request, ans *answers.Answers) (*render.Catalog, error) {
	refs := render.Refs{Dir: req.Dir, Flags: req.Catalogs, Env: req.EnvCatalogs}
	if ans != nil {
		refs.Answers, refs.AnswersCommit = ans.Catalog, ans.CatalogCommit
	}
	return render.Load(ctx, refs)
}

var (
	nameSanitize = regexp.MustCompile(`[^a-z0-9._-]+`)
	separatorRun = regexp.MustCompile(`[._-]{2,}`)
)

// imageName derives the CI image name from the project directory.
func imageName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "app"
	}
	n := strings.Trim(nameSanitize.ReplaceAllString(strings.ToLower(filepath.Base(abs)), "-"), "._-")
	// An image name (plan.Validate, stricter than Docker's references) has
	// one separator between letters and digits: my__svc, a..b, my_-svc and
	// a.-b become my-svc, a-b, my-svc and a-b.
	n = separatorRun.ReplaceAllString(n, "-")
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
	return &Result{Plan: pl.Plan, Template: pl.Template, Root: r.Root, Files: r.Files, Detected: d.Project}, nil
}
