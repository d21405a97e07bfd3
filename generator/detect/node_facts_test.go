package detect_test

import (
	"reflect"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/testkit"
)

// nodeFacts detects a fixture and returns its chosen project.
func nodeProject(t *testing.T, fixture string) detect.Project {
	t.Helper()
	res, err := detect.Dir(testkit.Fixture(t, fixture))
	if err != nil {
		t.Fatal(err)
	}
	if res.Chosen < 0 {
		t.Fatalf("%s: no project chosen: %+v", fixture, res.Projects)
	}
	return res.Projects[res.Chosen]
}

// The project's own install scripts never run in the dependency installs;
// the ones that generate or patch run in the build stage, git hooks never.
func TestNodeLifecycleScripts(t *testing.T) {
	cases := []struct {
		fixture string
		want    plan.NodeFacts // the fields compared below
	}{
		{"node-lifecycle", plan.NodeFacts{
			DropScripts:  []string{"postinstall", "prepare"},
			RunScripts:   []string{"postinstall"},
			Patches:      "patches",
			PatchPackage: []string{"npx", "--yes", "patch-package@8.0.0"},
			BuildSteps:   []string{"npm run postinstall"},
		}},
		{"node-prisma", plan.NodeFacts{
			DropScripts:    []string{"prepare"},
			Prisma:         true,
			PrismaGenerate: true,
			HasBuild:       true,
			BuildSteps:     []string{"node_modules/.bin/prisma generate", "yarn run build"},
		}},
	}
	for _, c := range cases {
		t.Run(c.fixture, func(t *testing.T) {
			n := nodeProject(t, c.fixture).Node
			got := plan.NodeFacts{
				DropScripts: n.DropScripts, RunScripts: n.RunScripts, Patches: n.Patches,
				PatchPackage: n.PatchPackage, Prisma: n.Prisma, PrismaGenerate: n.PrismaGenerate,
				HasBuild: n.HasBuild, BuildSteps: n.BuildSteps,
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}
