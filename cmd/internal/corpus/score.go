package main

import (
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// score counts matches per field, overall and per group (the row's kind
// and each of its classes), and keeps every miss.
type score struct {
	scored, matched map[string]map[string]int // group -> field -> count
	misses          []string
}

func newScore() *score {
	return &score{scored: map[string]map[string]int{}, matched: map[string]map[string]int{}}
}

// groups are the tallies a row counts in: all rows, its kind, its classes.
func groups(r map[string]string) []string {
	g := []string{"all", "kind:" + r["kind"]}
	for _, c := range strings.Split(r["class"], ";") {
		if c = strings.TrimSpace(c); c != "" && c != "-" {
			g = append(g, "class:"+c)
		}
	}
	return g
}

func (s *score) check(r map[string]string, field string, ok bool, want, got string) {
	for _, g := range groups(r) {
		if s.scored[g] == nil {
			s.scored[g], s.matched[g] = map[string]int{}, map[string]int{}
		}
		s.scored[g][field]++
		if ok {
			s.matched[g][field]++
		}
	}
	if !ok {
		s.miss(r, field, want, got)
	}
}

func (s *score) miss(r map[string]string, field, want, got string) {
	s.misses = append(s.misses, fmt.Sprintf("%-10s %-9s want %-40q got %q", r["id"], field, want, got))
}

var fields = []string{"lang", "tool", "wrapper", "framework", "version", "entry", "port", "build_root"}

// bars are the required accuracies (DESIGN: 100% lang/tool/version, 90% entry/port).
var bars = map[string]float64{"lang": 1, "tool": 1, "version": 1, "entry": 0.9, "port": 0.9}

// report prints the overall table, the per-kind and per-class matrix and
// every miss; false when an overall bar is missed.
func (s *score) report(w io.Writer, rows int) bool {
	ok := true
	all := s.scored["all"]
	fmt.Fprintf(w, "%d repositories\n\n%-10s %8s %8s\n", rows, "field", "match", "acc")
	for _, f := range fields {
		n := all[f]
		if n == 0 {
			continue
		}
		acc := float64(s.matched["all"][f]) / float64(n)
		flag := ""
		if bar, has := bars[f]; has && acc < bar {
			flag, ok = fmt.Sprintf("  below %.0f%%", bar*100), false
		}
		fmt.Fprintf(w, "%-10s %4d/%-3d %7.1f%%%s\n", f, s.matched["all"][f], n, acc*100, flag)
	}
	var names []string
	for g := range s.scored {
		if g != "all" {
			names = append(names, g)
		}
	}
	sort.Strings(names) // class:* before kind:*
	fmt.Fprintf(w, "\n%-32s", "group")
	for _, f := range fields {
		fmt.Fprintf(w, " %9s", f)
	}
	fmt.Fprintln(w)
	for _, g := range names {
		fmt.Fprintf(w, "%-32s", g)
		for _, f := range fields {
			cell := "-"
			if n := s.scored[g][f]; n > 0 {
				cell = fmt.Sprintf("%d/%d", s.matched[g][f], n)
			}
			fmt.Fprintf(w, " %9s", cell)
		}
		fmt.Fprintln(w)
	}
	if len(s.misses) > 0 {
		sort.Strings(s.misses)
		fmt.Fprintf(w, "\nmisses (%d):\n%s\n", len(s.misses), strings.Join(s.misses, "\n"))
	}
	return ok
}

func compare(s *score, r map[string]string, p project) {
	kind := r["kind"]
	altKind := r["alt_kind"]
	usedAlt := p.Lang == altKind && altKind != "-"
	s.check(r, "lang", p.Lang == kind || usedAlt, kind+orAlt(altKind), p.Lang)

	tool := p.Tool
	if tool == "go" {
		tool = "go-modules"
	}
	s.check(r, "tool", oneOf(tool, r["package_manager"], "|"), r["package_manager"], p.Tool)
	if r["wrapper"] != "-" { // the row records whether mvnw/gradlew is committed
		s.check(r, "wrapper", (r["wrapper"] == "yes") == p.Wrapper, r["wrapper"], fmt.Sprint(p.Wrapper))
	}
	if kind != "go" {
		s.check(r, "framework", oneOf(p.Framework, r["framework"], "|"), r["framework"], p.Framework)
	}
	s.check(r, "version", dash(r["lang_version"]) == p.Version, r["lang_version"], p.Version)

	want := r["entry"]
	if usedAlt {
		want = r["alt_entry"]
	}
	s.check(r, "entry", entryMatches(p.Lang, want, p.Entry), want, p.Entry)
	if first, _, _ := strings.Cut(want, ";"); p.Lang == "go" && oneOf(p.Entry, want, ";") && p.Entry != first {
		s.miss(r, "entry~", first+" (preferred; acceptable match counted)", p.Entry)
	}

	if r["port_scope"] == "runtime" {
		s.check(r, "port", oneOf(fmt.Sprint(p.Port), r["port"], ";"), r["port"], fmt.Sprint(p.Port))
	}
	// build_root is reported relative to the detected dir (subdir).
	if want := r["build_root"]; want != "" && want != "-" && p.BuildRoot != "" {
		got := path.Join(r["subdir"], p.BuildRoot)
		s.check(r, "build_root", got == path.Clean(want), want, got)
	}
}

func orAlt(alt string) string {
	if alt == "-" {
		return ""
	}
	return "|" + alt
}

func dash(v string) string {
	if v == "-" {
		return ""
	}
	return v
}

func oneOf(got, want, sep string) bool {
	for _, w := range strings.Split(want, sep) {
		if strings.TrimSpace(w) == got {
			return true
		}
	}
	return false
}

// entryMatches applies the corpus README's normalisation: Go mains are a
// ";" list (any listed one is acceptable), commands must be contained in the
// detected start command, paths compare without "./", a glob must name the
// expected file.
func entryMatches(lang, want, got string) bool {
	want, got = strings.TrimSpace(want), strings.TrimSpace(got)
	if lang == "go" {
		return oneOf(got, want, ";")
	}
	// A free-form alternative ("npm start (browser-sync dev server)") keeps
	// its command before the parenthesis.
	if i := strings.Index(want, " ("); i > 0 {
		want = want[:i]
	}
	if strings.Contains(want, " ") {
		return strings.Contains(got, want)
	}
	clean := func(s string) string { return strings.TrimSuffix(path.Clean(strings.TrimPrefix(s, "./")), "/") }
	want, got = clean(dash(want)), clean(got)
	if m, err := path.Match(got, want); err == nil && m && !strings.HasSuffix(want, "-plain.jar") {
		return true
	}
	return want == got
}
