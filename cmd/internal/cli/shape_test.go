package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
)

// Each command binds its flags and arguments into its options; runF stops
// right after parsing.
func TestCommandsParseIntoOptions(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	f := &Factory{IO: ios, Build: BuildInfo{Version: "1.2.3"}, Getenv: func(string) string { return "" }}
	parent := &TemplatesOptions{IO: ios, Dir: "proj", Catalogs: []string{"team"}}
	var got any
	tests := []struct {
		name string
		cmd  *cobra.Command
		args string
		want func() bool
	}{
		{"detect", newCmdDetect(f, func(o *DetectOptions) error { got = o; return nil }), "--json ./svc",
			func() bool { o := got.(*DetectOptions); return o.JSON && o.Root == "./svc" }},
		{"detect default root", newCmdDetect(f, func(o *DetectOptions) error { got = o; return nil }), "",
			func() bool { return got.(*DetectOptions).Root == "." }},
		{"version", newCmdVersion(f, func(o *VersionOptions) error { got = o; return nil }), "",
			func() bool { return got.(*VersionOptions).Build.Version == "1.2.3" }},
		{"templates list", newCmdTemplatesList(parent, func(o *TemplatesListOptions) error { got = o; return nil }), "--json",
			func() bool { o := got.(*TemplatesListOptions); return o.JSON && o.Dir == "proj" }},
		{"templates show", newCmdTemplatesShow(parent, func(o *TemplatesShowOptions) error { got = o; return nil }), "go",
			func() bool { return got.(*TemplatesShowOptions).Name == "go" }},
		{"templates export", newCmdTemplatesExport(parent, func(o *TemplatesExportOptions) error { got = o; return nil }), "go out",
			func() bool { o := got.(*TemplatesExportOptions); return o.Name == "go" && o.Dest == "out" }},
		{"templates lint", newCmdTemplatesLint(f, func(o *TemplatesLintOptions) error { got = o; return nil }), "--json cat",
			func() bool { o := got.(*TemplatesLintOptions); return o.JSON && o.Catalog == "cat" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = nil
			tt.cmd.SetArgs(strings.Fields(tt.args))
			tt.cmd.SetOut(ios.Out)
			tt.cmd.SetErr(ios.ErrOut)
			if err := tt.cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if got == nil || !tt.want() {
				t.Fatalf("options %+v", got)
			}
		})
	}
}
