package detect

import (
	"encoding/json"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
)

// Which Python the project's packages can be installed on: poetry.lock and
// uv.lock record every file of every locked release, so their wheel names
// say which CPython lines get a binary; Pipfile.lock (hashes only) and
// requirements pins are looked up in a small reviewed table
// (generator/kind/pywheels.yaml).

// lockEntry is one [[package]] of a lockfile, as far as wheels go.
type lockEntry struct {
	name, version string
	line          int
	files         []string // wheel and sdist file names
	sdist         bool
}

// lockPackages reads a poetry.lock or uv.lock into packages with their wheel
// lines; only packages that matter (compiled, source-only or in the native
// table) are returned. The files are scanned line by line, not decoded: a
// lock is often a megabyte of TOML of which only names, versions and file
// names matter here, and both tools write one entry per line.
func lockPackages(d *dir, name string) []plan.PyPackage {
	data := d.read(name)
	if data == nil {
		return nil
	}
	var entries []*lockEntry
	var cur *lockEntry
	inSub := false                // in a [package.x] subtable
	meta := map[string][]string{} // poetry < 1.5: [metadata.files] name = [...]
	metaName, inMeta := "", false
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case line == "[[package]]":
			cur = &lockEntry{line: i + 2}
			entries = append(entries, cur)
			inSub, inMeta = false, false
			continue
		case strings.HasPrefix(line, "["):
			if strings.HasPrefix(line, "[package.") && cur != nil {
				inSub = true
			} else if !strings.HasPrefix(line, "[{") && !strings.HasPrefix(line, "[ ") && line != "[" {
				cur, inMeta = nil, line == "[metadata.files]"
			}
			if cur != nil || inMeta {
				continue
			}
		}
		if inMeta {
			if k, _, ok := strings.Cut(line, " = ["); ok {
				metaName = strings.Trim(k, `"`)
			}
			meta[metaName] = append(meta[metaName], fileNames(line)...)
			continue
		}
		if cur == nil {
			continue
		}
		if !inSub {
			if v, ok := tomlString(line, "name"); ok && cur.name == "" {
				cur.name = v
			} else if v, ok := tomlString(line, "version"); ok && cur.version == "" {
				cur.version = v
			} else if strings.HasPrefix(line, "sdist = ") {
				cur.sdist = true
			}
		}
		cur.files = append(cur.files, fileNames(line)...)
	}
	var out []plan.PyPackage
	for _, e := range entries {
		if e.name == "" {
			continue
		}
		pk := plan.PyPackage{Name: e.name, Version: e.version, Where: d.path(name) + ":" + strconv.Itoa(e.line)}
		sdist, linux := e.sdist, false
		for _, fn := range slices.Concat(e.files, meta[e.name]) {
			if !strings.HasSuffix(fn, ".whl") {
				sdist = sdist || strings.HasSuffix(fn, ".tar.gz") || strings.HasSuffix(fn, ".zip")
				continue
			}
			linux = wheelLines(fn, &pk) || linux
		}
		pk.SourceOnly = sdist && !linux && !pk.Pure
		if _, native := kind.Native("python", e.name); native || pk.Bounded() || pk.SourceOnly {
			out = append(out, pk)
		}
	}
	return out
}

// tomlString reads `key = "value"` (a basic string, no escapes).
func tomlString(line, key string) (string, bool) {
	rest, ok := strings.CutPrefix(line, key+` = "`)
	if !ok {
		return "", false
	}
	v, _, ok := strings.Cut(rest, `"`)
	return v, ok
}

// fileNames are the file names in a line's `file = "..."` (poetry) and
// `url = "..."` (uv) values.
func fileNames(line string) []string {
	var out []string
	for _, key := range []string{`file = "`, `url = "`} {
		rest := line
		for {
			i := strings.Index(rest, key)
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			v, _, _ := strings.Cut(rest, `"`)
			out = append(out, path.Base(v))
		}
	}
	return out
}

