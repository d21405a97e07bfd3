package kind_test

import (
	"testing"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
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

// The steps that move an embedded UI's build into place are mv/cp/rm/mkdir
// with flags and paths inside the project, nothing else.
func TestGoUIStepValues(t *testing.T) {
	for _, c := range []struct {
		name string
		step []string
		ok   bool
	}{
		{"move up into the project", []string{"mv", "build", "../server/site"}, true},
		{"rm with flags", []string{"rm", "-rf", "../server/site"}, true},
		{"another command", []string{"sh", "-c", "x"}, false},
		{"out of the project", []string{"mv", "build", "../../site"}, false},
		{"absolute", []string{"rm", "-rf", "/"}, false},
		{"a shell word", []string{"rm", "$(x)"}, false},
	} {
		p := &plan.Plan{Lang: "go", Name: "app", Tool: "go", Port: 8080, Entry: "."}
		p.Go.Binary = "app"
		p.Go.UI = &plan.GoUI{Dir: "web", Root: "web", Out: "server/site", Script: "build", Tool: "npm", NodeVersion: "24", Post: [][]string{c.step}}
		err := kind.Go.Validate(p, kind.Source{})
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok %v", c.name, err, c.ok)
		}
	}
}
