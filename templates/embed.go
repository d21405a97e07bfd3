// Package templates holds dockgen's built-in catalog: one folder per template
// (template.yaml plus its *.tmpl files), shared partials in _partials/ and
// region profiles in regions/.
package templates

import (
	"embed"
	"io/fs"
)

// all: keeps files whose names start with '.' or '_' (partials, dotfiles).
//
//go:embed all:*
var files embed.FS

// FS returns the built-in catalog.
func FS() fs.FS { return files }
