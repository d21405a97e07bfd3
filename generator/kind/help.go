package kind

import (
	"fmt"
	"strings"
)

// Help texts and messages that list the kinds, derived from the registry so
// a new kind shows up in all of them.

// LangHelp is --lang's help.
func LangHelp() string { return all.LangHelp() }

// LangHelp is the same text for r's kinds.
func (r Registry) LangHelp() string {
	return "project kind: " + strings.Join(r.Names(), ", ") + " (aliases: " + strings.Join(r.aliases(true), ", ") + ")"
}

// PortHelp is --port's help: the default ports, grouped by port.
func PortHelp() string { return all.PortHelp() }

// PortHelp is the same text for r's kinds.
func (r Registry) PortHelp() string {
	var ports []int
	labels := map[int][]string{}
	for _, k := range r {
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
func EntryHelp() string { return all.EntryHelp() }

// EntryHelp is the same text for r's kinds.
func (r Registry) EntryHelp() string {
	var parts []string
	for _, k := range r {
		parts = append(parts, k.EntryHelp)
	}
	return "entry point: " + strings.Join(parts, ", ")
}

// VersionExamples are example versions, one per kind that has a language
// version ("1.22", "24", ...).
func VersionExamples() []string { return all.VersionExamples() }

// VersionExamples is the same text for r's kinds.
func (r Registry) VersionExamples() []string {
	var out []string
	for _, k := range r {
		if k.VersionExample != "" {
			out = append(out, k.VersionExample)
		}
	}
	return out
}

// LangVersionHelp is --lang-version's help.
func LangVersionHelp() string { return all.LangVersionHelp() }

// LangVersionHelp is the same text for r's kinds.
func (r Registry) LangVersionHelp() string {
	return "language version of the build image, e.g. " + strings.Join(r.VersionExamples(), ", ") + " (default: from the project)"
}

// LookedFor is the list of files "no project found" names.
func LookedFor() string { return all.LookedFor() }

// LookedFor is the same text for r's kinds.
func (r Registry) LookedFor() string {
	var out []string
	for _, k := range r {
		out = append(out, k.LookedFor...)
	}
	return strings.Join(out, ", ")
}
