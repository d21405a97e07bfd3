package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockgen/dockgen/cmd/internal/prompt"
	"github.com/dockgen/dockgen/generator"
	render "github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/shellquote"
	"github.com/dockgen/dockgen/generator/write"
)

// InitOptions are the wizard's: generation's flags (which pre-answer
// questions) plus how to prompt.
type InitOptions struct {
	GenerateOptions
	Prompter   prompt.Prompter // from the Factory: the terminal, or a test's script
	Accessible bool
	given      func(flag string) bool // the flag was set on the command line
}

func newCmdInit(f *Factory, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{GenerateOptions: GenerateOptions{IO: f.IO, Getenv: f.Getenv}}
	cmd := &cobra.Command{
		Use:   "init [flags]",
		Short: "Answer a few questions, pre-filled by detection, then write the files",
		Long: `init runs detection, then asks what it could not be sure of, each question
pre-filled with what it found and where (for example "Go 1.22 (from
go.mod:3)"): the project when there are several (and, for a workspace
member, its build root, shown with its evidence), the kind when nothing was
detected, the entry point, language version, port, region, CI provider,
private module hosts (Go) and the template when the catalog has several.
Flags answer their question in advance.

Before writing it shows the plan, and for each file that exists asks whether
to overwrite it, skip it or show the diff. Nothing is written until you
confirm. It writes .dockgen.yaml and prints the equivalent non-interactive
command. Ctrl-C or Esc at any point writes nothing.

Without a terminal (stdin is not one, or CI is set) it asks nothing and
fails with the non-interactive command that would do the same.

--accessible (or ACCESSIBLE=1) asks plain line-by-line questions, for screen readers.`,
		Example: `  # the wizard
  dockgen init

  # pre-answer the kind and region; the rest is asked
  dockgen init --lang python --region cn`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			opts.given = cmd.Flags().Changed
			if f.Getenv("ACCESSIBLE") != "" {
				opts.Accessible = true
			}
			if runF != nil {
				return runF(opts)
			}
			if !f.IO.CanPrompt() {
				return noTerminal(cmd.Context(), opts)
			}
			opts.Prompter = f.prompter(opts.Accessible)
			return initRun(cmd.Context(), opts, opts.Prompter)
		},
	}
	addGenerateFlags(cmd.Flags(), &opts.GenerateOptions)
	cmd.Flags().BoolVar(&opts.Accessible, "accessible", false, "plain line-by-line prompts for screen readers (also ACCESSIBLE=1)")
	return cmd
}

// noTerminal refuses to prompt and prints what would do the same without prompts.
func noTerminal(ctx context.Context, o *InitOptions) error {
	msg := "dockgen init asks questions, but there is no terminal (stdin is not a TTY, or CI is set)"
	res, err := generator.Generate(ctx, o.Request)
	var pick *generator.PickProjectError
	switch {
	case errors.As(err, &pick):
		return fmt.Errorf("%s; %w", msg, err)
	case err != nil:
		return fmt.Errorf("%s, and without them: %w", msg, err)
	}
	return fmt.Errorf("%s. To do the same without prompts, run:\n  %s", msg, equivalentCommand(o.Dir, res, o.Request))
}

// initRun is the wizard; p asks the questions. It loads and detects once,
// then plans again as the answers change.
func initRun(ctx context.Context, o *InitOptions, p prompt.Prompter) error {
	req, err := askProject(p, o.Request)
	if err != nil {
		return err
	}
	l, err := generator.Load(ctx, req)
	if err != nil {
		return err
	}
	c, err := l.Choose(req)
	if err != nil {
		return err
	}
	det, err := generator.Detect(l.Dir, c)
	if err != nil {
		return err
	}
	w := &initWizard{o: o, p: p, l: l, det: det, req: req}
	final, err := w.ask()
	if err != nil {
		return err
	}
	res, err := generator.Build(ctx, l, det, final)
	if err != nil {
		return err
	}
	return confirmAndWrite(o, p, res, w.req)
}

