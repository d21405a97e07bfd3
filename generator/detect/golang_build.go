package detect

import (
	"strings"
)

// Build tags the repository passes to go build: main packages often do not
// compile without them (a build-tag guard, a tagged file that registers
// migrations). Read literally from the repository's own build files.

var (
	goBuildLineRe = lazy(`\bgo\s+(?:build|install)\b`)
	tagsFlagRe    = lazy(`(?:^|\s)--?tags(?:=|\s+)("[^"]*"|'[^']*'|\S+)`)
	makeVarRe     = lazy(`^\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]$|^\$([A-Za-z_][A-Za-z0-9_]*)$`)
	tagRe         = lazy(`^[A-Za-z0-9_.]+$`)
	yamlTagsRe    = lazy(`(?m)^(\s*)tags:\s*$`)
	yamlItemRe    = lazy(`^\s*-\s*["']?([A-Za-z0-9_.]+)["']?\s*$`)
)

// goBuildTags returns the tags of the first build file that passes any,
// with the file and line.
func goBuildTags(d *dir) ([]string, string, int) {
	for _, f := range []string{"Dockerfile", "Makefile", ".goreleaser.yml", ".goreleaser.yaml"} {
		data := d.read(f)
		if data == nil {
			continue
		}
		if strings.Contains(f, "goreleaser") {
			if tags, line := yamlTags(data); len(tags) > 0 {
				return tags, d.path(f), line
			}
			continue
		}
		text := strings.ReplaceAll(string(data), "\\\n", " \x00") // keep line numbers countable
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			if !goBuildLineRe.MatchString(l) {
				continue
			}
			m := tagsFlagRe.get().FindStringSubmatch(strings.ReplaceAll(l, "\x00", ""))
			if m == nil {
				continue
			}
			val := strings.Trim(m[1], `"'`)
			if v := makeVarRe.FindStringSubmatch(val); v != nil && f == "Makefile" {
				val = makeVar(lines, v[1]+v[2])
			}
			if tags := splitTags(val); len(tags) > 0 {
				return tags, d.path(f), i + 1 + strings.Count(strings.Join(lines[:i], "\n"), "\x00")
			}
		}
	}
	return nil, "", 0
}

// makeVar is the literal start of a Makefile variable's value (NAME = a,b$(if ...)).
func makeVar(lines []string, name string) string {
	for _, l := range lines {
		k, v, ok := strings.Cut(l, "=")
		k = strings.TrimRight(strings.TrimSpace(k), ":?+")
		if !ok || strings.TrimSpace(k) != name {
			continue
		}
		v = strings.TrimSpace(v)
		if i := strings.IndexAny(v, "$#"); i >= 0 {
			v = v[:i]
		}
		return strings.TrimSpace(v)
	}
	return ""
}

// splitTags splits a -tags value (comma or space separated); nil when any
// part is not a plain tag (a variable, a command substitution).
func splitTags(val string) []string {
	var tags []string
	for _, t := range strings.FieldsFunc(val, func(r rune) bool { return r == ',' || r == ' ' }) {
		if !tagRe.MatchString(t) {
			return nil
		}
		tags = append(tags, t)
	}
	return tags
}

// yamlTags reads a goreleaser build's `tags:` list.
func yamlTags(data []byte) ([]string, int) {
	loc := yamlTagsRe.FindIndex(data)
	if loc == nil {
		return nil, 0
	}
	var tags []string
	for _, l := range strings.Split(string(data[loc[1]:]), "\n")[1:] {
		m := yamlItemRe.FindStringSubmatch(l)
		if m == nil {
			break
		}
		tags = append(tags, m[1])
	}
	return tags, lineAt(data, loc[0])
}
