package detect_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// Variables a Node build cannot run without: a module-level throw in a
// module a Next.js route imports, or any throw in a script the build
// script runs; not a check inside a function, not a script that skips.
func TestNodeBuildEnv(t *testing.T) {
	next := `{"name":"a","scripts":{"build":"next build","start":"next start"},"dependencies":{"next":"14.2.0","react":"18.3.1"}}`
	throwTop := "if (!process.env.POSTGRES_URL) {\n  throw new Error('POSTGRES_URL environment variable is not set');\n}\nexport const db = 1;\n"
	for name, c := range map[string]struct {
		files map[string]string
		want  []string
	}{
		"a route imports a module that throws at load": {map[string]string{"package.json": next,
			"lib/db/drizzle.ts": throwTop, "app/api/checkout/route.ts": "import { db } from '@/lib/db/drizzle';\nexport async function GET() { return db; }\n"}, []string{"POSTGRES_URL"}},
		"a relative import": {map[string]string{"package.json": next,
			"lib/db/drizzle.ts": throwTop, "app/page.tsx": "import { db } from '../lib/db/drizzle';\nexport default function Page() { return db; }\n"}, []string{"POSTGRES_URL"}},
		"no route imports it": {map[string]string{"package.json": next,
			"lib/db/drizzle.ts": throwTop, "app/page.tsx": "export default function Page() { return 1; }\n"}, nil},
		"a check inside a function runs at request time": {map[string]string{"package.json": next,
			"lib/db/drizzle.ts": "export function db() {\n  if (!process.env.POSTGRES_URL) {\n    throw new Error('unset');\n  }\n}\n", "app/page.tsx": "import { db } from '@/lib/db/drizzle';\n"}, nil},
		"a script the build runs": {map[string]string{"package.json": `{"name":"a","scripts":{"build":"tsx scripts/migrate && next build","start":"next start"},"dependencies":{"next":"14.2.0"}}`,
			"scripts/migrate.ts": "const run = async () => {\n  if (!process.env.DATABASE_URL) {\n    throw new Error('DATABASE_URL is not defined');\n  }\n};\nrun();\n"}, []string{"DATABASE_URL"}},
		"a script that skips without it": {map[string]string{"package.json": `{"name":"a","scripts":{"build":"tsx lib/db/migrate && next build","start":"next start"},"dependencies":{"next":"14.2.0"}}`,
			"lib/db/migrate.ts": "const run = async () => {\n  if (!process.env.POSTGRES_URL) {\n    console.log('skipping migrations');\n    process.exit(0);\n  }\n};\nrun();\n"}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			for f, data := range c.files {
				writeFile(t, root, f, data)
			}
			res, err := detect.Dir(root)
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Projects[0].Node.BuildEnv; !slices.Equal(got, c.want) {
				t.Errorf("BuildEnv %q, want %q", got, c.want)
			}
			warned := slices.ContainsFunc(res.Warnings, func(w detect.Warning) bool { return strings.Contains(w.Msg, "--build-secret") })
			if warned != (len(c.want) > 0) {
				t.Errorf("warning %v, want %v: %v", warned, len(c.want) > 0, res.Warnings)
			}
		})
	}
}
