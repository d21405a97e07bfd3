package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
	"github.com/dockgen/dockgen/generator"
	render "github.com/dockgen/dockgen/generator/catalog"
)

// TemplatesOptions are what every templates subcommand shares: where the
// catalog comes from.
type TemplatesOptions struct {
	IO     *iostreams.IOStreams
	Getenv func(string) string

	Dir      string   // project whose .dockgen.yaml may name a catalog
	Catalogs []string // --catalog
}

// catalog loads the catalog the options name.
func (o *TemplatesOptions) catalog(ctx context.Context) (*render.Catalog, error) {
	return generator.Catalog(ctx, generator.Request{Dir: o.Dir, Catalogs: o.Catalogs, EnvCatalogs: envCatalogs(o.Getenv)})
}

// TemplatesListOptions are `templates list`'s.
type TemplatesListOptions struct {
	*TemplatesOptions
	JSON bool
}

// TemplatesShowOptions are `templates show`'s.
type TemplatesShowOptions struct {
	*TemplatesOptions
	Name string
}

// TemplatesExportOptions are `templates export`'s.
type TemplatesExportOptions struct {
	*TemplatesOptions
	Name, Dest string
}

// TemplatesLintOptions are `templates lint`'s.
type TemplatesLintOptions struct {
	IO      *iostreams.IOStreams
	Catalog string // the catalog directory to check
	JSON    bool
}

func newCmdTemplates(f *Factory) *cobra.Command {
	opts := &TemplatesOptions{IO: f.IO, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List, show, export and lint catalog templates",
		Long: `The catalog is the built-in templates plus team catalogs: --catalog DIR
(repeatable), DOCKGEN_CATALOG (a path list) and the catalog: entry of
.dockgen.yaml, in that order of precedence. A team template with a built-in
name overrides it; new names add templates. See "Writing a team catalog" in
the README.`,
		Example: `  dockgen templates list
  dockgen templates show go
  dockgen templates export go ./platform-catalog
  dockgen templates lint ./platform-catalog`,
		Args: cobra.NoArgs,
	}
	cmd.PersistentFlags().StringArrayVar(&opts.Catalogs, "catalog", nil, "team template catalog directory (repeatable; also DOCKGEN_CATALOG)")
	cmd.PersistentFlags().StringVarP(&opts.Dir, "dir", "C", ".", "project whose .dockgen.yaml may name a catalog")
	cmd.AddCommand(
		newCmdTemplatesList(opts, nil),
		newCmdTemplatesShow(opts, nil),
		newCmdTemplatesExport(opts, nil),
		newCmdTemplatesLint(f, nil),
	)
	return cmd
}

func newCmdTemplatesList(parent *TemplatesOptions, runF func(*TemplatesListOptions) error) *cobra.Command {
	opts := &TemplatesListOptions{TemplatesOptions: parent}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every template with where it comes from",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return templatesListRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func templatesListRun(ctx context.Context, o *TemplatesListOptions) error {
	cat, err := o.catalog(ctx)
	if err != nil {
		return err
	}
	type row struct {
		Name        string `json:"name"`
		Kind        string `json:"kind"`
		For         string `json:"for"`
		Source      string `json:"source"`
		Version     string `json:"version"`
		Description string `json:"description"`
	}
	var rows []row
	for _, t := range cat.All() {
		rows = append(rows, row{t.Meta.Name, t.Meta.Kind, t.Meta.Lang + t.Meta.CI, t.Source, t.Meta.Version, t.Meta.Description})
	}
	if o.JSON {
		return printJSON(o.IO.Out, rows)
	}
	tw := tabwriter.NewWriter(o.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tFOR\tSOURCE\tVERSION\tDESCRIPTION")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Name, r.Kind, r.For, r.Source, r.Version, r.Description)
	}
	return tw.Flush()
}

func newCmdTemplatesShow(parent *TemplatesOptions, runF func(*TemplatesShowOptions) error) *cobra.Command {
	opts := &TemplatesShowOptions{TemplatesOptions: parent}
	return &cobra.Command{
		Use:   "show NAME",
		Short: "Print a template's metadata and files",
		Args:  exactArgs(1, "NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return templatesShowRun(cmd.Context(), opts)
		},
	}
}

func templatesShowRun(ctx context.Context, o *TemplatesShowOptions) error {
	cat, err := o.catalog(ctx)
	if err != nil {
		return err
	}
	t, ok := cat.Get(o.Name)
	if !ok {
		return fmt.Errorf("no template %q in the catalog: dockgen templates list shows them", o.Name)
	}
	fmt.Fprintf(o.IO.Out, "# source: %s\n", t.Source)
	enc := yaml.NewEncoder(o.IO.Out)
	enc.SetIndent(2)
	if err := enc.Encode(t.Meta); err != nil {
		return err
	}
	return enc.Close()
}

func newCmdTemplatesExport(parent *TemplatesOptions, runF func(*TemplatesExportOptions) error) *cobra.Command {
	opts := &TemplatesExportOptions{TemplatesOptions: parent}
	return &cobra.Command{
		Use:   "export NAME DIR",
		Short: "Copy a template into DIR/NAME as the start of a team template",
		Args:  exactArgs(2, "NAME DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name, opts.Dest = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return templatesExportRun(cmd.Context(), opts)
		},
	}
}

func templatesExportRun(ctx context.Context, o *TemplatesExportOptions) error {
	cat, err := o.catalog(ctx)
	if err != nil {
		return err
	}
	dst, err := generator.ExportTemplate(cat, o.Name, o.Dest)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.IO.ErrOut, "exported %s to %s; it keeps its name, so with --catalog %s it overrides the built-in one (rename it in template.yaml to add a new one)\n",
		o.Name, dst, filepath.Dir(dst))
	return nil
}

func newCmdTemplatesLint(f *Factory, runF func(*TemplatesLintOptions) error) *cobra.Command {
	opts := &TemplatesLintOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "lint DIR",
		Short: "Check a team catalog: metadata, rendering under every region, BuildKit's checks",
		Long: `lint loads DIR as a catalog, renders each of its templates with its defaults
for an empty project of its language under every region profile (built-in
and DIR/regions), and runs dockgen lint's checks (BuildKit's and dockgen's
rules) on each Dockerfile.
Problems are printed as file:line:col; the exit code is 1 when there is any,
so a catalog's own CI can run it.`,
		Args: exactArgs(1, "DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Catalog = args[0]
			if runF != nil {
				return runF(opts)
			}
			return templatesLintRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func templatesLintRun(ctx context.Context, o *TemplatesLintOptions) error {
	problems, err := generator.LintCatalog(ctx, o.Catalog)
	if err != nil {
		return err
	}
	if o.JSON {
		if problems == nil {
			problems = []generator.Problem{}
		}
		if err := printJSON(o.IO.Out, problems); err != nil {
			return err
		}
	} else {
		for _, p := range problems {
			fmt.Fprintln(o.IO.Out, p)
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(o.IO.ErrOut, "%d problem(s) in %s\n", len(problems), o.Catalog)
		return errSilent
	}
	fmt.Fprintf(o.IO.ErrOut, "%s: no problems\n", o.Catalog)
	return nil
}

// exactArgs is cobra.ExactArgs as a usage error naming the arguments.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("want %s, got %d argument(s): %s", names, len(args), strings.Join(args, " "))
		}
		return nil
	}
}
