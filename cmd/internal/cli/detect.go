package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/shellquote"
)

// DetectOptions are `dockgen detect`'s.
type DetectOptions struct {
	IO *iostreams.IOStreams

	Root string // PATH, default "."
	JSON bool
}

func newCmdDetect(f *Factory, runF func(*DetectOptions) error) *cobra.Command {
	opts := &DetectOptions{IO: f.IO, Root: "."}
	cmd := &cobra.Command{
		Use:   "detect [PATH]",
		Short: "Show what dockgen finds in a repository, with the evidence",
		Long: `Detect reads the repository at PATH (default: the current directory) and
prints every project it finds: kind, language version, package manager,
framework, entry point, port and build step, each with the file and line it
came from. Nothing in the repository is executed.

The project marked * is the one dockgen would generate for. When none is
marked, the repository holds several and you pick one with --dir.

--json prints the stable detection contract: {"root", "projects", "chosen"}.`,
		Example: `  # what would dockgen generate for here, and why?
  dockgen detect

  # the chosen project of a subfolder, as JSON
  dockgen detect --json ./services/api | jq '.projects[.chosen]'`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("accepts at most 1 arg (PATH), received %d: %s", len(args), strings.Join(args, " "))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Root = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return detectRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the detection contract as JSON")
	return cmd
}

func detectRun(o *DetectOptions) error {
	res, err := detect.Dir(o.Root)
	if err != nil {
		return err
	}
	if o.JSON {
		return printJSON(o.IO.Out, res)
	}
	printDetection(o.IO.Out, o.Root, res)
	for _, w := range res.Warnings {
		fmt.Fprintf(o.IO.ErrOut, "warning: %s\n", w)
	}
	return nil
}

func printDetection(w io.Writer, root string, res *detect.Result) {
	if len(res.Projects) == 0 {
		fmt.Fprintf(w, "No project found in %s (looked for %s).\n", root, kind.LookedFor())
		return
	}
	for i, p := range res.Projects {
		mark := " "
		if i == res.Chosen {
			mark = "*"
		}
		fmt.Fprintf(w, "%s %s: %s\n", mark, p.Path, p.Lang)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		field := func(name, value string) {
			if value != "" && value != "none" && value != "0" {
				fmt.Fprintf(tw, "    %s\t%s\n", name, value)
			}
		}
		field("version", p.Version)
		field("tool", p.Tool)
		if p.Wrapper {
			field("wrapper", "yes")
		}
		field("framework", p.Framework)
		field("entry", p.Entry)
		if len(p.Alternatives) > 0 {
			field("also", strings.Join(p.Alternatives, ", "))
		}
		field("port", strconv.Itoa(p.Port))
		field("build", p.Build)
		if p.BuildRoot != p.Path {
			field("context", p.BuildRoot+" (the build root)")
		}
		_ = tw.Flush()
		for _, e := range p.Evidence {
			loc := e.File
			if e.Line > 0 {
				loc += ":" + strconv.Itoa(e.Line)
			}
			fmt.Fprintf(tw, "      %s\t%s\n", loc, e.Fact)
		}
		_ = tw.Flush()
	}
	if res.Chosen < 0 {
		if c := detect.Candidates(res.Projects); len(c) > 0 {
			fmt.Fprintf(w, "\nSeveral projects: pick one with --dir, for example: dockgen --dir %s\n", shellquote.Path(path.Join(root, res.Projects[c[0]].Path)))
		}
	}
}

// printJSON writes v as indented JSON, the shape every --json flag prints.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(iostreams.Raw(w)) // machine output: exact, not escaped
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
