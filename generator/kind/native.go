package kind

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
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
	return NativeNeed{}, false
}

// PyName normalizes a PyPI project name (PEP 503): lower case, runs of
// "-", "_" and "." as one "-".
func PyName(s string) string {
	return strings.Trim(pyNameRe().ReplaceAllString(strings.ToLower(s), "-"), "-")
}

var pyNameRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[-_.]+`) })
