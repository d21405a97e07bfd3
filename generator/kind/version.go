package kind

import (
	"regexp"
	"strconv"
	"strings"
)

// Version is a kind's image version: the default (the tag a template uses
// when the project declares nothing usable, see
// ../shared/reference/base-images.md) and how a declared version (a go
// directive, an engines range, a requires-python specifier, a Java level)
// maps to a tag.
type Version struct {
	Default string
	// Map returns the tag for a non-empty declaration; nil keeps Default.
	Map func(declared, def string) string
}

// Image returns the image version for declared: the default when the
// declaration is empty or open-ended ("lts/*", "latest").
func (v Version) Image(declared string) string {
	d := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(declared), "v"))
	if d == "" || strings.HasPrefix(d, "lts") || d == "latest" || d == "*" || v.Map == nil {
		return v.Default
	}
	return v.Map(d, v.Default)
}

var numRe = regexp.MustCompile(`\d+(?:\.\d+){0,2}`)

// firstMajorMinor is majorMinor of the first version number in d.
func firstMajorMinor(d, def string) string { return majorMinor(numRe.FindString(d), def) }

// majorMinor keeps the first two dot-separated components of v.
func majorMinor(v, def string) string {
	parts := strings.Split(v, ".")
	if len(parts) < 2 || parts[0] == "" {
		return def
	}
	return parts[0] + "." + parts[1]
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
