package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/write"
)

// GenerateOptions are the flags shared by generation (root and init).
type GenerateOptions struct {
	IO     *iostreams.IOStreams
	Getenv func(string) string

	// Request is the choices record the flags bind into; validate parses
	// --set and DOCKGEN_CATALOG into it.
	generator.Request
	SetPairs              []string // --set key=value, as given
	DryRun, Stdout, Force bool
}

func newCmdGenerate(f *Factory, runF func(*GenerateOptions) error) *cobra.Command {
	opts := &GenerateOptions{IO: f.IO, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "dockgen [flags]",
		Short: "Generate a production Dockerfile, .dockerignore and CI snippet for a repository",
		Long: `dockgen detects what a repository is (Go, Node, Python, Java or a static site)
and writes a multi-stage, non-root Dockerfile, a .dockerignore, a CI snippet
and .dockgen.yaml, the answers file.

Run without flags it never prompts: it uses .dockgen.yaml when there is one,
then detection, then documented defaults; flags override all of them. Running
it again with no flags reproduces the same files byte for byte. Existing files
are never overwritten without --force.

--region moves every package source of the build (Go proxy and checksum
database, npm, PyPI, Maven, apt/apk) to a mirror profile: "global" (the
default) changes nothing, "cn" uses mainland-China mirrors.`,
		Example: `  # detect and write Dockerfile, .dockerignore, CI workflow and .dockgen.yaml
  dockgen

  # a Flask app built behind mainland-China mirrors, with a GitLab pipeline
  dockgen --lang python --region cn --ci gitlab

  # preview: the plan and a unified diff, nothing written
  dockgen --lang go --entry ./cmd/server --dry-run

  # print the Dockerfile only
  dockgen --lang node --stdout

  # a Go service with private modules fetched over SSH
  dockgen --lang go --private github.com/acme --force`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return generateRun(cmd, opts)
		},
	}
	addGenerateFlags(cmd.Flags(), opts)
	return cmd
}

// addGenerateFlags binds the flags generation and the wizard share.
func addGenerateFlags(fl *pflag.FlagSet, opts *GenerateOptions) {
	fl.StringVarP(&opts.Lang, "lang", "l", "", kind.LangHelp())
	fl.StringVarP(&opts.Region, "region", "r", "", `mirror profile for package sources: global, cn or a catalog's own (default "global")`)
	fl.StringVar(&opts.CI, "ci", "", `CI snippet: github, gitlab or none (default "github")`)
	fl.StringVarP(&opts.Dir, "dir", "C", ".", "project root")
	fl.IntVarP(&opts.Port, "port", "p", 0, kind.PortHelp())
	fl.StringVar(&opts.LangVersion, "lang-version", "", kind.LangVersionHelp())
	fl.StringVar(&opts.Entry, "entry", "", kind.EntryHelp())
	fl.StringVar(&opts.Template, "template", "", "catalog template to use (default: the one named after the kind)")
	fl.StringVar(&opts.ImageName, "image-name", "", "image name in the CI snippet (default: the directory's name, made a valid reference)")
	fl.StringVar(&opts.Runtime, "runtime", "", "runtime image flavour where a template has several (go: static, cgo)")
	fl.Var(newListFlag(&opts.Private), "private", "private module path prefixes, comma-separated (Go: GOPRIVATE, fetched over SSH)")
	fl.StringArrayVar(&opts.BuildSecrets, "build-secret", nil, "secret NAME the steps that fetch dependencies or build read as $NAME (repeatable; e.g. NPM_TOKEN, PIP_INDEX_URL, GOPROXY; NETRC is mounted as ~/.netrc): --mount=type=secret, never an ARG or ENV")
	fl.StringArrayVar(&opts.Catalogs, "catalog", nil, "team template catalog directory (repeatable; also DOCKGEN_CATALOG)")
	fl.StringArrayVar(&opts.SetPairs, "set", nil, "template variable key=value (repeatable)")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the plan and a unified diff; write nothing")
	fl.BoolVar(&opts.Stdout, "stdout", false, "print the Dockerfile only; write nothing")
	fl.BoolVarP(&opts.Force, "force", "f", false, "overwrite existing files")
}

