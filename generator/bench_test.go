package generator_test

import (
	"context"
	"testing"

	"github.com/dockgen/dockgen/generator"
	render "github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/region"
	"github.com/dockgen/dockgen/generator/testkit"
	"github.com/dockgen/dockgen/generator/write"
	"github.com/dockgen/dockgen/templates"
)

// BenchmarkRender renders the node template (the largest) from a ready plan.
func BenchmarkRender(b *testing.B) {
	cat, err := render.LoadCatalog(render.Source{Name: "builtin", FS: templates.FS()})
	if err != nil {
		b.Fatal(err)
	}
	regions, _ := region.Load(templates.FS())
	t, _ := cat.Get("node")
	p := &plan.Plan{Lang: "node", Template: "node", Tool: "pnpm", LangVersion: "24", Port: 3000, CI: "github",
		Region: regions["cn"], Name: "app", Vars: map[string]string{"build_packages": ""},
		Facts: plan.Facts{Node: plan.NodeFacts{Lockfile: "pnpm-lock.yaml", Manifests: []string{"package.json", "pnpm-lock.yaml"}, ManagerVersion: "10", HasBuild: true, Start: []string{"node", "dist/main.js"}}}}
	b.ResetTimer()
	for range b.N {
		if _, err := cat.Render(t, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFullRun is a complete non-interactive run on a small repo:
// detection, plan, render of Dockerfile, .dockerignore and CI, BuildKit
// checks, and writing the files. Budget: under 20 ms.
func BenchmarkFullRun(b *testing.B) {
	dir := testkit.Fixture(b, "node-ts-pnpm")
	b.ResetTimer()
	for range b.N {
		res, err := generator.Generate(context.Background(), generator.Request{Dir: dir, Region: "cn"})
		if err != nil {
			b.Fatal(err)
		}
		changes, err := write.Plan(dir, res.Files, true)
		if err != nil {
			b.Fatal(err)
		}
		if err := write.Apply(dir, changes); err != nil {
			b.Fatal(err)
		}
	}
}