// wheelLines records what one wheel file name says about pk; it reports
// whether the wheel installs on Linux x86_64 (the build host dockgen assumes).
func wheelLines(fn string, pk *plan.PyPackage) bool {
	parts := strings.Split(strings.TrimSuffix(fn, ".whl"), "-")
	if len(parts) < 5 {
		return false
	}
	pyTags, abi, plat := parts[len(parts)-3], parts[len(parts)-2], parts[len(parts)-1]
	if plat == "any" {
		if strings.Contains(pyTags, "py3") || strings.Contains(pyTags, "cp3") {
			pk.Pure = true
			return true
		}
		return false
	}
	ok := false
	for _, pl := range strings.Split(plat, ".") {
		if (strings.HasPrefix(pl, "manylinux") || strings.HasPrefix(pl, "linux_")) && strings.HasSuffix(pl, "x86_64") {
			ok = true
		}
	}
	if !ok || strings.HasSuffix(abi, "t") { // free-threaded builds are another ABI
		return false
	}
	for _, t := range strings.Split(pyTags, ".") {
		m, found := strings.CutPrefix(t, "cp3")
		n, err := strconv.Atoi(m)
		if !found || err != nil {
			continue
		}
		if abi == "abi3" {
			if pk.Abi3 == 0 || n < pk.Abi3 {
				pk.Abi3 = n
			}
		} else if !slices.Contains(pk.Minors, n) {
			pk.Minors = append(pk.Minors, n)
		}
	}
	return true
}

// pinned is one exact pin: a table or native-table package becomes a
// PyPackage (others say nothing about the Python line).
func pinned(name, version, where string) (plan.PyPackage, bool) {
	pk := plan.PyPackage{Name: kind.PyName(name), Version: version, Where: where, MaxMinor: kind.PyWheelMax(name, version)}
	_, native := kind.Native("python", name)
	return pk, native || pk.MaxMinor > 0
}

var pinRe = lazy(`^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?\s*===?\s*([0-9][0-9A-Za-z.+!-]*)\s*(?:;.*)?$`)

// unpinnedRe is a requirement without an exact pin: a native-table package
// still needs its OS packages whatever version pip picks.
var unpinnedRe = lazy(`^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?\s*(?:[<>~!=;]|$)`)

// requirementPackages reads the pins of a requirements file and of the
// files it includes (-r/-c, relative to it, bounded).
func requirementPackages(d *dir, file string, depth int, seen map[string]bool) []plan.PyPackage {
	if depth > 4 || seen[file] || !plan.SafeRel(file) {
		return nil
	}
	seen[file] = true
	data := d.read(file)
	var out []plan.PyPackage
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if c := strings.Index(line, " #"); c >= 0 {
			line = strings.TrimSpace(line[:c])
		}
		if inc, ok := cutAny(line, "-r ", "--requirement ", "-c ", "--constraint "); ok {
			out = append(out, requirementPackages(d, path.Join(path.Dir(file), strings.TrimSpace(inc)), depth+1, seen)...)
			continue
		}
		where := d.path(file) + ":" + strconv.Itoa(i+1)
		if m := pinRe.FindStringSubmatch(line); m != nil {
			if pk, ok := pinned(m[1], m[3], where); ok {
				out = append(out, pk)
			}
			// The extras' own packages ("psycopg[c]" is psycopg-c).
			if ex := extraPackages(m[1], m[2], where); len(ex) > 1 {
				out = append(out, ex[1:]...)
			}
			continue
		}
		if m := unpinnedRe.FindStringSubmatch(line); m != nil {
			out = append(out, extraPackages(m[1], m[2], where)...)
		}
	}
	return out
}

// extraPackages: an unpinned native-table requirement, and the packages its
// extras bring ("psycopg[c]" is psycopg-c, "psycopg[binary]" psycopg-binary).
func extraPackages(name, extras, where string) []plan.PyPackage {
	var out []plan.PyPackage
	if _, ok := kind.Native("python", name); ok {
		out = append(out, plan.PyPackage{Name: kind.PyName(name), Where: where})
	}
	for _, e := range strings.Split(extras, ",") {
		if e = strings.TrimSpace(e); e != "" && out != nil {
			out = append(out, plan.PyPackage{Name: kind.PyName(name) + "-" + kind.PyName(e), Where: where})
		}
	}
	return out
}

func cutAny(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return "", false
}

// pipfileLockPackages reads Pipfile.lock's default (production) section.
func pipfileLockPackages(d *dir) []plan.PyPackage {
	data := d.read("Pipfile.lock")
	var lk struct {
		Default map[string]struct {
			Version string `json:"version"`
		} `json:"default"`
	}
	if data == nil || json.Unmarshal(data, &lk) != nil {
		return nil
	}
	names := make([]string, 0, len(lk.Default))
	for n := range lk.Default {
		names = append(names, n)
	}
	slices.Sort(names)
	var out []plan.PyPackage
	for _, n := range names {
		v := strings.TrimLeft(lk.Default[n].Version, "=")
		where := d.path("Pipfile.lock") + ":" + strconv.Itoa(lineOf(data, `"`+n+`": {`))
		if pk, ok := pinned(n, v, where); ok {
			out = append(out, pk)
		}
	}
	return out
}
