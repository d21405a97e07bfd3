package main

// Build mode (make corpus-build): for every buildable_here row, run dockgen
// on a fresh copy of the pinned commit as a user would, then build, run and
// rebuild the result with the offline e2e harness (../shared/e2e); where the
// repository has its own Dockerfile, build that too, as the human-written
// baseline. One build at a time (a lock), each bounded in time, the layer
// cache pruned between rows, results merged into DATE.tsv after every row
// so an interrupted run resumes with -only.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// verdict is what one build of one Dockerfile showed.
type verdict struct {
	Generated  string // yes | no (dockgen refused or failed) | - (baseline)
	Built      string
	Started    string // yes: answered HTTP or stayed up until the HTTP timeout
	HTTP       string // status code, or -
	NonRoot    string
	DepsCached string // yes | no | n/a | -
	Fresh      string // the source change reached the rebuilt image
	BuildS     string
	RebuildS   string
	ImageMB    string
	Reason     string // the first failure, as the harness or dockgen said it
}

// resultColumns is the header of DATE.tsv: the row, dockgen's verdict, then
// the repository's own Dockerfile's.
var resultColumns = []string{"id", "kind", "class", "usable", "generated", "built", "started", "http", "nonroot",
	"deps_cached", "fresh", "build_s", "rebuild_s", "image_mb", "reason",
	"own", "own_built", "own_started", "own_http", "own_nonroot", "own_deps_cached", "own_fresh",
	"own_build_s", "own_rebuild_s", "own_image_mb", "own_reason"}

func buildAll(o options, rows []map[string]string) error {
	for _, p := range []*string{&o.bin, &o.e2e, &o.results, &o.cache} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			return err
		}
		*p = abs
	}
	if _, err := os.Stat(filepath.Join(o.e2e, "build-and-run.sh")); err != nil {
		return fmt.Errorf("-e2e %s: no build-and-run.sh there (the offline harness, ../shared/e2e)", o.e2e)
	}
	if err := os.MkdirAll(o.cache, 0o755); err != nil {
		return err
	}
	unlock, err := lockFile(filepath.Join(o.cache, "corpus-build.lock"))
	if err != nil {
		return err
	}
	defer unlock()

	stem := time.Now().UTC().Format("2006-01-02")
	if o.label != "" {
		stem += "-" + o.label
	}
	tsvPath := filepath.Join(o.results, stem+".tsv")
	done, err := readResults(tsvPath)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if o.summaryOnly {
			break
		}
		if !strings.HasPrefix(r["buildable_here"], "yes") {
			continue
		}
		if _, ok := done[r["id"]]; ok && o.only == "" {
			continue // measured earlier today: a re-run resumes; -only re-measures
		}
		fmt.Fprintf(os.Stderr, "== %s %s (%s)\n", r["id"], r["repo"], r["subdir"])
		line, err := buildRow(o, r)
		if err != nil {
			return fmt.Errorf("%s: %w", r["id"], err)
		}
		done[r["id"]] = line
		if err := writeResults(tsvPath, done); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "   usable: %s\n", line["usable"])
	}
	sum := summarize(done, rows)
	fmt.Print(sum)
	return os.WriteFile(filepath.Join(o.results, stem+".md"), []byte(sum), 0o644)
}

