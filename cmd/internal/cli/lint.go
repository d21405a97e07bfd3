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

	Files             []string // as given: files, folders, patterns
	Context, BuildLog string
	Ignore, Private   []string

	format  lint.Format
	errorOn lint.Threshold

	formatFlag, errorOnFlag string
}

func newCmdLint(f *Factory, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{IO: f.IO, Getenv: f.Getenv, Version: f.Build.Version}
	cmd := &cobra.Command{
		Use:   "lint [PATH]...",
		Short: "Check Dockerfiles against their build contexts, offline",
		Long: `lint checks Dockerfiles (each PATH, PATH/Dockerfile, or a pattern such as
'**/Dockerfile*' that dockgen expands itself; default ./Dockerfile) with
BuildKit's own build checks and dockgen's rules: the build context
(COPY sources exist and are not excluded by .dockerignore; secrets, .git
and node_modules kept out), the runtime stage (numeric non-root USER, no
toolchain), supply chain and secrets (pinned bases, no credentials in
ARG/ENV/COPY, no curl | sh), cache (cache mounts, dependencies before
sources), portability to buildah/podman (info), Go module verification
and package hygiene.

Each Dockerfile's build context is --context when given, else the
build.context of a compose service that builds it (compose.yaml or
docker-compose.yml in its folder or a parent, inside the current folder),
else its own folder. One summary ends the run.

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
  dockgen lint '**/Dockerfile*' --format sarif
  dockgen lint --ignore DG301 --error-on error
  docker build . 2>&1 | dockgen lint --build-log -`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if len(args) == 0 {
				opts.Files = []string{"Dockerfile"}
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
	targets, err := lint.ExpandPaths(o.Files)
	if err != nil {
		return err
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
	var all []lint.Finding
	failed := 0 // files that could not be checked
	for _, t := range targets {
		file := t.Path
		contextDir := o.Context
		if contextDir == "" {
			contextDir = lint.ContextFor(file, t.Top)
		}
		fs, err := lintFile(ctx, file, contextDir, o, private)
		if err != nil {
			if len(targets) == 1 {
				return err
			}
			fmt.Fprintf(o.IO.ErrOut, "error: %v\n", err)
			failed++
			continue
		}
		if o.format == lint.FormatText {
			if err := lint.Write(o.IO.Out, o.format, o.Version, fs); err != nil {
				return err
			}
			fmt.Fprintf(o.IO.ErrOut, "%s: %d finding(s)\n", file, len(fs))
		}
		all = append(all, fs...)
	}
	if o.format != lint.FormatText {
		lint.Sort(all)
		if err := lint.Write(o.IO.Out, o.format, o.Version, all); err != nil {
			return err
		}
	}
	if len(targets) > 1 {
		fmt.Fprintf(o.IO.ErrOut, "%s\n", lint.Summary(len(targets), failed, all))
	}
	if failed > 0 || o.errorOn.Failing(all) > 0 {
		return errSilent
	}
	return nil
}

func lintFile(ctx context.Context, file, contextDir string, o *LintOptions, private []string) ([]lint.Finding, error) {
	data, err := lint.ReadDockerfile(file)
	if err != nil {
		return nil, err
	}
	fs, err := lint.Check(ctx, filepath.ToSlash(file), data, lint.Options{Context: contextDir, Ignore: o.Ignore, Private: private, Dockerfile: file})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return fs, nil
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
