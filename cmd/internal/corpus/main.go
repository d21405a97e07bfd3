// Command corpus measures `dockgen detect --json` against a corpus of real
// public repositories with hand-checked expected results (the format of
// ../shared/corpus/public.tsv). It is run by `make corpus`, outside `make
// test`, because it needs the repositories: it uses local git mirrors when
// they exist (-mirrors) and clones from GitHub otherwise, and extracts each
// pinned commit into a cache. None of the repositories' content is kept in
// this repository.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

type project struct {
	Path      string `json:"path"`
	Lang      string `json:"lang"`
	Version   string `json:"version"`
	Tool      string `json:"tool"`
	Wrapper   bool   `json:"wrapper"`
	Framework string `json:"framework"`
	Entry     string `json:"entry"`
	Port      int    `json:"port"`
}

type result struct {
	Projects []project `json:"projects"`
	Chosen   int       `json:"chosen"`
}

func main() {
	tsv := flag.String("tsv", "../shared/corpus/public.tsv", "corpus file")
	bin := flag.String("bin", "bin/dockgen", "dockgen binary")
	mirrors := flag.String("mirrors", os.Getenv("DOCKGEN_CORPUS_MIRRORS"), "directory of git mirrors named owner+name/repo (optional)")
	cache := flag.String("cache", "", "where clones and extracted trees are kept (default: the user cache dir)")
	flag.Parse()
	if *cache == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			fatal(err)
		}
		*cache = filepath.Join(dir, "dockgen", "corpus")
	}
	rows, err := readRows(*tsv)
	if err != nil {
		fatal(err)
	}
	sc := newScore()
	for _, r := range rows {
		tree, err := checkout(r, *mirrors, *cache)
		if err != nil {
			fatal(fmt.Errorf("%s: %w", r["id"], err))
		}
		out, err := exec.Command(*bin, "detect", "--json", filepath.Join(tree, filepath.FromSlash(r["subdir"]))).Output()
		if err != nil {
			fatal(fmt.Errorf("%s: dockgen detect: %w", r["id"], err))
		}
		var res result
		if err := json.Unmarshal(out, &res); err != nil {
			fatal(fmt.Errorf("%s: %w", r["id"], err))
		}
		var p project
		switch {
		case res.Chosen >= 0:
			p = res.Projects[res.Chosen]
		case len(res.Projects) > 0:
			p = res.Projects[0]
			sc.miss(r, "chosen", "a project", "-1 (ambiguous)")
		}
		compare(sc, r, p)
	}
	if !sc.report(os.Stdout, len(rows)) {
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "corpus:", err)
	os.Exit(2)
}

func readRows(file string) ([]map[string]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	header := strings.Split(lines[0], "\t")
	var rows []map[string]string
	for i, l := range lines[1:] {
		cols := strings.Split(l, "\t")
		if len(cols) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", file, i+2, len(cols), len(header))
		}
		row := map[string]string{}
		for j, h := range header {
			row[h] = cols[j]
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// checkout returns a directory holding the row's commit. The directory is
// named after the repository, as a clone would be: Gradle names a jar after
// the checkout directory when settings.gradle does not.
func checkout(r map[string]string, mirrors, cache string) (string, error) {
	owner, name, _ := strings.Cut(r["repo"], "/")
	tree := filepath.Join(cache, "trees", r["commit"], name)
	if _, err := os.Stat(tree); err == nil {
		return tree, nil
	}
	gitDir := filepath.Join(mirrors, owner+"+"+name, "repo")
	if _, err := os.Stat(gitDir); mirrors == "" || err != nil {
		gitDir = filepath.Join(cache, "git", owner+"+"+name+".git")
		if _, err := os.Stat(gitDir); err != nil {
			fmt.Fprintf(os.Stderr, "cloning %s\n", r["repo"])
			if err := run("", "git", "clone", "--quiet", "--bare", "https://github.com/"+r["repo"]+".git", gitDir); err != nil {
				return "", err
			}
		}
	}
	tmp := tree + ".tmp"
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return "", err
	}
	archive := exec.Command("git", "--git-dir", gitDir, "archive", r["commit"])
	untar := exec.Command("tar", "-x", "-C", tmp)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return "", err
	}
	untar.Stdin = pipe
	var stderr bytes.Buffer
	archive.Stderr, untar.Stderr = &stderr, &stderr
	if err := untar.Start(); err != nil {
		return "", err
	}
	if err := errors.Join(archive.Run(), untar.Wait()); err != nil {
		return "", fmt.Errorf("extracting %s: %v: %s", r["commit"], err, stderr.String())
	}
	// A clone has a .git directory, and detection uses it as the repository's
	// top when it looks above a subdir for a lockfile or version pin.
	if err := run(tmp, "git", "init", "--quiet"); err != nil {
		return "", err
	}
	return tree, os.Rename(tmp, tree)
}

func run(dir string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Stderr = dir, os.Stderr
	return cmd.Run()
}

// score counts matches per field and keeps every miss.
type score struct {
	scored, matched map[string]int
	misses          []string
}

func newScore() *score { return &score{scored: map[string]int{}, matched: map[string]int{}} }

func (s *score) check(r map[string]string, field string, ok bool, want, got string) {
	s.scored[field]++
	if ok {
		s.matched[field]++
		return
	}
	s.miss(r, field, want, got)
}

func (s *score) miss(r map[string]string, field, want, got string) {
	s.misses = append(s.misses, fmt.Sprintf("%-10s %-9s want %-40q got %q", r["id"], field, want, got))
}

var fields = []string{"lang", "tool", "wrapper", "framework", "version", "entry", "port"}

// bars are the required accuracies (DESIGN: 100% lang/tool/version, 90% entry/port).
var bars = map[string]float64{"lang": 1, "tool": 1, "version": 1, "entry": 0.9, "port": 0.9}

func (s *score) report(w *os.File, rows int) bool {
	ok := true
	fmt.Fprintf(w, "%d repositories\n\n%-10s %8s %8s\n", rows, "field", "match", "acc")
	for _, f := range fields {
		n := s.scored[f]
		if n == 0 {
			continue
		}
		acc := float64(s.matched[f]) / float64(n)
		flag := ""
		if bar, has := bars[f]; has && acc < bar {
			flag, ok = fmt.Sprintf("  below %.0f%%", bar*100), false
		}
		fmt.Fprintf(w, "%-10s %4d/%-3d %7.1f%%%s\n", f, s.matched[f], n, acc*100, flag)
	}
	if len(s.misses) > 0 {
		sort.Strings(s.misses)
		fmt.Fprintf(w, "\nmisses:\n%s\n", strings.Join(s.misses, "\n"))
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