// buildRow measures dockgen's output for one row and, when the repository
// has a Dockerfile of its own, that one too.
func buildRow(o options, r map[string]string) (map[string]string, error) {
	tree, err := checkout(r, o.mirrors, o.cache)
	if err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp("", "dockgen-corpus-"+r["id"]+"-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)

	line := map[string]string{"id": r["id"], "kind": r["kind"], "class": r["class"]}
	mine := measure(o, r, tree, filepath.Join(work, "dockgen"), true)
	fill(line, "", mine)
	line["usable"] = usable(r, mine)

	own := verdict{Built: "-", Started: "-", HTTP: "-", NonRoot: "-", DepsCached: "-", Fresh: "-", BuildS: "-", RebuildS: "-", ImageMB: "-", Reason: "-"}
	line["own"] = "no"
	if st, err := os.Lstat(filepath.Join(tree, filepath.FromSlash(r["subdir"]), "Dockerfile")); err == nil && st.Mode().IsRegular() {
		line["own"] = "yes"
		own = measure(o, r, tree, filepath.Join(work, "own"), false)
	}
	fill(line, "own_", own)
	prune(o)
	return line, nil
}

// measure copies the tree, generates with dockgen (generate) or keeps the
// repository's Dockerfile, aliases its bases to the harness's stand-ins and
// runs build-and-run.sh.
func measure(o options, r map[string]string, tree, work string, generate bool) verdict {
	v := verdict{Generated: "-", Built: "no", Started: "-", HTTP: "-", NonRoot: "-", DepsCached: "-", Fresh: "-", BuildS: "-", RebuildS: "-", ImageMB: "-"}
	root := filepath.Join(work, filepath.Base(tree)) // named like a clone
	if err := os.MkdirAll(work, 0o755); err != nil {
		v.Reason = err.Error()
		return v
	}
	if out, err := command(2*time.Minute, "", "cp", "-a", tree, root); err != nil {
		v.Reason = "copy: " + firstLine(out)
		return v
	}
	ctxDir := filepath.Join(root, filepath.FromSlash(r["subdir"]))
	if generate {
		// A copy is ours to write: --force replaces the repository's own
		// Dockerfile there, which the baseline measures from its own copy.
		out, err := command(2*time.Minute, root, o.bin, "--dir", r["subdir"], "--ci", "none", "--force")
		if err != nil {
			v.Generated, v.Reason = "no", "dockgen: "+errorLine(out)
			return v
		}
		v.Generated = "yes"
	}
	name := "corpus-" + r["id"]
	if !generate {
		name += "-own"
	}
	if out, err := command(2*time.Minute, "", filepath.Join(o.e2e, "make-bases.sh"), "--tags-from", filepath.Join(ctxDir, "Dockerfile")); err != nil {
		v.Reason = "base image: " + matchLine(out, "UNSUPPORTED", "MISSING")
		return v
	}
	// A workspace member's generated Dockerfile is built from the build
	// root dockgen reports (its header says docker build -f sub/Dockerfile
	// .), not from the member's folder: that context lacks the root's
	// lockfile and the sibling modules.
	buildCtx, dfile := ctxDir, "Dockerfile"
	if generate {
		var err error
		if buildCtx, dfile, err = buildContext(o.bin, ctxDir); err != nil {
			v.Reason = "dockgen detect: " + err.Error()
			return v
		}
	}
	resFile := filepath.Join(work, "result.env")
	out, _ := command(time.Duration(2*o.buildTimeout+300)*time.Second, "", filepath.Join(o.e2e, "build-and-run.sh"), buildCtx, "--file", dfile,
		"--name", name, "--build-timeout", fmt.Sprint(o.buildTimeout), "--http-timeout", "60", "--result", resFile)
	res, err := readEnv(resFile)
	if err != nil {
		v.Reason = "harness: " + errorLine(out)
		return v
	}
	if res["image_mb"] != "-" && res["image_mb"] != "" {
		v.Built = "yes"
	}
	v.BuildS, v.RebuildS, v.ImageMB, v.DepsCached, v.HTTP = res["build_s"], res["rebuild_s"], res["image_mb"], res["deps_cached"], res["http_status"]
	if uid := res["uid"]; uid != "-" && uid != "" {
		v.NonRoot = yesNo(uid != "0" && uid != "?")
	}
	reason := res["reason"]
	switch {
	case v.HTTP != "-" && v.HTTP != "" && v.HTTP != "000":
		v.Started = "yes"
	case strings.Contains(reason, "no HTTP answer"):
		v.Started = "yes" // stayed up for the whole wait, serving nothing
	case v.Built == "yes":
		v.Started = "no"
	}
	switch {
	case strings.Contains(reason, "did not reach the image"):
		v.Fresh = "no"
	case v.RebuildS != "-" && v.RebuildS != "":
		v.Fresh = "yes"
	}
	if res["result"] != "PASS" {
		v.Reason = logCause(reason)
	}
	return v
}

// usable is the row's verdict: the image builds, runs as non-root and the
// app starts and answers HTTP (any status below 500: an API's 404 on / is a
// server that serves). A row that needs outside services cannot answer
// here; it is judged on building and staying up, and says so.
func usable(r map[string]string, v verdict) string {
	switch {
	case v.Generated == "no":
		return "no: " + v.Reason
	case v.Built != "yes":
		return "no: " + v.Reason
	case v.NonRoot != "yes":
		return "no: runs as root"
	}
	needs := r["needs"]
	if code, err := strconv.Atoi(v.HTTP); err == nil && code > 0 && code < 500 {
		return "yes"
	}
	if needs == "cli" {
		return "yes: a CLI (no server): builds and runs as non-root"
	}
	if needs != "" && needs != "-" {
		if v.Started == "yes" {
			return "yes: stayed up without " + needs
		}
		return "n/a: needs " + needs + " (built; " + v.Reason + ")"
	}
	return "no: " + v.Reason
}

func fill(line map[string]string, prefix string, v verdict) {
	if prefix == "" {
		line["generated"] = v.Generated
	}
	for k, val := range map[string]string{"built": v.Built, "started": v.Started, "http": v.HTTP, "nonroot": v.NonRoot,
		"deps_cached": v.DepsCached, "fresh": v.Fresh, "build_s": v.BuildS, "rebuild_s": v.RebuildS, "image_mb": v.ImageMB, "reason": v.Reason} {
		line[prefix+k] = clean(val)
	}
}

// clean keeps a value on one TSV field.
func clean(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\t", " ")), " ")
	if s == "" {
		return "-"
	}
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// prune removes what the row's builds left in the harness storage (the
// images it tagged and the layer cache), keeping the RUN cache mounts.
func prune(o options) {
	out, _ := command(2*time.Minute, "", filepath.Join(o.e2e, "ctl.sh"), "buildah", "images", "--format", "{{.Name}}:{{.Tag}}")
	for _, img := range strings.Fields(out) {
		if strings.Contains(img, "/e2e/corpus-") {
			command(time.Minute, "", filepath.Join(o.e2e, "ctl.sh"), "buildah", "rmi", "-f", img)
		}
	}
	command(5*time.Minute, "", filepath.Join(o.e2e, "ctl.sh"), "prune")
}

// command runs name with a deadline and returns its combined output.
func command(limit time.Duration, dir, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		err = fmt.Errorf("%s: timed out after %s", filepath.Base(name), limit)
		out = append(out, []byte("\n"+err.Error())...)
	}
	return string(out), err
}

func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("another corpus build holds %s: one build at a time", path)
	}
	return func() { f.Close() }, nil
}

