package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/dockgen/dockgen/generator/lint"
)

func newCmdLint(f *Factory) *cobra.Command {
	var (
		format, errorOn, contextDir string
		ignore                      []string
	)
	cmd := &cobra.Command{
		Use:   "lint [PATH]",
		Short: "Check a Dockerfile against its build context, offline",
		Long: `lint checks a Dockerfile (PATH, or PATH/Dockerfile; default ./Dockerfile)
with BuildKit's own build checks and dockgen's rules: the build context
(COPY sources exist and are not excluded by .dockerignore; secrets, .git
and node_modules kept out), the runtime stage (numeric non-root USER, no
toolchain), supply chain and secrets (pinned bases, no credentials in
ARG/ENV/COPY, no curl | sh), cache (cache mounts, dependencies before
sources), portability to buildah/podman (info) and Go module verification.

Silence a rule on one instruction with "# dockgen:ignore RULE" on the line
above it, or everywhere with --ignore RULE. The exit code is 1 when a
finding reaches --error-on (default: warning).`,
		Example: `  dockgen lint
  dockgen lint services/api/Dockerfile --format json
  dockgen lint --ignore DG301 --error-on error`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return flagErrorf("accepts at most 1 arg (PATH), received %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			levels := []string{"error", "warning", "info", "none"}
			if !slices.Contains(levels, errorOn) {
				return flagErrorf("--error-on %q: want one of error, warning, info, none", errorOn)
			}
			if format != "text" && format != "json" {
				return flagErrorf("--format %q: want text or json", format)
			}
			file := "Dockerfile"
			if len(args) == 1 {
				file = args[0]
			}
			if fi, err := os.Stat(file); err == nil && fi.IsDir() {
				file = filepath.Join(file, "Dockerfile")
			}
			data, err := os.ReadFile(file)
			if err != nil {
				return fmt.Errorf("reading the Dockerfile: %w", err)
			}
			if contextDir == "" {
				contextDir = filepath.Dir(file)
			}
			findings, err := lint.Check(cmd.Context(), filepath.ToSlash(file), data, lint.Options{Context: contextDir, Ignore: ignore})
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			if format == "json" {
				if findings == nil {
					findings = []lint.Finding{}
				}
				if err := printJSON(f.IO.Out, findings); err != nil {
					return err
				}
			} else {
				for _, fd := range findings {
					fmt.Fprintf(f.IO.Out, "%s:%d: %s %s: %s\n", fd.File, fd.Line, fd.Severity, fd.Rule, fd.Message)
					if fd.Why != "" {
						fmt.Fprintf(f.IO.Out, "    why: %s\n    fix: %s\n", fd.Why, fd.Fix)
					}
					if fd.URL != "" {
						fmt.Fprintf(f.IO.Out, "    see: %s\n", fd.URL)
					}
				}
			}
			rank := map[lint.Severity]int{lint.SevError: 0, lint.SevWarning: 1, lint.SevInfo: 2}
			fail := 0
			for _, fd := range findings {
				if errorOn != "none" && rank[fd.Severity] <= slices.Index(levels, errorOn) {
					fail++
				}
			}
			if format == "text" {
				fmt.Fprintf(f.IO.ErrOut, "%s: %d finding(s)\n", file, len(findings))
			}
			if fail > 0 {
				return errSilent
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "text", "output: text or json")
	fl.StringVar(&errorOn, "error-on", "warning", "lowest severity that makes the exit code 1: error, warning, info or none")
	fl.StringArrayVar(&ignore, "ignore", nil, "rule ID to leave out (repeatable), e.g. DG301 or JSONArgsRecommended")
	fl.StringVar(&contextDir, "context", "", "build context directory (default: the Dockerfile's directory)")
	return cmd
}
