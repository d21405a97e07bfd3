package kind_test

import (
	"testing"

	"github.com/dockgen/dockgen/generator/kind"
)

func TestGoModuleBase(t *testing.T) {
	for mod, want := range map[string]string{
		"github.com/filebrowser/filebrowser/v2": "filebrowser",
		"miniflux.app/v2":                       "miniflux",
		"heckel.io/ntfy/v2":                     "ntfy",
		"example.com/tool":                      "tool",
		"v2":                                    "v2",
		"hello":                                 "hello",
	} {
		if got := kind.GoModuleBase(mod); got != want {
			t.Errorf("GoModuleBase(%q) = %q, want %q", mod, got, want)
		}
	}
}