// validate checks flag values that need no project, with the rules the
// plan uses: unknown values get an error listing the valid ones. The kind
// comes out canonical, with the tool an alias implies ("gradle"). Regions
// are checked against the catalog later.
func (o *GenerateOptions) validate() error {
	if o.Lang != "" {
		k, tool, err := kind.Parse(o.Lang)
		if err != nil {
			return &FlagError{Err: fmt.Errorf("--lang: %w", err)}
		}
		o.Lang, o.Tool = k.Name, tool
	}
	if o.CI != "" {
		if _, err := plan.ParseCI(o.CI); err != nil {
			return &FlagError{Err: fmt.Errorf("--ci: %w", err)}
		}
	}
	if o.Port != 0 {
		if err := plan.CheckPort(o.Port); err != nil {
			return &FlagError{Err: fmt.Errorf("--port: %w", err)}
		}
	}
	if o.DryRun && o.Stdout {
		return flagErrorf("--dry-run and --stdout cannot be combined: pick one")
	}
	o.Set = map[string]string{}
	for _, kv := range o.SetPairs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return flagErrorf("--set %q: want key=value", kv)
		}
		o.Set[strings.TrimSpace(k)] = v
	}
	o.EnvCatalogs = envCatalogs(o.Getenv)
	return nil
}

func generateRun(cmd *cobra.Command, o *GenerateOptions) error {
	res, err := generator.Generate(cmd.Context(), o.Request)
	if err != nil {
		var failed *generator.Failed
		if errors.As(err, &failed) {
			for _, w := range failed.Warnings {
				fmt.Fprintf(o.IO.ErrOut, "warning: %s\n", w)
			}
		}
		var fe *plan.FieldError
		if errors.As(err, &fe) {
			return &FlagError{Err: err}
		}
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(o.IO.ErrOut, "warning: %s\n", w)
	}
	for _, f := range res.Findings {
		fmt.Fprintf(o.IO.ErrOut, "warning: %s (%s)\n", f, f.URL)
	}
	if o.Stdout {
		_, err := iostreams.Raw(o.IO.Out).Write(res.Files[0].Content)
		return err
	}
	changes, err := write.Plan(res.Root, res.Files, o.Force)
	if err != nil {
		return err
	}
	if o.DryRun {
		printPlan(o.IO.Out, res, changes)
		for _, c := range changes {
			d, err := write.Diff(c)
			if err != nil {
				return err
			}
			fmt.Fprint(o.IO.Out, d)
		}
		fmt.Fprintln(o.IO.Out, "dry run: nothing was written")
		return nil
	}
	if err := write.Apply(res.Root, changes); err != nil {
		return err
	}
	if err := generator.RememberCatalog(o.Request, res); err != nil {
		fmt.Fprintf(o.IO.ErrOut, "warning: remembering the catalog as trusted: %s\n", err)
	}
	printPlan(o.IO.ErrOut, res, changes)
	for _, n := range res.Notes {
		fmt.Fprintf(o.IO.ErrOut, "note: %s\n", n)
	}
	return nil
}

// printPlan prints the choices and each file's status.
func printPlan(w io.Writer, res *generator.Result, changes []write.Change) {
	p := res.Plan
	how := "from --lang or .dockgen.yaml"
	if res.Detected != nil && len(res.Detected.Evidence) > 0 {
		e := res.Detected.Evidence[0]
		how = "detected: " + e.Fact + " (" + e.File + ")"
	}
	fmt.Fprintf(w, "%s project, %s; template %s (%s), region %s\n", p.Lang, how, p.Template, res.Template.Source, p.Region.Name)
	var parts []string
	if p.Tool != "" && p.Tool != "none" {
		parts = append(parts, "tool "+p.Tool)
	}
	if p.LangVersion != "" {
		parts = append(parts, "version "+p.LangVersion)
	}
	parts = append(parts, "entry "+p.Entry, fmt.Sprintf("port %d", p.Port))
	if p.Runtime != "" {
		parts = append(parts, "runtime "+p.Runtime)
	}
	parts = append(parts, "ci "+p.CI)
	fmt.Fprintf(w, "  %s\n", strings.Join(parts, ", "))
	for _, c := range changes {
		fmt.Fprintf(w, "  %-11s %s\n", c.Status, c.Path)
	}
	if c := p.Context; c.Workspace() {
		// The build context is the workspace root, not the project.
		fmt.Fprintf(w, "  build from %s (the build root): %s\n", c.Root, c.Command())
	}
}
