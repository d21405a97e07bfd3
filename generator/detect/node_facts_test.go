package detect_test

import (
	"reflect"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/testkit"
	"golang.org/x/tools/txtar"
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

// Test-only devDependencies that download a binary while installing get the
// variable that skips it; the same package as a dependency keeps it.
func TestNodeInstallDownloads(t *testing.T) {
	got := nodeProject(t, "node-test-downloads").Node.InstallEnv
	want := []string{"CYPRESS_INSTALL_BINARY=0", "ELECTRON_SKIP_BINARY_DOWNLOAD=1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("InstallEnv %q, want %q", got, want)
	}
}

// The kind follows what is deployed: a server that builds its client with
// Vite is a Node server; framework servers run their real entry.
func TestNodeServerKinds(t *testing.T) {
	cases := []struct {
		fixture, lang, framework, entry string
		start                           []string
		port                            int
		portEnv                         bool
		env                             []string
	}{
		{"node-vite-koa", "node", "koa", "build/server/index.js", []string{"node", "build/server/index.js"}, 3000, true, nil},
		{"node-nuxt", "node", "nuxt", ".output/server/index.mjs", []string{"node", ".output/server/index.mjs"}, 0, true, nil},
		{"node-remix", "node", "remix", "remix-serve ./build/server/index.js", []string{"node_modules/.bin/remix-serve", "./build/server/index.js"}, 0, true, nil},
		{"node-sveltekit", "node", "sveltekit", "build/index.js", []string{"node", "build/index.js"}, 0, true, nil},
		{"node-astro-ssr", "node", "astro", "dist/server/entry.mjs", []string{"node", "dist/server/entry.mjs"}, 4321, true, []string{"HOST=0.0.0.0"}},
		{"node-next", "node", "nextjs", "next start", []string{"node_modules/.bin/next", "start"}, 0, true, nil},
		{"trap-node-next-standalone", "node", "nextjs", ".next/standalone/server.js", []string{"node", "server.js"}, 0, true, []string{"HOSTNAME=0.0.0.0"}},
		{"node-nest-prestart", "node", "nestjs", "dist/main.js", []string{"node", "dist/main.js"}, 3000, false, nil},
		{"static-vite", "static", "vite", "dist", nil, 0, false, nil},
		// "node server start": the folder's index.js, and its subcommand kept
		{"node-sources-in-node-modules", "node", "express", "packages/node_modules/flows/red.js", []string{"node", "packages/node_modules/flows/red.js"}, 1880, true, nil},
		{"node-webpack4-engines", "node", "express", "server/index.js", []string{"node", "server/index.js", "start"}, 3000, true, nil},
	}
	for _, c := range cases {
		t.Run(c.fixture, func(t *testing.T) {
			p := nodeProject(t, c.fixture)
			if p.Lang != c.lang || p.Framework != c.framework || p.Entry != c.entry || p.Port != c.port {
				t.Errorf("got %s/%s entry %q port %d, want %s/%s entry %q port %d", p.Lang, p.Framework, p.Entry, p.Port, c.lang, c.framework, c.entry, c.port)
			}
			if !reflect.DeepEqual(p.Node.Start, c.start) || p.Node.PortEnv != c.portEnv || !reflect.DeepEqual(p.Node.Env, c.env) {
				t.Errorf("start %q PORT env %v env %q, want %q %v %q", p.Node.Start, p.Node.PortEnv, p.Node.Env, c.start, c.portEnv, c.env)
			}
		})
	}
}

// A start:prod with no build script is compiled by the script that makes
// its file (build:prod, or its prestart:prod hook), never shipped stale.
func TestNodeBuildForStart(t *testing.T) {
	p := nodeProject(t, "node-nest-prestart")
	if !p.Node.HasBuild || p.Node.BuildScript != "prestart:prod" || !reflect.DeepEqual(p.Node.BuildSteps, []string{"npm run prestart:prod"}) {
		t.Errorf("build %v %q steps %q, want the prestart:prod compile", p.Node.HasBuild, p.Node.BuildScript, p.Node.BuildSteps)
	}
}

// A script that also installs git hooks runs with the hooks' skip variables;
// a prisma generate reached through "npm run" is not run twice.
func TestNodeScriptDetails(t *testing.T) {
	if n := nodeProject(t, "node-nuxt").Node; !n.SkipHooks || !reflect.DeepEqual(n.RunScripts, []string{"postinstall"}) {
		t.Errorf("nuxt: SkipHooks %v RunScripts %q, want true [postinstall]", n.SkipHooks, n.RunScripts)
	}
	dir := t.TempDir()
	testkit.Extract(t, txtar.Parse([]byte(`-- package.json --
{"scripts":{"postinstall":"npm run prisma:generate","prisma:generate":"prisma generate","build":"tsc"},"dependencies":{"@prisma/client":"5"},"devDependencies":{"prisma":"5"}}
-- prisma/schema.prisma --
datasource db {}
`)), dir)
	res, err := detect.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := res.Projects[0].Node
	if !n.Prisma || n.PrismaGenerate || !reflect.DeepEqual(n.BuildSteps, []string{"npm run postinstall", "npm run build"}) {
		t.Errorf("Prisma %v PrismaGenerate %v steps %q, want the postinstall's generate only", n.Prisma, n.PrismaGenerate, n.BuildSteps)
	}
}

// Without packageManager, the lockfile says which package-manager major
// wrote it: pnpm 10 cannot read a v6 lockfile, Yarn 4 rewrites a Yarn 3 one.
func TestNodeManagerFromLockfile(t *testing.T) {
	cases := []struct{ files, tool, version string }{
		{"-- package.json --\n{}\n-- pnpm-lock.yaml --\nlockfileVersion: '6.0'\n", "pnpm", "8"},
		{"-- package.json --\n{}\n-- pnpm-lock.yaml --\nlockfileVersion: '9.0'\n", "pnpm", "10"},
		{"-- package.json --\n{}\n-- yarn.lock --\n__metadata:\n  version: 6\n-- .yarnrc.yml --\nnodeLinker: node-modules\n", "yarn-berry", "3"},
		{"-- package.json --\n{}\n-- yarn.lock --\n__metadata:\n  version: 6\n-- .yarnrc.yml --\nyarnPath: .yarn/releases/yarn-3.6.1.cjs\n-- .yarn/releases/yarn-3.6.1.cjs --\n", "yarn-berry", "3.6.1"},
	}
	for _, c := range cases {
		dir := t.TempDir()
		testkit.Extract(t, txtar.Parse([]byte(c.files)), dir)
		res, err := detect.Dir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if p := res.Projects[0]; p.Tool != c.tool || p.Node.ManagerVersion != c.version {
			t.Errorf("%q: %s %s, want %s %s", c.files, p.Tool, p.Node.ManagerVersion, c.tool, c.version)
		}
	}
}
