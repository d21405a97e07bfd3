package detect

import (
	"bytes"
	"encoding/json"
	"path"
	"regexp"
	"strings"

	"github.com/dockgen/dockgen/generator/plan"
)

// Embedded UIs: a //go:embed pattern whose directory a frontend build
// produces (absent from the checkout, or only placeholders committed) is
// built by Node before go build; otherwise the binary fails to compile
// ("pattern dist: no matching files found") or ships an empty UI.

var (
	embedRe = lazy(`(?m)^[ \t]*//go:embed\s+(.+)$`)
	// A literal output directory in a build script or a Vite config.
	outDirFlagRe = lazy(`(?:--outDir|--out-dir|--output-path|--dist-dir)[=\s]+["']?([A-Za-z0-9_./@-]+)`)
	// Vite's build.outDir (empty: the root itself) and root, both literal;
	// the config a script names with -c/--config.
	viteOutDirRe     = lazy(`\boutDir\s*:\s*["'\x60]([A-Za-z0-9_.@-][A-Za-z0-9_./@-]*)?["'\x60]`)
	viteRootRe       = lazy(`(?m)^\s*root\s*:\s*["'\x60]([A-Za-z0-9_.@-][A-Za-z0-9_./@-]*)["'\x60]`)
	viteConfigFlagRe = lazy(`\bvite\b[^&|;]*?\s(?:-c|--config)[=\s]+["']?([A-Za-z0-9_.@-][A-Za-z0-9_./@-]*)`)
	nodeMajorRe      = regexp.MustCompile(`[0-9]+`)
	managerVersionRe = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)
	uiScriptOrder    = []string{"build", "build:prod", "build:production", "release", "build-ui", "build:ui"}
)

// embedDirs returns the directories the //go:embed lines of a file name,
// relative to the module root.
func embedDirs(pkg string, data []byte) []string {
	var dirs []string
	for _, m := range embedRe.get().FindAllSubmatch(data, -1) {
		for _, pat := range strings.Fields(string(m[1])) {
			pat = strings.Trim(strings.TrimPrefix(pat, "all:"), "\"`")
			// The directory part before any glob: dist/* -> dist.
			el := strings.Split(pat, "/")
			var keep []string
			for _, e := range el {
				if strings.ContainsAny(e, "*?[") {
					break
				}
				keep = append(keep, e)
			}
			if len(keep) == 0 {
				continue
			}
			dirs = append(dirs, path.Join(pkg, strings.Join(keep, "/")))
		}
	}
	return dirs
}

// generatedDir reports whether rel is produced by a build: absent means
// it is missing or holds only dotfiles (.gitkeep); placeholder means one
// committed file stands in for the build (an index.html saying "build the
// UI first"), which counts only when a build that writes there is found.
func generatedDir(d *dir, rel string) (absent, placeholder bool) {
	if !d.exists(rel) {
		return true, false
	}
	if !d.isDir(rel) {
		return false, false
	}
	files := 0
	for _, e := range d.list(rel) {
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.IsDir():
			return false, false
		default:
			files++
		}
	}
	return files == 0, files == 1
}

// uiPackageJSON is what the UI build needs from a package.json.
type uiPackageJSON struct {
	Scripts map[string]string `json:"scripts"`
	Engines struct {
		Node string `json:"node"`
	} `json:"engines"`
	PackageManager string            `json:"packageManager"`
	Deps           map[string]string `json:"dependencies"`
	DevDeps        map[string]string `json:"devDependencies"`
}