// askProject asks which project when there are several (or the only one
// is in a subdirectory), and the kind when nothing was detected.
func askProject(p prompt.Prompter, req generator.Request) (generator.Request, error) {
	found, err := detect.Dir(req.Dir)
	if err != nil {
		return req, err
	}
	if req.Lang == "" && len(found.Projects) > 0 && (len(found.Projects) > 1 || found.Projects[0].Path != ".") {
		// Only what can be generated: a root that only groups others, or a
		// library, would send the user back to this question.
		idx := detect.Candidates(found.Projects)
		if found.Chosen >= 0 && !slices.Contains(idx, found.Chosen) {
			idx = append([]int{found.Chosen}, idx...)
		}
		var opts []prompt.Option
		for _, i := range idx {
			opts = append(opts, prompt.Option{Label: projectLabel(found.Projects[i]), Value: found.Projects[i].Path})
		}
		def := opts[0].Value
		if found.Chosen >= 0 {
			def = found.Projects[found.Chosen].Path
		}
		for {
			path, err := p.Select("Which project?", fmt.Sprintf("%d projects under %s", len(opts), req.Dir), opts, def)
			if err != nil {
				return req, err
			}
			i := slices.IndexFunc(found.Projects, func(q detect.Project) bool { return q.Path == path })
			ok, err := askBuildRoot(p, found.Projects[i], len(opts) > 1)
			if err != nil {
				return req, err
			}
			if ok {
				req.Dir = filepath.Join(req.Dir, filepath.FromSlash(path))
				break
			}
			def = path
		}
	} else if req.Lang == "" && len(found.Projects) == 1 {
		// Inside a workspace member: the build root is above; say so.
		if _, err := askBuildRoot(p, found.Projects[0], false); err != nil {
			return req, err
		}
	}
	if req.Lang == "" && len(found.Projects) == 0 {
		names := kind.Names()
		if req.Lang, err = p.Select("What kind of project is this?", "nothing was detected in "+req.Dir, options(names), names[0]); err != nil {
			return req, err
		}
	}
	return req, nil
}

// initWizard holds one run's loaded state; req collects the answers.
type initWizard struct {
	o   *InitOptions
	p   prompt.Prompter
	l   *generator.Loaded
	det *generator.Detection
	req generator.Request
	// entryAsked: the entry was asked first, detection having found none.
	entryAsked bool
}

// plan plans the answers so far.
func (w *initWizard) plan() (*generator.Planned, error) {
	c, err := w.l.Choose(w.req)
	if err != nil {
		return nil, err
	}
	return generator.Plan(w.l, c, w.det)
}

// ask asks every question a flag did not answer, each pre-filled from a
// first plan (detection and defaults), and returns the final plan.
func (w *initWizard) ask() (*generator.Planned, error) {
	first, err := w.plan()
	if err != nil {
		if first, err = w.askMissingEntry(err); err != nil {
			return nil, err
		}
	}
	w.req.Lang = first.Plan.Lang
	if templates := w.l.Templates(w.req.Lang); len(templates) > 1 && !w.o.given("template") {
		if w.req.Template, err = w.p.Select("Template", "the catalog has several for "+w.req.Lang, options(templates), first.Plan.Template); err != nil {
			return nil, err
		}
	}
	if w.req.Template != "" && w.req.Template != first.Plan.Template {
		if first, err = w.plan(); err != nil {
			return nil, err
		}
	}
	if w.req.Set, err = askVariables(w.p, first, w.req.Set); err != nil {
		return nil, err
	}
	if err := w.askKindValues(first); err != nil {
		return nil, err
	}
	if err := w.askSources(first); err != nil {
		return nil, err
	}
	// The kind's own question.
	if k := w.det.Kind; k.Private != nil && !w.o.given("private") {
		v, err := w.p.Input(k.Private.Title, k.Private.Help, strings.Join(first.Plan.Private, ","), nil)
		if err != nil {
			return nil, err
		}
		w.req.Private = splitList(v)
	}
	return w.plan()
}

