package main

// Lint-generated mode (make lint-generated): issue 16's proof that dockgen
// lint sees real breakage. For every corpus row whose reviewed `usable` is
// "no" (the reviewers judged the output of an older dockgen, -old-bin), the
// old binary generates into a fresh copy of the pinned commit as a user
// would, and the current binary (-bin) lints what it wrote in its build
// context. A row counts as flagged when at least one of dockgen's own rules
// (DGxxx) fires; BuildKit's checks do not count.

import (
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func lintGenerated(o options, rows []map[string]string, oldBin string, w io.Writer) error {
	old, err := filepath.Abs(oldBin)
	if err != nil {
		return err
	}
	if _, err := os.Stat(old); err != nil {
		return fmt.Errorf("-old-bin: %w (build the dockgen whose output the reviews judged: make lint-generated OLD=commit)", err)
	}
	var flagged, linted int
	var refused []string
	perRule := map[string]int{}
	fmt.Fprintf(w, "%-12s %-40s %s\n", "row", "repository", "dockgen rules that fire")
	for _, r := range rows {
		if !strings.HasPrefix(r["usable"], "no") {
			continue
		}
		rules, err := lintGeneratedRow(o, r, old)
		if err != nil {
			refused = append(refused, fmt.Sprintf("%s (%s)", r["id"], err))
			continue
		}
		linted++
		if len(rules) > 0 {
			flagged++
		}
		for _, id := range rules {
			perRule[id]++
		}
		list := strings.Join(rules, ",")
		if list == "" {
			list = "- (none)"
		}
		fmt.Fprintf(w, "%-12s %-40s %s\n", r["id"], r["repo"], list)
	}
	var ids []string
	for id := range perRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	fmt.Fprintf(w, "\nrows whose generated files the old binary did not write (refused or failed): %d\n", len(refused))
	for _, s := range refused {
		fmt.Fprintf(w, "  %s\n", s)
	}
	fmt.Fprintf(w, "\nrows flagged per rule:")
	for _, id := range ids {
		fmt.Fprintf(w, " %s %d", id, perRule[id])
	}
	fmt.Fprintf(w, "\n\nflagged: %d/%d generated Dockerfiles of rows reviewed unusable\n", flagged, linted)
	return nil
}

// lintGeneratedRow generates with old into a fresh copy and returns the
// distinct DG rules the current binary reports, sorted.
func lintGeneratedRow(o options, r map[string]string, old string) ([]string, error) {
	tree, err := checkout(r, o.mirrors, o.cache)
	if err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp("", "dockgen-lintgen-"+r["id"]+"-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	root := filepath.Join(work, filepath.Base(tree))
	if out, err := command(2*time.Minute, "", "cp", "-a", tree, root); err != nil {
		return nil, fmt.Errorf("copy: %s", firstLine(out))
	}
	if out, err := command(2*time.Minute, root, old, "--dir", r["subdir"], "--ci", "none", "--force"); err != nil {
		return nil, fmt.Errorf("old dockgen: %s", errorLine(out))
	}
	sub := r["subdir"]
	fs, err := lintOne(o.bin, root, path.Join(sub, "Dockerfile"), sub)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var rules []string
	for _, f := range fs {
		if strings.HasPrefix(f.Rule, "DG") && !seen[f.Rule] {
			seen[f.Rule] = true
			rules = append(rules, f.Rule)
		}
	}
	sort.Strings(rules)
	return rules, nil
}
