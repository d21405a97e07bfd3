package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
	"github.com/dockgen/dockgen/generator/lint"
)

// LintOptions are dockgen lint's flags and argument.
type LintOptions struct {
	IO      *iostreams.IOStreams
	Getenv  func(string) string
	Version string

	File, Context, BuildLog string
	Ignore, Private         []string

	format  lint.Format
	errorOn lint.Threshold

	formatFlag, errorOnFlag string
}

func newCmdLint(f *Factory, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{IO: f.IO, Getenv: f.Getenv, Version: f.Build.Version}
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
			opts.File = "Dockerfile"
			if len(args) == 1 {
				opts.File = args[0]
			}
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return lintRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.formatFlag, "format", "text", "output: text, json or sarif (GitHub code scanning)")
	fl.StringVar(&opts.errorOnFlag, "error-on", "warning", "lowest severity that makes the exit code 1: error, warning, info or none")
	fl.StringArrayVar(&opts.Ignore, "ignore", nil, "rule ID to leave out (repeatable), e.g. DG301 or JSONArgsRecommended")
	fl.StringVar(&opts.Context, "context", "", "build context directory (default: the Dockerfile's directory)")
	fl.StringSliceVar(&opts.Private, "private", nil, "module path patterns that are private, as in GOPRIVATE (besides this environment's GOPRIVATE/GONOPROXY), for DG602/DG603")
	fl.StringVar(&opts.BuildLog, "build-log", "", "explain a failed build from its log (a file, or - for stdin) instead of linting")
	return cmd
}

// validate checks flag values; the library owns their meaning.
func (o *LintOptions) validate() error {
	var err error
	if o.format, err = lint.ParseFormat(o.formatFlag); err != nil {
		return flagErrorf("--format %w", err)
	}
	if o.errorOn, err = lint.ParseThreshold(o.errorOnFlag); err != nil {
		return flagErrorf("--error-on %w", err)
	}
	if err := lint.CheckRuleIDs(o.Ignore); err != nil {
		return flagErrorf("--ignore %w", err)
	}
	return nil
}

func lintRun(ctx context.Context, o *LintOptions) error {
	if o.BuildLog != "" {
		return explainBuildLog(o)
	}
	file := o.File
	if fi, err := os.Stat(file); err == nil && fi.IsDir() {
		file = filepath.Join(file, "Dockerfile")
	}
	data, err := lint.ReadDockerfile(file)
	if err != nil {
		return err
	}
	contextDir := o.Context
	if contextDir == "" {
		contextDir = filepath.Dir(file)
	}
	// Modules are private when the user says so: --private, and the go
	// command's own GOPRIVATE/GONOPROXY of this environment.
	private := o.Private
	for _, key := range []string{"GOPRIVATE", "GONOPROXY"} {
		for _, p := range strings.Split(o.Getenv(key), ",") {
			if p = strings.TrimSpace(p); p != "" {
				private = append(private, p)
			}
		}
	}
	findings, err := lint.Check(ctx, filepath.ToSlash(file), data, lint.Options{Context: contextDir, Ignore: o.Ignore, Private: private, Dockerfile: file})
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if err := lint.Write(o.IO.Out, o.format, o.Version, findings); err != nil {
		return err
	}
	if o.format == lint.FormatText {
		fmt.Fprintf(o.IO.ErrOut, "%s: %d finding(s)\n", file, len(findings))
	}
	if o.errorOn.Failing(findings) > 0 {
		return errSilent
	}
	return nil
}

func explainBuildLog(o *LintOptions) error {
	var r io.Reader = o.IO.In
	if o.BuildLog != "-" {
		fh, err := os.Open(o.BuildLog)
		if err != nil {
			return fmt.Errorf("reading the build log: %w", err)
		}
		defer fh.Close()
		r = fh
	}
	ex, err := lint.ExplainLog(r)
	if werr := lint.WriteExplanations(o.IO.Out, o.format, ex); werr != nil {
		return werr
	}
	switch {
	case errors.Is(err, lint.ErrLogTruncated):
		fmt.Fprintf(o.IO.ErrOut, "warning: %s: %v\n", o.BuildLog, err)
	case err != nil:
		return fmt.Errorf("reading the build log %s: %w", o.BuildLog, err)
	}
	if len(ex) == 0 {
		fmt.Fprintln(o.IO.ErrOut, "no failure in the log that dockgen recognises (the table is in README: Explaining a failed build)")
		return errSilent
	}
	return nil
}