// findUIBuild finds the package.json whose build writes out (relative to
// the root): in the embedding package's directory, a parent of it, or a
// first- or second-level folder of the module.
func findUIBuild(d *dir, out string) *plan.GoUI {
	var cands []string
	for p := path.Dir(out); ; p = path.Dir(p) {
		cands = append(cands, p)
		if p == "." {
			break
		}
	}
	for _, e := range d.list(".") {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !mainSkip[e.Name()] {
			cands = append(cands, e.Name())
			for _, e2 := range d.list(e.Name()) {
				if e2.IsDir() && !strings.HasPrefix(e2.Name(), ".") && !mainSkip[e2.Name()] {
					cands = append(cands, e.Name()+"/"+e2.Name())
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, c := range cands {
		if seen[c] {
			continue
		}
		seen[c] = true
		data := d.read(path.Join(c, "package.json"))
		if data == nil {
			continue
		}
		var pj uiPackageJSON
		if json.Unmarshal(data, &pj) != nil {
			continue
		}
		if ui := uiBuildWrites(d, c, &pj, out); ui != nil {
			return ui
		}
	}
	return nil
}

// uiBuildWrites returns the build of the package.json in dir when one of
// its scripts writes out, read literally: an --outDir flag, Vite's
// build.outDir, else the tool's default (Vite dist/, react-scripts build/).
func uiBuildWrites(d *dir, dir string, pj *uiPackageJSON, out string) *plan.GoUI {
	for _, name := range uiScriptOrder {
		o := uiScriptOutput(d, dir, pj, name)
		// The embedded path is the output folder or inside it (Vite's
		// outDir '' writes .vite/manifest.json and assets/ into its root).
		if o == "" || o == "." || (o != out && !strings.HasPrefix(out, o+"/")) {
			continue
		}
		return newGoUI(d, dir, pj, name, o)
	}
	return nil
}

// uiScriptOutput returns the folder (relative to the module root) that the
// package.json script name writes, "" when it cannot be read.
func uiScriptOutput(d *dir, dir string, pj *uiPackageJSON, name string) string {
	script, ok := pj.Scripts[name]
	if !ok {
		return ""
	}
	has := func(dep string) bool { _, a := pj.Deps[dep]; _, b := pj.DevDeps[dep]; return a || b }
	switch {
	case outDirFlagRe.FindStringSubmatch(script) != nil:
		return path.Join(dir, outDirFlagRe.FindStringSubmatch(script)[1])
	case strings.Contains(script, "vite") || has("vite"):
		return path.Join(dir, viteOutput(d, dir, script))
	case strings.Contains(script, "react-scripts"):
		return path.Join(dir, "build")
	}
	return ""
}

// newGoUI is the build of script name in dir writing out: its tool and
// lockfile, package manager and Node versions.
func newGoUI(d *dir, dir string, pj *uiPackageJSON, name, out string) *plan.GoUI {
	ui := &plan.GoUI{Dir: dir, Root: dir, Out: out, Script: name, Tool: "npm", NodeVersion: "24"}
	// The lockfile beside package.json, else that of the workspace
	// root above it (npm/yarn workspaces, pnpm-workspace.yaml):
	// then the whole workspace is installed.
	for root := dir; ; root = path.Dir(root) {
		if uiLockfile(d, root, ui) {
			ui.Root = root
			break
		}
		if root == "." {
			break
		}
	}
	if ui.Root != dir {
		ui.Manifests = d.installManifests(ui.Root)
	}
	pm := pj.PackageManager
	if ui.Root != dir {
		var rootPJ uiPackageJSON
		_ = json.Unmarshal(d.read(path.Join(ui.Root, "package.json")), &rootPJ)
		if pm == "" {
			pm = rootPJ.PackageManager
		}
	}
	if name, v, ok := strings.Cut(pm, "@"); ok && name == ui.Tool {
		v, _, _ = strings.Cut(v, "+") // pnpm@10.33.4+sha512...
		if managerVersionRe.MatchString(v) {
			ui.ManagerVersion = v
		}
	}
	// The install runs before the sources are copied (unless a workspace
	// without manifests is copied whole): the installed package's own
	// install scripts are dropped and rerun after the COPY, as the Node
	// kind does.
	if ui.Root == dir || len(ui.Manifests) > 0 {
		scripts := pj.Scripts
		if ui.Root != dir {
			var rootPJ uiPackageJSON
			_ = json.Unmarshal(d.read(path.Join(ui.Root, "package.json")), &rootPJ)
			scripts = rootPJ.Scripts
		}
		ui.DropScripts, ui.RunScripts, ui.SkipHooks = splitInstallScripts(scripts, nil)
	}
	ui.Elm = d.exists(path.Join(dir, "elm.json"))
	if v := nodeMajorRe.FindString(pj.Engines.Node); v != "" {
		ui.NodeVersion = v
	} else if v, _ := firstValue(d.read(path.Join(dir, ".nvmrc"))); nodeMajorRe.FindString(v) != "" {
		ui.NodeVersion = nodeMajorRe.FindString(v)
	}
	return ui
}

// viteOutput returns the folder a Vite build writes, relative to dir (the
// script's working directory): the config the script names with -c, else
// vite.config.* in dir; build.outDir (default dist) under its root.
func viteOutput(d *dir, dir, script string) string {
	cfgs := []string{"vite.config.ts", "vite.config.js", "vite.config.mts", "vite.config.mjs"}
	if m := viteConfigFlagRe.FindStringSubmatch(script); m != nil {
		cfgs = []string{m[1]}
	}
	for _, cfg := range cfgs {
		data := d.read(path.Join(dir, cfg))
		if data == nil {
			continue
		}
		root, out := ".", "dist"
		if m := viteRootRe.FindSubmatch(data); m != nil {
			root = string(m[1])
		}
		if m := viteOutDirRe.FindSubmatch(data); m != nil {
			out = string(m[1])
		}
		return path.Join(root, out)
	}
	return "dist"
}

// uiLockfile fills the tool and lockfile when dir holds one; a parent
// counts only as a workspace root (workspaces in package.json or a
// pnpm-workspace.yaml).
func uiLockfile(d *dir, dir string, ui *plan.GoUI) bool {
	if dir != ui.Dir && !d.exists(path.Join(dir, "pnpm-workspace.yaml")) && !bytes.Contains(d.read(path.Join(dir, "package.json")), []byte(`"workspaces"`)) {
		return false
	}
	switch {
	case d.exists(path.Join(dir, "pnpm-lock.yaml")):
		ui.Tool, ui.Lockfile, ui.ManagerVersion = "pnpm", "pnpm-lock.yaml", "10"
	case d.exists(path.Join(dir, "yarn.lock")):
		ui.Tool, ui.Lockfile = "yarn", "yarn.lock"
	case d.exists(path.Join(dir, "package-lock.json")):
		ui.Tool, ui.Lockfile = "npm", "package-lock.json"
	default:
		return false
	}
	return true
}

// makeUIBuildRe: a Makefile recipe (continuations joined) that enters a
// folder and runs a package script: "cd web && npm run build && ...",
// "(cd ui; pnpm build)".
var makeUIBuildRe = lazy(`^\t[@+-]*\(?\s*cd\s+([A-Za-z0-9_.][A-Za-z0-9_./-]*)\s*(?:&&|;)\s*(npm|pnpm|yarn)\s+(?:run\s+)?([A-Za-z0-9:_.-]+)\s*((?:(?:&&|;).*)?)$`)

// chainSplitRe splits a shell chain into its commands.
var chainSplitRe = lazy(`&&|;`)

// makeWordRe: a word a moving step may hold, a flag or a relative path.
var makeWordRe = lazy(`^(?:-[A-Za-z]{1,3}|[A-Za-z0-9_.][A-Za-z0-9_./-]*)$`)

// makefileUIBuild finds a Makefile recipe whose package script builds a
// folder that its following mv/cp steps move to out (ntfy: cd web && npm
// run build && mv build ../server/site): the UI stage runs those steps too.
func makefileUIBuild(d *dir, out string) (*plan.GoUI, int) {
	data := d.read("Makefile")
	if data == nil {
		return nil, 0
	}
	for _, rl := range recipeLines(string(data)) {
		m := makeUIBuildRe.FindStringSubmatch(rl.text)
		if m == nil {
			continue
		}
		dir, tool, script := path.Clean(m[1]), m[2], m[3]
		if !plan.SafeRel(dir) || dir == "." {
			continue
		}
		var pj uiPackageJSON
		if json.Unmarshal(d.read(path.Join(dir, "package.json")), &pj) != nil {
			continue
		}
		from := uiScriptOutput(d, dir, &pj, script)
		if from == "" {
			continue
		}
		steps, to, ok := followMoves(dir, from, m[4])
		if !ok || to != out {
			continue
		}
		ui := newGoUI(d, dir, &pj, script, out)
		if ui.Tool != tool && ui.Lockfile != "" {
			continue // the recipe's tool is not the lockfile's
		}
		ui.Post = steps
		return ui, rl.line
	}
	return nil, 0
}

// recipeLine is a logical Makefile line (continuations joined) and the
// line it starts on.
type recipeLine struct {
	text string
	line int
}

func recipeLines(data string) []recipeLine {
	var out []recipeLine
	var cur []string
	start := 0
	for i, l := range strings.Split(data, "\n") {
		if cur == nil {
			start = i + 1
		}
		if cur != nil {
			l = strings.TrimSpace(l) // a continuation: the recipe's tab stays on the first line
		}
		if strings.HasSuffix(l, "\\") {
			cur = append(cur, strings.TrimRight(strings.TrimSuffix(l, "\\"), " \t"))
			continue
		}
		cur = append(cur, l)
		out = append(out, recipeLine{strings.Join(cur, " "), start})
		cur = nil
	}
	return out
}

// followMoves reads the steps after the build (mv, cp -r, rm, mkdir -p,
// every word a flag or a relative path inside the project) and where they
// leave the build output from; any other step, and it gives up.
func followMoves(dir, from, rest string) (steps [][]string, to string, ok bool) {
	to = from
	for _, cmd := range chainSplitRe.Split(rest, -1) {
		words := strings.Fields(strings.Trim(strings.TrimSpace(cmd), "()"))
		if len(words) == 0 {
			continue
		}
		var paths []string
		for _, w := range words[1:] {
			if !makeWordRe.MatchString(w) {
				return nil, "", false
			}
			if !strings.HasPrefix(w, "-") {
				if p := path.Join(dir, w); !plan.SafeRel(p) || p == "." {
					return nil, "", false
				}
				paths = append(paths, path.Join(dir, w))
			}
		}
		switch words[0] {
		case "rm", "mkdir":
		case "mv", "cp":
			if len(paths) != 2 {
				return nil, "", false
			}
			// The destination's folder may not exist in the UI stage, which
			// holds only the UI's sources (a rename inside the output needs
			// nothing).
			parent := path.Dir(words[len(words)-1])
			if in := path.Join(dir, parent); parent != "." && in != to && !strings.HasPrefix(in, to+"/") {
				steps = append(steps, []string{"mkdir", "-p", parent})
			}
			if paths[0] == to {
				to = paths[1]
			}
		default:
			return nil, "", false
		}
		steps = append(steps, words)
	}
	return steps, to, len(steps) > 0
}
