package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
	"github.com/dockgen/dockgen/generator/lint"
)

func newCmdLint(f *Factory) *cobra.Command {
	var (
		format, errorOn, contextDir, buildLog string
		ignore, private                       []string
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
finding reaches --error-on (default: warning).

--build-log FILE (or - for stdin) reads the log of a failed docker build,
buildx or buildah run and explains the failures it recognises (proxy or
registry unreachable, checksum database, private modules, git credentials,
unknown certificate authority, npm, pip, Maven) with the flag or variable
that fixes each. Exit code 0 when it explained something, 1 when not.`,
		Example: `  dockgen lint
  dockgen lint services/api/Dockerfile --format json
  dockgen lint --ignore DG301 --error-on error
  docker build . 2>&1 | dockgen lint --build-log -`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return flagErrorf("accepts at most 1 arg (PATH), received %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if buildLog != "" {
				return explainBuildLog(f, buildLog, format)
			}
			levels := []string{"error", "warning", "info", "none"}
			if !slices.Contains(levels, errorOn) {
				return flagErrorf("--error-on %q: want one of error, warning, info, none", errorOn)
			}
			if !slices.Contains([]string{"text", "json", "sarif"}, format) {
				return flagErrorf("--format %q: want text, json or sarif", format)
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
			findings, err := lint.Check(cmd.Context(), filepath.ToSlash(file), data, lint.Options{Context: contextDir, Ignore: ignore, Private: private})
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			switch format {
			case "sarif":
				if err := lint.WriteSARIF(iostreams.Raw(f.IO.Out), f.Build.Version, findings); err != nil {
					return err
				}
			case "json":
				if findings == nil {
					findings = []lint.Finding{}
				}
				if err := printJSON(f.IO.Out, findings); err != nil {
					return err
				}
			default:
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
	fl.StringVar(&format, "format", "text", "output: text, json or sarif (GitHub code scanning)")
	fl.StringVar(&errorOn, "error-on", "warning", "lowest severity that makes the exit code 1: error, warning, info or none")
	fl.StringArrayVar(&ignore, "ignore", nil, "rule ID to leave out (repeatable), e.g. DG301 or JSONArgsRecommended")
	fl.StringVar(&contextDir, "context", "", "build context directory (default: the Dockerfile's directory)")
	fl.StringSliceVar(&private, "private", nil, "module path prefixes that are private (besides hosts that look internal), for DG602/DG603")
	fl.StringVar(&buildLog, "build-log", "", "explain a failed build from its log (a file, or - for stdin) instead of linting")
	return cmd
}

func explainBuildLog(f *Factory, file, format string) error {
	var r io.Reader = f.IO.In
	if file != "-" {
		fh, err := os.Open(file)
		if err != nil {
			return fmt.Errorf("reading the build log: %w", err)
		}
		defer fh.Close()
		r = fh
	}
	ex, err := lint.ExplainLog(r)
	if err != nil {
		return fmt.Errorf("reading the build log %s: %w", file, err)
	}
	if format == "json" {
		if ex == nil {
			ex = []lint.Explanation{}
		}
		if err := printJSON(f.IO.Out, ex); err != nil {
			return err
		}
	} else {
		for _, e := range ex {
			fmt.Fprintf(f.IO.Out, "%s (log line %d): %s\n    %s\n    fix: %s\n", e.ID, e.Line, e.Problem, e.Text, e.Fix)
		}
	}
	if len(ex) == 0 {
		fmt.Fprintln(f.IO.ErrOut, "no failure in the log that dockgen recognises (the table is in README: Explaining a failed build)")
		return errSilent
	}
	return nil
}
