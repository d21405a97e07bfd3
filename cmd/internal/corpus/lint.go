package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// A lint finding as `dockgen lint --format json` writes it.
type lintFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	File     string `json:"file"`
	Line     int    `json:"line"`
}

// A label is a reviewer's verdict on one finding: true (real and worth
// fixing), noise (real but not worth acting on) or false (wrong).
type label struct{ verdict, reason string }

// labelKey names a finding by what a reviewer saw: the repository, the
// Dockerfile linted (two Dockerfiles may share a .dockerignore), the file
// and line the finding points at, the rule and its message (.dockerignore
// findings all have line 0). A finding that moves, changes rule or says
// something else no longer matches its label and shows as unlabelled.
func labelKey(repo, dockerfile, file string, line int, rule, message string) string {
	return strings.Join([]string{repo, dockerfile, file, strconv.Itoa(line), rule, message}, "\t")
}

func readLabels(file string) (map[string]label, error) {
	rows, err := readRows(file)
	if err != nil {
		return nil, err
	}
	out := map[string]label{}
	for i, r := range rows {
		line, err := strconv.Atoi(r["line"])
		v := r["label"]
		if err != nil || (v != "true" && v != "false" && v != "noise") || strings.TrimSpace(r["reason"]) == "" {
			return nil, fmt.Errorf("%s:%d: want a line number, a label true|false|noise and a reason", file, i+2)
		}
		k := labelKey(r["repo"], r["dockerfile"], r["file"], line, r["rule"], r["message"])
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("%s:%d: %s labelled twice", file, i+2, strings.ReplaceAll(k, "\t", " "))
		}
		out[k] = label{v, r["reason"]}
	}
	return out, nil
}

type ruleCount struct{ findings, truth, noise, falses, unlabelled, falseErrors int }

func (c ruleCount) precision() float64 {
	if n := c.truth + c.noise + c.falses; n > 0 {
		return float64(c.truth+c.noise) / float64(n)
	}
	return 1
}

// lintAll runs `dockgen lint` on every Dockerfile of the lint corpus with
// its pinned build context and scores each finding against the labels.
// Unlabelled findings are listed (with a label line to review and paste);
// false when a finding is unlabelled, a false finding is an error, or
// precision falls below the bar.
func lintAll(o options, rows []map[string]string, labelsFile string, w io.Writer) bool {
	labels, err := readLabels(labelsFile)
	if err != nil {
		fatal(err)
	}
	counts := map[string]*ruleCount{}
	var unlabelled, falseErrors []string
	seen := map[string]bool{}
	buildkit := map[string]int{}
	for _, r := range rows {
		tree, err := checkout(r, o.mirrors, o.cache)
		if err != nil {
			fatal(fmt.Errorf("%s: %w", r["id"], err))
		}
		fs, err := lintOne(o.bin, tree, r["dockerfile"], r["context"])
		if err != nil {
			fatal(fmt.Errorf("%s: %w", r["id"], err))
		}
		for _, f := range fs {
			if !strings.HasPrefix(f.Rule, "DG") {
				// BuildKit's own checks, reported as docker build --check
				// reports them: scored by BuildKit, not here.
				buildkit[f.Rule]++
				continue
			}
			c := counts[f.Rule]
			if c == nil {
				c = &ruleCount{}
				counts[f.Rule] = c
			}
			c.findings++
			k := labelKey(r["repo"], r["dockerfile"], f.File, f.Line, f.Rule, f.Message)
			seen[k] = true
			l, ok := labels[k]
			switch {
			case !ok:
				c.unlabelled++
				unlabelled = append(unlabelled, fmt.Sprintf("%s\t?\t(%s)", k, f.Severity))
			case l.verdict == "true":
				c.truth++
			case l.verdict == "noise":
				c.noise++
			default:
				c.falses++
				if f.Severity == "error" {
					c.falseErrors++
					falseErrors = append(falseErrors, strings.ReplaceAll(k, "\t", " ")+": "+l.reason)
				}
			}
		}
	}
	var stale []string
	for k := range labels {
		if !seen[k] {
			stale = append(stale, strings.ReplaceAll(k, "\t", " "))
		}
	}
	ok := lintReport(w, len(rows), counts, unlabelled, falseErrors, stale)
	var bk []string
	for rule, n := range buildkit {
		bk = append(bk, fmt.Sprintf("%s %d", rule, n))
	}
	sort.Strings(bk)
	fmt.Fprintf(w, "BuildKit's own checks (not scored): %s\n", strings.Join(bk, ", "))
	return ok
}

func lintReport(w io.Writer, files int, counts map[string]*ruleCount, unlabelled, falseErrors, stale []string) bool {
	var rules []string
	var total ruleCount
	for rule, c := range counts {
		rules = append(rules, rule)
		total.findings += c.findings
		total.truth += c.truth
		total.noise += c.noise
		total.falses += c.falses
		total.unlabelled += c.unlabelled
		total.falseErrors += c.falseErrors
	}
	sort.Strings(rules)
	fmt.Fprintf(w, "lint corpus: %d Dockerfiles, %d findings\n\n", files, total.findings)
	fmt.Fprintf(w, "%-8s %8s %6s %6s %6s %10s %9s\n", "rule", "findings", "true", "noise", "false", "unlabelled", "precision")
	for _, rule := range append(rules, "all") {
		c := total
		if rule != "all" {
			c = *counts[rule]
		}
		fmt.Fprintf(w, "%-8s %8d %6d %6d %6d %10d %9.3f\n", rule, c.findings, c.truth, c.noise, c.falses, c.unlabelled, c.precision())
	}
	sort.Strings(unlabelled)
	sort.Strings(stale)
	if len(unlabelled) > 0 {
		fmt.Fprintf(w, "\nunlabelled (review each, then put true, false or noise for ? and a reason after it in the labels file):\n%s\n", strings.Join(unlabelled, "\n"))
	}
	if len(stale) > 0 {
		fmt.Fprintf(w, "\nlabels no finding matches any more (the rule changed, or the corpus did):\n%s\n", strings.Join(stale, "\n"))
	}
	for _, e := range falseErrors {
		fmt.Fprintf(w, "false error: %s\n", e)
	}
	ok := len(unlabelled) == 0 && total.falseErrors == 0 && total.precision() >= 0.97
	fmt.Fprintf(w, "\nfalse errors: %d (bar 0); precision %.3f (bar 0.970): %s\n", total.falseErrors, total.precision(), map[bool]string{true: "ok", false: "FAIL"}[ok])
	return ok
}

// lintOne lints one Dockerfile of an extracted tree with the context the
// corpus row names, from the tree's top so that findings name files by
// their path in the repository. The environment's GOPRIVATE/GONOPROXY are
// cleared: a module's privacy must come from the repository alone.
func lintOne(bin, tree, dockerfile, context string) ([]lintFinding, error) {
	absBin, err := filepath.Abs(bin)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(absBin, "lint", "--format", "json", "--error-on", "none", "--context", filepath.FromSlash(context), filepath.FromSlash(dockerfile))
	cmd.Dir = tree
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "GOPRIVATE=") && !strings.HasPrefix(e, "GONOPROXY=") {
			env = append(env, e)
		}
	}
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("dockgen lint %s: %v: %s", dockerfile, err, strings.TrimSpace(stderr.String()))
	}
	var fs []lintFinding
	if err := json.Unmarshal(out, &fs); err != nil {
		return nil, fmt.Errorf("dockgen lint %s: %w", dockerfile, err)
	}
	for i := range fs {
		fs[i].File = filepath.ToSlash(fs[i].File)
	}
	return fs, nil
}