// askMissingEntry asks the entry point first when detection could not name
// it (no start script, an output directory the build's config does not set
// literally): the reason is the question's help. Any other error stands.
func (w *initWizard) askMissingEntry(planErr error) (*generator.Planned, error) {
	var fe *plan.FieldError
	if !errors.As(planErr, &fe) || !strings.HasSuffix(fe.Field, "(--entry)") || fe.Value != "" || w.o.given("entry") {
		return nil, planErr
	}
	v, err := w.p.Input(w.det.Kind.EntryTitle, fe.Want, "", func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("an entry point is needed")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	w.req.Entry, w.entryAsked = strings.TrimSpace(v), true
	return w.plan()
}

// askKindValues asks the entry point, language version and port.
func (w *initWizard) askKindValues(first *generator.Planned) error {
	k, p, req, ev := w.det.Kind, w.p, &w.req, evidenceFor(w.det.Project)
	var err error
	if !w.o.given("entry") && !w.entryAsked {
		if req.Entry, err = askEntry(p, k.EntryTitle, first, w.det.Project, ev); err != nil {
			return err
		}
	}
	if !w.o.given("lang-version") && first.Plan.LangVersion != "" {
		help := ev("version", "the default for "+req.Lang)
		if req.LangVersion, err = p.Input(k.Title+" version", help, first.Plan.LangVersion, validVersion); err != nil {
			return err
		}
	}
	if !w.o.given("port") {
		port, err := p.Input("Port", ev("port", "the default for "+req.Lang), strconv.Itoa(first.Plan.Port), validPort)
		if err != nil {
			return err
		}
		req.Port, _ = strconv.Atoi(port)
	}
	return nil
}

// askSources asks the region and the CI provider.
func (w *initWizard) askSources(first *generator.Planned) error {
	var err error
	if !w.o.given("region") {
		def := first.Plan.Region.Name
		if w.req.Region, err = w.p.Select("Region (package sources)", regionHint(w.o.Getenv), regionOptions(w.l.RegionNames(), w.o.Getenv), def); err != nil {
			return err
		}
	}
	if !w.o.given("ci") {
		ciOpts := []prompt.Option{{Label: "GitHub Actions", Value: plan.CIGitHub}, {Label: "GitLab CI", Value: plan.CIGitLab}, {Label: "none", Value: plan.CINone}}
		if w.req.CI, err = w.p.Select("CI snippet", "", ciOpts, defaultCI(w.req.Dir, first.Plan.CI)); err != nil {
			return err
		}
	}
	return nil
}

// confirmAndWrite shows the plan, asks about each file that exists with
// other content, then asks once before writing.
func confirmAndWrite(o *InitOptions, p prompt.Prompter, res *generator.Result, req generator.Request) error {
	changes, err := write.Plan(res.Root, res.Files, true)
	if err != nil {
		return err
	}
	printPlan(o.IO.ErrOut, res, changes)
	keep, err := askOverwrites(o, p, changes)
	if err != nil {
		return err
	}
	if len(keep) == 0 {
		fmt.Fprintln(o.IO.ErrOut, "Nothing to write.")
		return nil
	}
	var names []string
	for _, c := range keep {
		names = append(names, c.Path)
	}
	ok, err := p.Confirm(fmt.Sprintf("Write %s?", strings.Join(names, ", ")), true)
	if err != nil {
		return err
	}
	if !ok {
		return ErrCancel
	}
	if err := write.Apply(res.Root, keep); err != nil {
		return err
	}
	if err := generator.RememberCatalog(req, res); err != nil {
		fmt.Fprintf(o.IO.ErrOut, "warning: remembering the catalog as trusted: %s\n", err)
	}
	for _, c := range keep {
		fmt.Fprintf(o.IO.ErrOut, "  wrote %s\n", c.Path)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(o.IO.ErrOut, "note: %s\n", n)
	}
	fmt.Fprintf(o.IO.Out, "The same without prompts:\n  %s\n", equivalentCommand(req.Dir, res, req))
	return nil
}

// askOverwrites returns the changes to write: every new file, and each
// existing one the user chooses to overwrite (after a diff if asked).
func askOverwrites(o *InitOptions, p prompt.Prompter, changes []write.Change) ([]write.Change, error) {
	var keep []write.Change
	for _, c := range changes {
		if c.Status != write.Overwritten {
			if c.Status == write.Created {
				keep = append(keep, c)
			}
			continue
		}
		for {
			act, err := p.Select(c.Path+" exists with other content", "", []prompt.Option{
				{Label: "overwrite", Value: "overwrite"}, {Label: "skip", Value: "skip"}, {Label: "show diff", Value: "diff"}}, "skip")
			if err != nil {
				return nil, err
			}
			if act == "diff" {
				d, err := write.Diff(c)
				if err != nil {
					return nil, err
				}
				fmt.Fprint(o.IO.ErrOut, d)
				continue
			}
			if act == "overwrite" {
				keep = append(keep, c)
			}
			break
		}
	}
	return keep, nil
}

// askVariables offers the template's declared variables (those not already
// set with --set), behind one yes/no so the common path stays short.
func askVariables(p prompt.Prompter, res *generator.Planned, set map[string]string) (map[string]string, error) {
	var open []render.Variable
	for _, v := range res.Template.Meta.Variables {
		if _, given := set[v.Name]; !given {
			open = append(open, v)
		}
	}
	if len(open) == 0 {
		return set, nil
	}
	var names []string
	for _, v := range open {
		names = append(names, v.Name)
	}
	ok, err := p.Confirm(fmt.Sprintf("Change template variables (%s)?", strings.Join(names, ", ")), false)
	if err != nil || !ok {
		return set, err
	}
	out := map[string]string{}
	for k, v := range set {
		out[k] = v
	}
	for _, v := range open {
		help := v.Description
		if len(v.Allowed) > 0 {
			help += " (one of " + strings.Join(v.Allowed, ", ") + ")"
		}
		val, err := p.Input(v.Name+" ("+v.Type+")", help, res.Plan.Vars[v.Name], func(s string) error { return v.Check(s) })
		if err != nil {
			return nil, err
		}
		if val != v.Default {
			out[v.Name] = val
		}
	}
	return out, nil
}

// askBuildRoot shows a workspace member's two roots, the project (where the
// Dockerfile goes) and the build root (the context), each with the evidence
// behind it, and asks whether to build it that way or, when there is a
// list, to pick another project. A member is never offered without its
// build root: that build cannot read the workspace's lockfile, parent POM
// or replace targets. A self-contained project asks nothing.
func askBuildRoot(p prompt.Prompter, proj detect.Project, others bool) (bool, error) {
	if proj.BuildRoot == proj.Path {
		return true, nil
	}
	var projEv, rootEv []string
	for _, e := range proj.Evidence {
		line := "  " + e.File + lineSuffix(e.Line) + ": " + e.Fact
		if proj.Path == "." && !strings.HasPrefix(e.File, "../") || strings.HasPrefix(e.File, proj.Path+"/") {
			projEv = append(projEv, line)
		} else {
			rootEv = append(rootEv, line)
		}
	}
	// The line naming the root first: it is the reason for the context.
	slices.SortStableFunc(rootEv, func(a, b string) int {
		return boolRank(!strings.Contains(a, "root")) - boolRank(!strings.Contains(b, "root"))
	})
	const most = 3 // the first few: the list under a question stays short
	help := "project " + proj.Path + " (" + proj.Lang + "): the Dockerfile goes here\n" +
		strings.Join(projEv[:min(most, len(projEv))], "\n") +
		"\nbuild root " + proj.BuildRoot + ": the build context, since the project's build reads files there\n" +
		strings.Join(rootEv[:min(most, len(rootEv))], "\n")
	opts := []prompt.Option{{Label: fmt.Sprintf("build %s from %s (docker build -f %s .)", proj.Path, proj.BuildRoot, buildRootDockerfile(proj)), Value: "root"}}
	if others {
		opts = append(opts, prompt.Option{Label: "pick another project", Value: "back"})
	}
	v, err := p.Select("Build context", help, opts, "root")
	return v == "root", err
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// buildRootDockerfile is the project's Dockerfile named from its build root.
func buildRootDockerfile(proj detect.Project) string {
	rel, err := filepath.Rel(filepath.FromSlash(proj.BuildRoot), filepath.FromSlash(proj.Path))
	if err != nil {
		return "Dockerfile"
	}
	return filepath.ToSlash(filepath.Join(rel, "Dockerfile"))
}

func projectLabel(p detect.Project) string {
	label := p.Path + " (" + p.Lang
	if p.Framework != "" && p.Framework != "none" {
		label += ", " + p.Framework
	}
	if p.Entry != "" {
		label += ", " + p.Entry
	}
	if p.Port != 0 {
		label += fmt.Sprintf(", port %d", p.Port)
	}
	if p.BuildRoot != p.Path {
		label += ", built from " + p.BuildRoot
	}
	return label + ")"
}

// evidenceFor returns a lookup of the evidence behind a fact, as shown
// under a question: "from go.mod:3".
func evidenceFor(p *detect.Project) func(fact, fallback string) string {
	return func(fact, fallback string) string {
		if p == nil {
			return fallback
		}
		for _, e := range p.Evidence {
			f := strings.ToLower(e.Fact)
			if strings.Contains(f, fact) || (fact == "version" && versionFact(p, e)) {
				loc := e.File
				if e.Line > 0 {
					loc += ":" + strconv.Itoa(e.Line)
				}
				return e.Fact + " (from " + loc + ")"
			}
		}
		return fallback
	}
}

// versionFact reports evidence that declares the language version.
func versionFact(p *detect.Project, e detect.Evidence) bool {
	return p.Version != "" && strings.Contains(e.Fact, p.Version)
}

func askEntry(p prompt.Prompter, title string, res *generator.Planned, d *detect.Project, ev func(string, string) string) (string, error) {
	if d != nil && len(d.Alternatives) > 0 {
		return p.Select(title, ev("package main", ""), options(append([]string{res.Plan.Entry}, d.Alternatives...)), res.Plan.Entry)
	}
	help := ""
	if d != nil && d.Entry != "" {
		// The evidence naming the entry, or its file (app:app -> app.py).
		entry := strings.TrimPrefix(d.Entry, "./")
		mod, _, _ := strings.Cut(entry, ":")
		file := strings.ReplaceAll(mod, ".", "/")
		for _, e := range d.Evidence {
			if strings.Contains(e.Fact, entry) || strings.HasPrefix(e.File, file) {
				help = e.Fact + " (from " + e.File + lineSuffix(e.Line) + ")"
				break
			}
		}
	}
	return p.Input(title, help, res.Plan.Entry, func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("an entry point is needed")
		}
		return nil
	})
}

