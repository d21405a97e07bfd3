package kind

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed pywheels.yaml
var pyWheelsYAML []byte

// pyWheels is the reviewed table: package -> [[below, minor], ...].
var pyWheels = sync.OnceValue(func() map[string][][2]string {
	var t map[string][][2]string
	if err := yaml.Unmarshal(pyWheelsYAML, &t); err != nil {
		panic("pywheels.yaml: " + err.Error())
	}
	return t
})

// PyWheelMax is the newest Python line the table knows wheels for at version
// (0 when the table has no bound for it).
func PyWheelMax(name, version string) int {
	for _, row := range pyWheels()[PyName(name)] {
		if cmpRelease(version, row[0]) < 0 {
			n, _ := strconv.Atoi(row[1])
			return n
		}
	}
	return 0
}

// cmpRelease compares dotted release numbers ("2.9.9" < "2.9.10"); a
// pre-release suffix is ignored.
func cmpRelease(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(as), len(bs)); i++ {
		x, y := 0, 0
		if i < len(as) {
			x, _ = strconv.Atoi(leadDigits(as[i]))
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(leadDigits(bs[i]))
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

func leadDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// pyToolPython is the oldest Python line a release of a lockfile tool
// installs on (its requires-python), from that release on: [from, minor],
// ascending. The python template exports lockfiles on a newer Python
// (TOOLS_PYTHON_VERSION) for app lines older than these.
var pyToolPython = map[string][][2]string{
	"pipenv": {{"2023.10", "7"}},
	"poetry": {{"1.2", "7"}, {"1.7", "8"}, {"2.0", "9"}},
	"uv":     {{"0", "8"}},
}

// PyToolMinPython is the oldest Python 3.X line on which pip finds release
// version (or a later one) of tool name; 0 when nothing is known.
func PyToolMinPython(name, version string) int {
	n := 0
	for _, row := range pyToolPython[PyName(name)] {
		if cmpRelease(version, row[0]) >= 0 {
			n, _ = strconv.Atoi(row[1])
		}
	}
	return n
}

// pyOptionalExtension are compiled packages whose source build falls back to
// pure Python when no compiler is found (the C speedups are optional):
// without a wheel they install anyway, only slower.
var pyOptionalExtension = []string{"markupsafe", "multidict", "yarl", "frozenlist", "maxminddb", "simplejson", "msgpack", "wrapt", "pyyaml"}

// PyOptionalExtension reports whether a package installs from source
// without a compiler (see pyOptionalExtension).
func PyOptionalExtension(name string) bool {
	return slices.Contains(pyOptionalExtension, PyName(name))
}
