package plan

import (
	"regexp"
	"strconv"
	"strings"
)

// Default language versions: the image tag a template uses when the project
// declares nothing usable (see ../shared/reference/base-images.md).
var DefaultVersion = map[string]string{
	LangGo:     "1.27",
	LangNode:   "24", // Active LTS line that still ships Corepack and Yarn v1
	LangPython: "3.13",
	LangJava:   "21",
	LangStatic: "24", // Node, for sites built with Node
	"bun":      "1.3",
}

// DefaultManagerVersion is the Node package-manager version installed in the
// image when package.json pins none ("packageManager").
var DefaultManagerVersion = map[string]string{"pnpm": "10", "yarn": "1.22.22", "yarn-berry": "4"}

// DefaultPort is the port a kind listens on when nothing says otherwise.
var DefaultPort = map[string]int{
	LangGo: 8080, LangNode: 3000, LangPython: 8000, LangJava: 8080, LangStatic: 8080,
}

var numRe = regexp.MustCompile(`\d+(?:\.\d+){0,2}`)

// ImageVersion turns a declared version (a go directive, an engines range, a
// requires-python specifier, a Java level) into the version an image tag
// names. It returns the default when the declaration is empty or the default
// satisfies it.
func ImageVersion(lang, declared string) string {
	def := DefaultVersion[lang]
	d := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(declared), "v"))
	if d == "" || strings.HasPrefix(d, "lts") || d == "node" || d == "latest" || d == "*" {
		return def
	}
	switch lang {
	case LangGo:
		return majorMinor(numRe.FindString(d), def)
	case LangNode, LangStatic:
		return nodeMajor(d, def)
	case LangPython:
		return pythonMinor(d, def)
	case LangJava:
		return javaLTS(d, def)
	case "bun":
		return majorMinor(numRe.FindString(d), def)
	}
	return def
}

func majorMinor(v, def string) string {
	parts := strings.Split(v, ".")
	if len(parts) < 2 || parts[0] == "" {
		return def
	}
	return parts[0] + "." + parts[1]
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// nodeMajor picks a Node major for an engines.node value or .nvmrc content.
// Open ranges (">=18") take the default when it satisfies them; exact,
// caret, tilde and x-ranges take their own major. With "||" alternatives the
// highest major wins.
func nodeMajor(d, def string) string {
	best := -1
	for _, alt := range strings.Split(d, "||") {
		alt = strings.TrimSpace(alt)
		m := numRe.FindString(alt)
		if m == "" {
			continue
		}
		major := atoi(strings.Split(m, ".")[0])
		lower := strings.HasPrefix(alt, ">")
		upper := strings.Contains(alt, "<")
		if lower && !upper && atoi(def) >= major {
			major = atoi(def)
		} else if lower && upper {
			// ">=18 <21": the highest major below the upper bound, capped at the default.
			ub := numRe.FindAllString(alt, -1)
			if len(ub) > 1 {
				hi := atoi(strings.Split(ub[len(ub)-1], ".")[0])
				if strings.Contains(alt, "<=") {
					hi++
				}
				cand := min(atoi(def), hi-1)
				if cand >= major {
					major = cand
				}
			}
		}
		if major > best {
			best = major
		}
	}
	if best <= 0 {
		return def
	}
	return strconv.Itoa(best)
}

// pythonMinor picks a 3.x line for .python-version, runtime.txt or a
// requires-python / Poetry specifier.
func pythonMinor(d, def string) string {
	if !strings.ContainsAny(d, "<>=~^!,*") {
		return majorMinor(d, def) // "3.11.4" -> "3.11"
	}
	defMinor := atoi(strings.Split(def, ".")[1])
	lo, hi := 0, 1000 // minor bounds, inclusive
	for _, spec := range strings.Split(d, ",") {
		spec = strings.TrimSpace(spec)
		v := numRe.FindString(spec)
		parts := strings.Split(v, ".")
		if len(parts) < 2 || parts[0] != "3" {
			continue
		}
		minor := atoi(parts[1])
		switch {
		case strings.HasPrefix(spec, ">="), strings.HasPrefix(spec, "^"), strings.HasPrefix(spec, "~="):
			lo = max(lo, minor)
		case strings.HasPrefix(spec, ">"):
			lo = max(lo, minor)
			if len(parts) == 2 {
				lo = max(lo, minor+1)
			}
		case strings.HasPrefix(spec, "<="):
			hi = min(hi, minor)
		case strings.HasPrefix(spec, "<"):
			if len(parts) > 2 && parts[2] != "0" {
				hi = min(hi, minor)
			} else {
				hi = min(hi, minor-1)
			}
		case strings.HasPrefix(spec, "=="), strings.HasPrefix(spec, "~"):
			lo, hi = max(lo, minor), min(hi, minor)
		}
	}
	switch {
	case lo > hi:
		return def
	case defMinor < lo:
		return "3." + strconv.Itoa(lo)
	case defMinor > hi:
		return "3." + strconv.Itoa(hi)
	}
	return def
}

// javaLTS maps a bytecode level to the Temurin line that builds and runs it:
// the level itself when it is an LTS, else the next LTS.
func javaLTS(d, def string) string {
	v := strings.TrimPrefix(numRe.FindString(d), "1.")
	n := atoi(strings.Split(v, ".")[0])
	for _, lts := range []int{8, 11, 17, 21, 25} {
		if n <= lts && n > 0 {
			return strconv.Itoa(lts)
		}
	}
	return def
}