func lineSuffix(n int) string {
	if n > 0 {
		return ":" + strconv.Itoa(n)
	}
	return ""
}

func options(values []string) []prompt.Option {
	var out []prompt.Option
	for _, v := range values {
		out = append(out, prompt.Option{Label: v, Value: v})
	}
	return out
}

// validVersion and validPort check answers with the plan's own rules.
func validVersion(s string) error { return plan.CheckVersion(s) }

func validPort(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("invalid port %q: want a number from 1 to 65535", s)
	}
	return plan.CheckPort(n)
}

// chinaTZ are time zones of mainland China: the wizard suggests cn there,
// it never switches on its own.
var chinaTZ = []string{"Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "Asia/Urumqi", "PRC"}

func suggestCN(getenv func(string) string) string {
	if tz := getenv("TZ"); slices.Contains(chinaTZ, strings.TrimPrefix(tz, ":")) {
		return "your time zone is " + tz
	}
	for _, k := range []string{"LC_ALL", "LANG"} {
		if v := getenv(k); strings.HasPrefix(v, "zh_CN") {
			return "your locale is " + v
		}
	}
	return ""
}

func regionHint(getenv func(string) string) string {
	if why := suggestCN(getenv); why != "" {
		return "cn (mainland-China mirrors) may suit: " + why
	}
	return "global uses each ecosystem's default sources"
}

func regionOptions(names []string, getenv func(string) string) []prompt.Option {
	var out []prompt.Option
	for _, n := range names {
		label := n
		if n == "cn" && suggestCN(getenv) != "" {
			label += " (suggested)"
		}
		out = append(out, prompt.Option{Label: label, Value: n})
	}
	return out
}

// defaultCI follows what the repository already uses.
func defaultCI(dir, def string) string {
	// CI files live at the repository's top level.
	if abs, err := filepath.Abs(dir); err == nil {
		if top := detect.GitTop(abs); top != "" {
			dir = top
		}
	}
	switch {
	case fileExists(filepath.Join(dir, ".gitlab-ci.yml")):
		return plan.CIGitLab
	case fileExists(filepath.Join(dir, ".github")):
		return plan.CIGitHub
	}
	return def
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// equivalentCommand is the non-interactive command line that writes the
// same files: every answer as a flag.
func equivalentCommand(dir string, res *generator.Result, req generator.Request) string {
	p := res.Plan
	args := []string{"dockgen"}
	add := func(flag, v string) {
		if v != "" {
			args = append(args, shellquote.Flag(flag, v))
		}
	}
	if dir != "." && dir != "" {
		add("--dir", dir)
	}
	add("--lang", p.Lang)
	if p.Template != p.Lang {
		add("--template", p.Template)
	}
	add("--entry", p.Entry)
	add("--lang-version", p.LangVersion)
	add("--port", strconv.Itoa(p.Port))
	add("--runtime", p.Runtime)
	add("--region", p.Region.Name)
	add("--ci", p.CI)
	add("--image-name", res.Answers.ImageName)
	if len(p.Private) > 0 {
		add("--private", strings.Join(p.Private, ","))
	}
	for _, s := range p.BuildSecrets {
		add("--build-secret", s)
	}
	for _, c := range req.Catalogs {
		add("--catalog", render.Redact(c)) // credentials stay with git
	}
	keys := make([]string, 0, len(req.Set))
	for k := range req.Set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		add("--set", k+"="+req.Set[k])
	}
	return strings.Join(args, " ")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
