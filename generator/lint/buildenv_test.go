package lint

import "testing"

// next-saas-starter: a route imports lib/db/drizzle.ts, which throws at
// load when POSTGRES_URL is unset, so next build stops; a secret mount,
// an ARG or an ENV of that name gives the step the variable.
func TestBuildEnvMissing(t *testing.T) {
	ctx := map[string]string{
		"package.json":              `{"name":"a","scripts":{"build":"next build","start":"next start"},"dependencies":{"next":"14.2.0","react":"18.3.1"}}`,
		"package-lock.json":         `{"name":"a","lockfileVersion":3,"requires":true,"packages":{}}`,
		"lib/db/drizzle.ts":         "if (!process.env.POSTGRES_URL) {\n  throw new Error('POSTGRES_URL environment variable is not set');\n}\nexport const db = 1;\n",
		"app/api/checkout/route.ts": "import { db } from '@/lib/db/drizzle';\nexport async function GET() { return db; }\n",
	}
	head := "FROM node:22-slim AS build\nWORKDIR /app\nCOPY . .\n"
	tail := "\nFROM node:22-slim\nWORKDIR /app\nCOPY --from=build /app ./\nUSER 1000:1000\n" + `CMD ["node_modules/.bin/next", "start"]` + "\n"
	runTwins(t, []twin{
		{name: "a secret mount", rule: "DG841", line: 4,
			fires: head + "RUN npm run build" + tail, ctxFire: ctx,
			quiet: head + "RUN --mount=type=secret,id=POSTGRES_URL,env=POSTGRES_URL npm run build" + tail},
		{name: "an ARG", rule: "DG841", line: 4,
			fires: head + "RUN npm run build" + tail, ctxFire: ctx,
			quiet: "FROM node:22-slim AS build\nWORKDIR /app\nARG POSTGRES_URL\nRUN npm run build" + tail},
		{name: "the value on the command", rule: "DG841", line: 4,
			fires: head + "RUN npm run build" + tail, ctxFire: ctx,
			quiet: head + "RUN POSTGRES_URL=postgres://build@localhost/db npm run build" + tail},
	})
}
