package kind

import (
	"fmt"
	"strings"
)

// Help texts and messages that list the kinds, derived from the registry so
// a new kind shows up in all of them.

// LangHelp is --lang's help.
func LangHelp() string {
	return "project kind: " + strings.Join(Names(), ", ") + " (aliases: " + strings.Join(aliases(true), ", ") + ")"
}

// PortHelp is --port's help: the default ports, grouped by port.
func PortHelp() string {
	var ports []int
	labels := map[int][]string{}
	for _, k := range all {
		if labels[k.Port] == nil {
			ports = append(ports, k.Port)
		}
		labels[k.Port] = append(labels[k.Port], k.Label)
	}
	var parts []string
	for _, p := range ports {
		parts = append(parts, fmt.Sprintf("%d %s", p, strings.Join(labels[p], "/")))
	}
	return "port the app listens on (default: detected, else " + strings.Join(parts, ", ") + ")"
}

// EntryHelp is --entry's help.
func EntryHelp() string {
	var parts []string
	for _, k := range all {
		parts = append(parts, k.EntryHelp)
	}
	return "entry point: " + strings.Join(parts, ", ")
}

// VersionExamples are example versions, one per kind that has a language
// version ("1.22", "24", ...).
func VersionExamples() []string {
	var out []string
	for _, k := range all {
		if k.VersionExample != "" {
			out = append(out, k.VersionExample)
		}
	}
	return out
}

// LangVersionHelp is --lang-version's help.
func LangVersionHelp() string {
	return "language version of the build image, e.g. " + strings.Join(VersionExamples(), ", ") + " (default: from the project)"
}

// LookedFor is the list of files "no project found" names.
func LookedFor() string {
	var out []string
	for _, k := range all {
		out = append(out, k.LookedFor...)
	}
	return strings.Join(out, ", ")
}