func readEnv(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, l := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			m[k] = v
		}
	}
	return m, nil
}

func readResults(path string) (map[string]map[string]string, error) {
	done := map[string]map[string]string{}
	rows, err := readRows(path)
	if errors.Is(err, os.ErrNotExist) {
		return done, nil
	}
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		done[r["id"]] = r
	}
	return done, nil
}

func writeResults(path string, done map[string]map[string]string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	ids := make([]string, 0, len(done))
	for id := range done {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	b.WriteString(strings.Join(resultColumns, "\t") + "\n")
	for _, id := range ids {
		cols := make([]string, len(resultColumns))
		for i, c := range resultColumns {
			cols[i] = clean(done[id][c])
		}
		b.WriteString(strings.Join(cols, "\t") + "\n")
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// errorLine is the line of a command's output that says what went wrong.
func errorLine(out string) string {
	if l := matchLine(out, "error:", "FAIL:"); l != "" {
		return l
	}
	return firstLine(out)
}

func matchLine(out string, marks ...string) string {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		for _, m := range marks {
			if strings.Contains(sc.Text(), m) {
				return strings.TrimSpace(sc.Text())
			}
		}
	}
	return firstLine(out)
}

func firstLine(out string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
	return l
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// logCause adds the build log's last error line to a harness reason that
// only points at the log, so the results say why a build failed.
func logCause(reason string) string {
	i := strings.Index(reason, "(log: ")
	if i < 0 {
		return reason
	}
	path := strings.TrimSuffix(strings.TrimSpace(reason[i+len("(log: "):]), ")")
	data, err := os.ReadFile(path)
	if err != nil {
		return reason
	}
	lines := strings.Split(string(data), "\n")
	for j := len(lines) - 1; j >= 0 && j > len(lines)-200; j-- {
		l := strings.ToLower(lines[j])
		if strings.Contains(l, "error") && !strings.Contains(l, "exit status") {
			return reason + ": " + strings.TrimSpace(lines[j])
		}
	}
	return reason
}

// cause sorts a failure into a short category for the summary.
func cause(usable string) string {
	r := strings.TrimSpace(strings.TrimPrefix(usable, "no:"))
	switch {
	case strings.HasPrefix(r, "dockgen:"):
		msg := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(r, "dockgen:"), " error:"))
		if len(msg) > 60 {
			msg = msg[:60] + "..."
		}
		return "dockgen refused: " + msg
	case strings.HasPrefix(r, "base image"):
		return "base image has no stand-in in the harness"
	case strings.Contains(r, "timed out"):
		return "build timed out"
	case strings.Contains(r, "failed after"):
		return "image build failed"
	case strings.Contains(r, "exited before answering"):
		return "app exited at start"
	case strings.Contains(r, "no HTTP answer"):
		return "app up but no HTTP answer on the exposed port"
	case strings.Contains(r, "HTTP status 5"):
		return "HTTP 5xx"
	case strings.Contains(r, "root"):
		return "runs as root"
	}
	return r
}

// summarize writes the run's report: usable N/M overall, per kind and per
// class, the most common causes, and dockgen beside the repositories' own
// Dockerfiles on the rows that have one.
func summarize(done map[string]map[string]string, rows []map[string]string) string {
	var b strings.Builder
	type tally struct{ ok, n int }
	groupsOf := map[string]*tally{}
	causes := map[string]int{}
	var ids []string
	for id := range done {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	classOf := map[string]map[string]string{}
	for _, r := range rows {
		classOf[r["id"]] = r
	}
	total := tally{}
	for _, id := range ids {
		l := done[id]
		r := classOf[id]
		if r == nil {
			r = l
		}
		ok := strings.HasPrefix(l["usable"], "yes")
		if strings.HasPrefix(l["usable"], "n/a") {
			continue
		}
		total.n++
		if ok {
			total.ok++
		} else {
			causes[cause(l["usable"])]++
		}
		for _, g := range groups(r)[1:] {
			if groupsOf[g] == nil {
				groupsOf[g] = &tally{}
			}
			groupsOf[g].n++
			if ok {
				groupsOf[g].ok++
			}
		}
	}
	fmt.Fprintf(&b, "# corpus-build %s\n\nusable: %d/%d (rows judged n/a need outside services and did not stay up: not counted)\n\n",
		time.Now().UTC().Format("2006-01-02"), total.ok, total.n)
	var names []string
	for g := range groupsOf {
		names = append(names, g)
	}
	sort.Strings(names)
	b.WriteString("| group | usable |\n|---|---|\n")
	for _, g := range names {
		fmt.Fprintf(&b, "| %s | %d/%d |\n", g, groupsOf[g].ok, groupsOf[g].n)
	}
	type kv struct {
		k string
		n int
	}
	var cs []kv
	for k, n := range causes {
		cs = append(cs, kv{k, n})
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].n > cs[j].n || cs[i].n == cs[j].n && cs[i].k < cs[j].k })
	b.WriteString("\n## Causes of unusable rows\n\n")
	for _, c := range cs {
		fmt.Fprintf(&b, "- %d × %s\n", c.n, c.k)
	}
	b.WriteString("\n## Beside the repositories' own Dockerfiles (rows that have one)\n\n")
	b.WriteString("| | dockgen | own Dockerfile |\n|---|---|---|\n")
	var mine, own sideStats
	for _, id := range ids {
		l := done[id]
		if l["own"] != "yes" {
			continue
		}
		mine.add(l, "")
		own.add(l, "own_")
	}
	for _, row := range []struct {
		name string
		f    func(s sideStats) string
	}{
		{"rows", func(s sideStats) string { return fmt.Sprint(s.n) }},
		{"builds", func(s sideStats) string { return fmt.Sprintf("%d/%d", s.built, s.n) }},
		{"starts", func(s sideStats) string { return fmt.Sprintf("%d/%d", s.started, s.n) }},
		{"non-root", func(s sideStats) string { return fmt.Sprintf("%d/%d", s.nonroot, s.built) }},
		{"deps layer cached after a source change", func(s sideStats) string { return fmt.Sprintf("%d/%d", s.cached, s.rebuilt) }},
		{"median cold build s", func(s sideStats) string { return median(s.cold) }},
		{"median warm rebuild s", func(s sideStats) string { return median(s.warm) }},
		{"median image MB", func(s sideStats) string { return median(s.mb) }},
	} {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", row.name, row.f(mine), row.f(own))
	}
	b.WriteString("\n## Rows\n\n| id | usable | own Dockerfile |\n|---|---|---|\n")
	for _, id := range ids {
		l := done[id]
		ownV := "-"
		if l["own"] == "yes" {
			ownV = fmt.Sprintf("built %s, started %s, http %s, non-root %s", l["own_built"], l["own_started"], l["own_http"], l["own_nonroot"])
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", id, strings.ReplaceAll(l["usable"], "|", "/"), ownV)
	}
	return b.String()
}

type sideStats struct {
	n, built, started, nonroot, cached, rebuilt int
	cold, warm, mb                              []float64
}

func (s *sideStats) add(l map[string]string, p string) {
	s.n++
	if l[p+"built"] != "yes" {
		return
	}
	s.built++
	if l[p+"started"] == "yes" {
		s.started++
	}
	if l[p+"nonroot"] == "yes" {
		s.nonroot++
	}
	switch l[p+"deps_cached"] {
	case "yes":
		s.cached++
		s.rebuilt++
	case "no":
		s.rebuilt++
	}
	var f float64
	if _, err := fmt.Sscan(l[p+"build_s"], &f); err == nil {
		s.cold = append(s.cold, f)
	}
	if _, err := fmt.Sscan(l[p+"rebuild_s"], &f); err == nil {
		s.warm = append(s.warm, f)
	}
	if _, err := fmt.Sscan(l[p+"image_mb"], &f); err == nil {
		s.mb = append(s.mb, f)
	}
}

func median(xs []float64) string {
	if len(xs) == 0 {
		return "-"
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return fmt.Sprintf("%.1f", m)
}

// buildContext is the context and Dockerfile (relative to it) dockgen's
// output in dir is built with: dir and Dockerfile, or the chosen project's
// build_root above dir (a workspace member: ../.. and sub/Dockerfile).
func buildContext(bin, dir string) (ctx, dockerfile string, err error) {
	out, err := exec.Command(bin, "detect", "--json", dir).Output()
	if err != nil {
		return "", "", err
	}
	var res result
	if err := json.Unmarshal(out, &res); err != nil {
		return "", "", err
	}
	return contextOf(res, dir)
}

// contextOf resolves the chosen project's build_root against dir.
func contextOf(res result, dir string) (ctx, dockerfile string, err error) {
	if res.Chosen < 0 || res.Chosen >= len(res.Projects) {
		return dir, "Dockerfile", nil
	}
	root := res.Projects[res.Chosen].BuildRoot
	if root == "" || root == "." {
		return dir, "Dockerfile", nil
	}
	ctx = filepath.Join(dir, filepath.FromSlash(root))
	rel, err := filepath.Rel(ctx, filepath.Join(dir, "Dockerfile"))
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", "", fmt.Errorf("build_root %q is not above %s", root, dir)
	}
	return ctx, filepath.ToSlash(rel), nil
}
