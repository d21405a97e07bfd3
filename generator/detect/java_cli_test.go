package detect_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// A picocli root that only prints its help and no start line in the
// repository: the subcommands are known, no argument is guessed, a warning.
func TestJavaPicocliRootWithoutStartLine(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "build.gradle", "plugins {\n    id 'application'\n}\napplication {\n    mainClass = 'com.example.App'\n}\n")
	writeFile(t, root, "src/main/java/com/example/App.java", "package com.example;\n\nimport picocli.CommandLine;\n\n@CommandLine.Command(name = \"app\", subcommands = { Serve.class })\npublic class App implements Runnable {\n    public static void main(String[] a) { new CommandLine(new App()).execute(a); }\n\n    public void run() {\n        CommandLine.usage(this, System.out);\n    }\n}\n")
	writeFile(t, root, "src/main/java/com/example/Serve.java", "package com.example;\n\n@CommandLine.Command(name = \"serve\")\nclass Serve {}\n")
	res, err := detect.Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	j := res.Projects[0].Java
	if strings.Join(j.Subcommands, ",") != "serve" || len(j.Args) != 0 {
		t.Errorf("subcommands %q args %q, want [serve] and none", j.Subcommands, j.Args)
	}
	if !slices.ContainsFunc(res.Warnings, func(w detect.Warning) bool { return strings.Contains(w.Msg, "only prints its help") }) {
		t.Errorf("no warning naming the subcommands: %v", res.Warnings)
	}
}
