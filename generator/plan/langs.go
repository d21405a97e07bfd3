// Package plan holds the typed model (Plan) that templates render from, and
// the names of the kinds, tools and CI providers dockgen knows.
package plan

import (
	"fmt"
	"sort"
	"strings"
)

// Canonical project kinds. Templates, answers files and detection speak these names only.
const (
	LangGo     = "go"
	LangNode   = "node"
	LangPython = "python"
	LangJava   = "java"
	LangStatic = "static"
)

// Langs lists the kinds in the order help text and errors show them.
var Langs = []string{LangGo, LangNode, LangPython, LangJava, LangStatic}

// langAliases maps what users type to a kind. Some aliases also imply a tool or
// framework (maven, gradle, flask): ParseLang returns that hint as well.
var langAliases = map[string]struct{ lang, tool string }{
	"go": {LangGo, ""}, "golang": {LangGo, ""},
	"node": {LangNode, ""}, "nodejs": {LangNode, ""}, "node.js": {LangNode, ""}, "js": {LangNode, ""},
	"javascript": {LangNode, ""}, "ts": {LangNode, ""}, "typescript": {LangNode, ""},
	"python": {LangPython, ""}, "py": {LangPython, ""}, "flask": {LangPython, ""},
	"java": {LangJava, ""}, "spring": {LangJava, ""}, "spring-boot": {LangJava, ""},
	"maven": {LangJava, "maven"}, "gradle": {LangJava, "gradle"},
	"static": {LangStatic, ""}, "nginx": {LangStatic, ""}, "html": {LangStatic, ""},
}

// ParseLang resolves a --lang value or alias. toolHint is non-empty when the alias
// names a build tool (e.g. "gradle").
func ParseLang(s string) (lang, toolHint string, err error) {
	a, ok := langAliases[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return "", "", fmt.Errorf("unknown language %q: valid values are %s (aliases: %s)",
			s, strings.Join(Langs, ", "), strings.Join(LangAliases(), ", "))
	}
	return a.lang, a.tool, nil
}

// LangAliases returns every accepted spelling that is not a canonical name, sorted.
func LangAliases() []string {
	var out []string
	for k, v := range langAliases {
		if k != v.lang {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// CI providers.
const (
	CIGitHub = "github"
	CIGitLab = "gitlab"
	CINone   = "none"
)

// CIProviders lists the valid --ci values.
var CIProviders = []string{CIGitHub, CIGitLab, CINone}

// ParseCI validates a --ci value.
func ParseCI(s string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch v {
	case CIGitHub, CIGitLab, CINone:
		return v, nil
	case "gh", "github-actions", "actions":
		return CIGitHub, nil
	case "gl", "gitlab-ci":
		return CIGitLab, nil
	}
	return "", fmt.Errorf("unknown CI provider %q: valid values are %s", s, strings.Join(CIProviders, ", "))
}

// Tools per kind, in the order they are offered. The first is the default.
var toolsByLang = map[string][]string{
	LangGo:     {"go"},
	LangNode:   {"npm", "yarn", "yarn-berry", "pnpm", "bun"},
	LangPython: {"pip", "poetry", "pipenv", "uv"},
	LangJava:   {"maven", "gradle"},
	LangStatic: {"none", "npm", "yarn", "yarn-berry", "pnpm", "bun"},
}

// ToolsFor returns the package managers / build tools valid for a kind.
func ToolsFor(lang string) []string { return toolsByLang[lang] }

// ValidTool reports whether tool is valid for lang.
func ValidTool(lang, tool string) bool {
	for _, t := range toolsByLang[lang] {
		if t == tool {
			return true
		}
	}
	return false
}
