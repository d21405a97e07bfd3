package kind

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/dockgen/dockgen/generator/plan"
)

// NativeNeed is one row of native.yaml: what a package needs from the OS when
// it is compiled (build) and when it runs (runtime).
type NativeNeed struct {
	Package  string   `yaml:"package"`
	When     string   `yaml:"when"` // always | no-wheel | runtime
	Unless   []string `yaml:"unless"`
	Build    []string `yaml:"build"`
	Runtime  []string `yaml:"runtime"`
	Debian12 []string `yaml:"debian12"`
	// Bundled (node): from this major on, the npm package carries its
	// prebuilt binaries, so nothing is fetched or compiled.
	Bundled int `yaml:"bundled"`
}

// The When values.
const (
	NativeAlways  = "always"
	NativeNoWheel = "no-wheel"
	NativeRuntime = "runtime"
)

//go:embed native.yaml
var nativeYAML []byte

// native is the table by ecosystem ("python", "node", "go"), parsed on
// first use (not at start-up: most commands never read it).
var native = sync.OnceValue(func() map[string][]NativeNeed { return mustNative(nativeYAML) })

var debPkgRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9.+-]+$`) })

func mustNative(data []byte) map[string][]NativeNeed {
	t, err := parseNative(data)
	if err != nil {
		panic(err)
	}
	return t
}

// parseNative reads and checks the table: every row names a package, a known
// When, and Debian package names only (they become words of an apt-get line).
func parseNative(data []byte) (map[string][]NativeNeed, error) {
	var t map[string][]NativeNeed
	if err := yaml.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("native.yaml: %w", err)
	}
	for eco, rows := range t {
		for _, r := range rows {
			if r.Package == "" || !slices.Contains([]string{NativeAlways, NativeNoWheel, NativeRuntime}, r.When) {
				return nil, fmt.Errorf("native.yaml: %s row %q: want a package and when: always, no-wheel or runtime", eco, r.Package)
			}
			// A Go binary runs on distroless, which installs no packages.
			if eco == "go" && len(r.Runtime)+len(r.Debian12) > 0 {
				return nil, fmt.Errorf("native.yaml: go row %q: the Go runtime is distroless and takes no runtime packages", r.Package)
			}
			for _, p := range slices.Concat(r.Build, r.Runtime, r.Debian12) {
				if !debPkgRe().MatchString(p) {
					return nil, fmt.Errorf("native.yaml: %s row %q: %q is not a Debian package name", eco, r.Package, p)
				}
			}
		}
	}
	return t, nil
}

// Native returns the native-build row for a package of an ecosystem
// ("python", "node", "go"); PyPI names are compared normalized.
func Native(ecosystem, name string) (NativeNeed, bool) {
	if ecosystem == "python" {
		name = PyName(name)
	}
	for _, r := range native()[ecosystem] {
		if r.Package == name {
			return r, true
		}
	}
	if scope, base, scoped := strings.Cut(strings.TrimPrefix(name, "@"), "/"); ecosystem == "node" && scoped && strings.HasPrefix(name, "@") && scope != "types" {
		// A fork republished under a scope (@louislam/sqlite3,
		// @vscode/sqlite3) builds the same native code; type declarations
		// (@types/sqlite3) build nothing.
		return Native(ecosystem, base)
	}
	return NativeNeed{}, false
}

// PyName normalizes a PyPI project name (PEP 503): lower case, runs of
// "-", "_" and "." as one "-".
func PyName(s string) string {
	return strings.Trim(pyNameRe().ReplaceAllString(strings.ToLower(s), "-"), "-")
}

var pyNameRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[-_.]+`) })

// NativeDep is one dependency a Node or Go manifest declares, as detection
// read it: the name its registry spells, the version spec, where it was
// read (file:line) and whether the runtime gets it (a production
// dependency; devDependencies only reach the build stage).
type NativeDep struct {
	Name, Spec, Where string
	Major             int // the major the spec asks for, 0 when unknown
	Prod              bool
}

// NodeNative is what installing deps with npm (node-gyp) needs from Debian:
// the build tools and headers for every stage that installs dependencies,
// and the shared libraries of the production dependencies a source build
// links, each with why.
func NodeNative(deps []NativeDep) plan.NativeNeeds {
	var n plan.NativeNeeds
	for _, d := range deps {
		row, ok := Native("node", d.Name)
		if !ok || row.Bundled > 0 && d.Major >= row.Bundled {
			continue
		}
		addNew(&n.Build, row.Build)
		why := fmt.Sprintf("%s %s (%s) compiles with node-gyp when no prebuilt binary can be fetched", d.Name, d.Spec, d.Where)
		if len(row.Build) > 0 {
			why += ": " + strings.Join(row.Build, " ") + " to build"
		}
		if d.Prod && len(row.Runtime) > 0 {
			addNew(&n.Runtime, row.Runtime)
			why += ", " + strings.Join(row.Runtime, " ") + " to run"
		}
		n.Why = append(n.Why, why)
	}
	slices.Sort(n.Build)
	slices.Sort(n.Runtime)
	return n
}

// GoImagePackages are the Debian packages the golang:X image already
// installs for cgo (its Dockerfile): a Go row's build packages among them
// need no apt step.
var GoImagePackages = []string{"g++", "gcc", "libc6-dev", "make", "pkg-config"}

// GoNative is what building mods (go.mod requires that are rows of the
// table) needs: cgo, and the build packages the golang image lacks. ok
// reports whether any row applied (the build then needs cgo).
func GoNative(mods []NativeDep) (n plan.NativeNeeds, ok bool) {
	for _, m := range mods {
		row, found := Native("go", m.Name)
		if !found {
			continue
		}
		ok = true
		var have, add []string
		for _, b := range row.Build {
			if slices.Contains(GoImagePackages, b) {
				have = append(have, b)
			} else {
				add = append(add, b)
			}
		}
		addNew(&n.Build, add)
		why := fmt.Sprintf("%s (%s) needs cgo: a glibc runtime (distroless/cc)", m.Name, m.Where)
		if len(add) > 0 {
			why += ", " + strings.Join(add, " ") + " to build"
		}
		if len(have) > 0 {
			why += "; " + strings.Join(have, " ") + " come with the golang image"
		}
		n.Why = append(n.Why, why)
	}
	slices.Sort(n.Build)
	return n, ok
}

// addNew appends the items not yet in list.
func addNew(list *[]string, items []string) {
	for _, it := range items {
		if !slices.Contains(*list, it) {
			*list = append(*list, it)
		}
	}
}
