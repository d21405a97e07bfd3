// Command corpus measures dockgen on a corpus of real public repositories
// with hand-checked expected results (the format of
// ../shared/corpus/public.tsv, plus the columns examples/corpus/README.md
// adds). It is run by `make corpus` (detection accuracy) and `make
// corpus-build` (generate, build, run and rebuild each buildable row with the
// offline e2e harness), `make lint-generated` (-lint-generated: does lint
// flag the generated files the reviews found unusable?) and `make lint-corpus` (-lint: dockgen lint on the
// real Dockerfiles of lint-corpus.tsv, scored against reviewed labels),
// outside `make test`, because it needs the
// repositories: it uses local git mirrors when they exist (-mirrors) and
// clones from GitHub otherwise, and extracts each pinned commit into a cache.
// None of the repositories' content is kept in this repository.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
	BuildRoot string `json:"build_root"`
}

type result struct {
	Projects []project `json:"projects"`
	Chosen   int       `json:"chosen"`
}

func main() {
	var o options
	flag.StringVar(&o.tsv, "tsv", "examples/corpus/corpus.tsv", "corpus file")
	flag.StringVar(&o.bin, "bin", "bin/dockgen", "dockgen binary")
	flag.StringVar(&o.mirrors, "mirrors", os.Getenv("DOCKGEN_CORPUS_MIRRORS"), "directory of git mirrors named owner+name/repo (optional)")
	flag.StringVar(&o.cache, "cache", "", "where clones and extracted trees are kept (default: the user cache dir)")
	flag.StringVar(&o.only, "only", "", "comma-separated row ids to run (default: all)")
	lintMode := flag.Bool("lint", false, "lint every Dockerfile of the lint corpus (-tsv) and score the findings against -labels (make lint-corpus)")
	labels := flag.String("labels", "examples/corpus/lint-labels.tsv", "lint mode: the reviewed label of every finding")
	lintGen := flag.Bool("lint-generated", false, "lint what -old-bin generates for every row reviewed unusable, with -bin (make lint-generated)")
	oldBin := flag.String("old-bin", "", "lint-generated mode: the dockgen whose output the reviews judged")
	build := flag.Bool("build", false, "generate, build, run and rebuild every buildable_here row (make corpus-build)")
	flag.BoolVar(&o.summaryOnly, "summary", false, "build mode: rewrite DATE[-LABEL].md from the results already measured, building nothing")
	flag.StringVar(&o.e2e, "e2e", "../shared/e2e", "the offline e2e harness (build mode)")
	flag.StringVar(&o.results, "results", "examples/corpus/results", "where build mode writes DATE.tsv and DATE.md")
	flag.StringVar(&o.label, "label", "", "build mode: name the results DATE-LABEL.{tsv,md} (e.g. the binary's version)")
	flag.IntVar(&o.buildTimeout, "build-timeout", 600, "seconds allowed per image build (build mode)")
	flag.Parse()
	if o.cache == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			fatal(err)
		}
		o.cache = filepath.Join(dir, "dockgen", "corpus")
	}
	rows, err := readRows(o.tsv)
	if err != nil {
		fatal(err)
	}
	if rows, err = selectRows(rows, o.only); err != nil {
		fatal(err)
	}
	if *lintMode {
		if !lintAll(o, rows, *labels, os.Stdout) {
			os.Exit(1)
		}
		return
	}
	if *lintGen {
		if err := lintGenerated(o, rows, *oldBin, os.Stdout); err != nil {
			fatal(err)
		}
		return
	}
	if *build {
		if err := buildAll(o, rows); err != nil {
			fatal(err)
		}
		return
	}
	if !detectAll(o, rows) {
		os.Exit(1)
	}
}

type options struct {
	tsv, bin, mirrors, cache, only, e2e, results, label string
	buildTimeout                                        int
	summaryOnly                                         bool
}

// detectAll runs `dockgen detect --json` on every row and prints accuracy
// per field, per kind and per class; false when a bar is missed.
func detectAll(o options, rows []map[string]string) bool {
	sc := newScore()
	for _, r := range rows {
		tree, err := checkout(r, o.mirrors, o.cache)
		if err != nil {
			fatal(fmt.Errorf("%s: %w", r["id"], err))
		}
		out, err := exec.Command(o.bin, "detect", "--json", filepath.Join(tree, filepath.FromSlash(r["subdir"]))).Output()
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
	return sc.report(os.Stdout, len(rows))
}

// selectRows keeps the rows named in only (all when empty); an unknown id
// is an error, so a typo does not silently run nothing.
func selectRows(rows []map[string]string, only string) ([]map[string]string, error) {
	if only == "" {
		return rows, nil
	}
	want := map[string]bool{}
	for _, id := range strings.Split(only, ",") {
		if id = strings.TrimSpace(id); id != "" {
			want[id] = true
		}
	}
	var out []map[string]string
	for _, r := range rows {
		if want[r["id"]] {
			out = append(out, r)
			delete(want, r["id"])
		}
	}
	if len(want) > 0 {
		var missing []string
		for id := range want {
			missing = append(missing, id)
		}
		return nil, fmt.Errorf("-only: no row with id %s", strings.Join(missing, ", "))
	}
	return out, nil
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "corpus:", err)
	os.Exit(2)
}
