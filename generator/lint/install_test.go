package lint

import (
	"strings"
	"testing"
)

// The install rules, each on a twin of the failing corpus row that
// motivates it (named per case).
func TestInstallProjectRules(t *testing.T) {
	app := map[string]string{"server.js": "require('http').createServer().listen(3000)\n"}
	with := func(files ...map[string]string) map[string]string {
		out := map[string]string{}
		for _, f := range files {
			for k, v := range f {
				out[k] = v
			}
		}
		return out
	}
	pnpmPkg := `{"name":"shop","scripts":{"start":"node server.js"},"dependencies":{"express":"^4.19.0"}}`
	pnpmDF := func(major string) string {
		return "FROM node:22-slim\nRUN npm install --global pnpm@" + major + "\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\nRUN pnpm install --frozen-lockfile --prod\nCOPY . .\n" + user + "CMD [\"node\", \"server.js\"]\n"
	}
	yarnPkg := `{"name":"api","scripts":{"start":"node server.js"},"dependencies":{"express":"^4.19.0","argon2":"^0.26.2"},"devDependencies":{"jest":"^25.5.3"}}`
	yarnDF := "FROM node:22-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile --production\nCOPY . .\n" + user + "CMD [\"node\", \"server.js\"]\n"
	staleYarn := "# yarn lockfile v1\n\n\nargon2@^0.26.1:\n  version \"0.26.1\"\n\nexpress@^4.19.0:\n  version \"4.19.2\"\n\njest@^25.5.3:\n  version \"25.5.4\"\n"
	freshYarn := "# yarn lockfile v1\n\n\nargon2@^0.26.1, argon2@^0.26.2:\n  version \"0.26.2\"\n\nexpress@^4.19.0:\n  version \"4.19.2\"\n\njest@^25.5.3:\n  version \"25.5.4\"\n"
	npmDF := "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\n" + user + "CMD [\"node\", \"server.js\"]\n"
	// Each locked at a version the fixtures' package.json ranges allow,
	// or as name@version.
	lockedAt := map[string]string{"express": "4.19.2", "jest": "25.5.4", "argon2": "0.26.2", "better-sqlite3": "11.8.1", "node-sass": "4.14.1", "webpack": "4.47.0"}
	npmLock := func(names ...string) string {
		s := `{"lockfileVersion":3,"packages":{"":{"name":"api"}`
		for _, n := range names {
			v := lockedAt[n]
			if name, at, ok := strings.Cut(n, "@"); ok {
				n, v = name, at
			}
			s += `,"node_modules/` + n + `":{"version":"` + v + `"}`
		}
		return s + "}}"
	}
	berryPkg := `{"name":"mongo-express","packageManager":"yarn@4.12.0","scripts":{"start":"node server.js"},"dependencies":{"express":"^4.19.0"}}`
	yarnrc := "nodeLinker: node-modules\nplugins:\n  - checksum: abc\n    path: .yarn/plugins/plugin-dedupe-on-install.cjs\n    spec: \"https://example.com/index.js\"\nyarnPath: .yarn/releases/yarn-4.12.0.cjs\n"
	berry := with(app, map[string]string{"package.json": berryPkg, "yarn.lock": "__metadata:\n  version: 8\n\n\"express@npm:^4.19.0\":\n  version: 4.19.2\n", ".yarnrc.yml": yarnrc,
		".yarn/releases/yarn-4.12.0.cjs": "//", ".yarn/plugins/plugin-dedupe-on-install.cjs": "//"})
	berryDF := func(copyYarn string) string {
		return "FROM node:22-slim\nWORKDIR /app\nCOPY package.json yarn.lock .yarnrc.yml ./\nCOPY " + copyYarn + " ./" + copyYarn + "\nRUN yarn install --immutable\nCOPY . .\n" + user + "CMD [\"node\", \"server.js\"]\n"
	}
	sqlite := with(app, map[string]string{"package.json": `{"name":"kutt","scripts":{"start":"node server.js"},"dependencies":{"better-sqlite3":"11.8.1"},"devDependencies":{"node-sass":"^4.9.0"}}`, "package-lock.json": npmLock("better-sqlite3", "node-sass")})
	sqliteDF := func(image, install string) string {
		return "FROM " + image + "\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN " + install + "\nCOPY . .\n" + user + "CMD [\"node\", \"server.js\"]\n"
	}
	webpack := with(app, map[string]string{"package.json": `{"name":"lina","scripts":{"start":"node server.js","build":"webpack --mode production"},"devDependencies":{"webpack":"^4.28.4"}}`, "package-lock.json": npmLock("webpack")})
	webpackDF := func(env string) string {
		return "FROM node:24-slim\nWORKDIR /app\n" + env + "COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n" + user + "CMD [\"node\", \"server.js\"]\n"
	}
	bun := with(map[string]string{"index.ts": "console.log(1)\n", "package.json": `{"name":"sink","main":"index.ts","scripts":{"start":"node index.js","build":"bun build --compile ./index.ts --outfile sink"}}`, "package-lock.json": npmLock()})
	bunDF := func(image string) string {
		return "FROM " + image + "\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n" + user + "CMD [\"./sink\"]\n"
	}
	gradle := map[string]string{
		"settings.gradle.kts": "rootProject.name = \"app\"\n",
		"build.gradle.kts":    "plugins {\n  application\n  id(\"com.github.johnrengelman.shadow\") version \"8.1.0\"\n}\napplication { mainClass.set(\"a.App\") }\n",
		"gradlew":             "#!/bin/sh\n",
		"gradle/wrapper/gradle-wrapper.properties": "distributionBase=GRADLE_USER_HOME\ndistributionUrl=https\\://services.gradle.org/distributions/gradle-8.0.2-bin.zip\n",
		"src/main/java/a/App.java":                 "package a;\npublic class App { public static void main(String[] a) {} }\n",
	}
	gradleDF := func(image string) string {
		return "FROM " + image + " AS build\nWORKDIR /build\nCOPY . .\nRUN gradle --no-daemon shadowJar\nFROM eclipse-temurin:17-jre\nCOPY --from=build /build/build/libs/app-all.jar /app.jar\n" + user + "CMD [\"java\", \"-jar\", \"/app.jar\"]\n"
	}
	migrating := func(build, more string) map[string]string {
		return with(app, map[string]string{"package.json": `{"name":"web","scripts":{` + more + `"build":` + build + `,"start":"next start"},"dependencies":{"next":"^15.0.0"}}`, "package-lock.json": npmLock()})
	}
	migrateDF := "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n" + user + "CMD [\"npm\", \"start\"]\n"
	runTwins(t, []twin{
		// node-110 (proshop-v2): lockfileVersion 6.0 under pnpm 10.
		{name: "pnpm 10 on a v6 lockfile", rule: "DG812", line: 5,
			fires: pnpmDF("10"), ctxFire: with(app, map[string]string{"package.json": pnpmPkg, "pnpm-lock.yaml": "lockfileVersion: '6.0'\n\nsettings:\n  autoInstallPeers: true\n"}),
			quiet: pnpmDF("8")},
		{name: "pnpm 8 on a v9 lockfile", rule: "DG812", line: 5,
			fires: pnpmDF("8"), ctxFire: with(app, map[string]string{"package.json": pnpmPkg, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n"}),
			quiet: pnpmDF("9")},
		// node-127 (nestjs-realworld): yarn.lock older than package.json.
		{name: "yarn.lock without a declared range", rule: "DG813", line: 4,
			fires: yarnDF, ctxFire: with(app, map[string]string{"package.json": yarnPkg, "yarn.lock": staleYarn}),
			quiet: yarnDF, ctxQui: with(app, map[string]string{"package.json": yarnPkg, "yarn.lock": freshYarn})},
		{name: "package-lock without a dependency", rule: "DG813", line: 4,
			fires: npmDF, ctxFire: with(app, map[string]string{"package.json": yarnPkg, "package-lock.json": npmLock("express", "jest")}),
			quiet: npmDF, ctxQui: with(app, map[string]string{"package.json": yarnPkg, "package-lock.json": npmLock("express", "jest", "argon2")})},
		// static-213 (phaser template): package.json moved to phaser ^3.90.0, the lock still installs 3.88.2.
		{name: "package-lock below the declared range", rule: "DG813", line: 4,
			fires: npmDF, ctxFire: with(app, map[string]string{"package.json": yarnPkg, "package-lock.json": npmLock("express@4.18.2", "jest", "argon2")}),
			quiet: npmDF, ctxQui: with(app, map[string]string{"package.json": yarnPkg, "package-lock.json": npmLock("express@4.21.2", "jest", "argon2")})},
		// node-126 (mongo-express): .yarn/plugins left behind.
		{name: "yarnrc plugin not copied", rule: "DG814", line: 5,
			fires: berryDF(".yarn/releases"), ctxFire: berry,
			quiet: berryDF(".yarn")},
		// node-133 (kutt): better-sqlite3 11 on Node 24 without build tools.
		{name: "native module beyond its Node major", rule: "DG815", line: 4,
			fires: sqliteDF("node:24-slim", "npm ci --omit=dev"), ctxFire: sqlite,
			quiet: sqliteDF("node:22-slim", "npm ci --omit=dev")},
		{name: "a devDependency left out of a production install", rule: "DG815", line: 4,
			fires: sqliteDF("node:22-slim", "npm ci"), ctxFire: sqlite,
			quiet: sqliteDF("node:22-slim", "npm ci --omit=dev")},
		{name: "build tools compile it", rule: "DG815", line: 4,
			fires: sqliteDF("node:24-slim", "npm ci --omit=dev"), ctxFire: sqlite,
			quiet: sqliteDF("node:24", "npm ci --omit=dev")},
		{name: "webpack 4 without the legacy provider", rule: "DG815", line: 6,
			fires: webpackDF(""), ctxFire: webpack,
			quiet: webpackDF("ENV NODE_OPTIONS=--openssl-legacy-provider\n")},
		// node-125 (substreams-sink-clickhouse): bun build on a node image.
		{name: "bun script on a node image", rule: "DG816", line: 6,
			fires: bunDF("node:24-slim"), ctxFire: bun,
			quiet: bunDF("oven/bun:1")},
		// node-135 (Next-js-Boilerplate): build = run-s db:migrate build:next;
		// node-134 (ai-chatbot): build = tsx lib/db/migrate && next build.
		{name: "build script that migrates through run-s", rule: "DG843", line: 6,
			fires: migrateDF, ctxFire: migrating(`"run-s db:migrate build:next"`, `"db:migrate":"dotenv -c -- drizzle-kit migrate","build:next":"next build",`),
			quiet: migrateDF, ctxQui: migrating(`"run-s db:generate build:next"`, `"db:generate":"drizzle-kit generate","build:next":"next build",`)},
		{name: "build script that runs a migrate file", rule: "DG843", line: 6,
			fires: migrateDF, ctxFire: migrating(`"tsx lib/db/migrate && next build"`, ``),
			quiet: migrateDF, ctxQui: migrating(`"tsx lib/db/seed-docs && next build"`, ``)},
		// java-306 (javalin gradle shadowjar): Gradle 9 for an 8.0 wrapper.
		{name: "image gradle newer than the wrapper", rule: "DG817", line: 4,
			fires: gradleDF("gradle:9.2-jdk17"), ctxFire: gradle,
			quiet: gradleDF("gradle:8.14-jdk17")},
	})
}

// DG817 reads the wrapper at the build root: java-306 built from the
// settings root with the Dockerfile in app/.
func TestGradleWrapperAtTheBuildRoot(t *testing.T) {
	tree := func(dist string) map[string]string {
		return map[string]string{
			"settings.gradle.kts": "rootProject.name = \"demo\"\ninclude(\"app\")\n",
			"gradlew":             "#!/bin/sh\n",
			"gradle/wrapper/gradle-wrapper.properties": "distributionUrl=https\\://services.gradle.org/distributions/gradle-" + dist + "-bin.zip\n",
			"app/build.gradle.kts":                     "plugins {\n  application\n  id(\"com.github.johnrengelman.shadow\") version \"8.1.0\"\n}\napplication { mainClass.set(\"a.App\") }\n",
			"app/src/main/java/a/App.java":             "package a;\npublic class App { public static void main(String[] a) {} }\n",
		}
	}
	df := "FROM gradle:9.2-jdk17 AS build\nWORKDIR /build\nCOPY . .\nRUN gradle --no-daemon :app:shadowJar\nFROM eclipse-temurin:17-jre\nCOPY --from=build /build/app/build/libs/app-all.jar /app.jar\n" + user + "CMD [\"java\", \"-jar\", \"/app.jar\"]\n"
	runTreeTwins(t, []treeTwin{
		{name: "root wrapper 8, image 9", rule: "DG817", line: 4, tree: tree("8.0.2"), treeQuiet: tree("9.1.0"),
			fires: df, ctx: ".", dockerfile: "app/Dockerfile",
			quiet: df, ctxQuiet: "."},
	})
}

// DG818: node-136 (node-red), whose sources live in packages/node_modules.
func TestNestedSourcesIgnored(t *testing.T) {
	ctx := func(ignore string) map[string]string {
		return map[string]string{
			"package.json":                           `{"name":"red","scripts":{"start":"node packages/node_modules/red/red.js"},"dependencies":{"express":"^4.19.0"}}`,
			"package-lock.json":                      `{"lockfileVersion":3,"packages":{"":{"name":"red"},"node_modules/express":{"version":"4.19.2"}}}`,
			"packages/node_modules/red/red.js":       "require('express')().listen(1880)\n",
			"packages/node_modules/red/package.json": `{"name":"red"}`,
			".dockerignore":                          ignore,
		}
	}
	df := "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\n" + user + "CMD [\"node\", \"packages/node_modules/red/red.js\"]\n"
	runTwins(t, []twin{{name: "nested node_modules sources ignored", rule: "DG818", line: 5,
		fires: df, ctxFire: ctx(".git\n**/node_modules\n"),
		quiet: df, ctxQui: ctx(".git\n/node_modules\n")}})
}

// DG819: static-218 (a portfolio whose lockfile was written with
// --legacy-peer-deps: react-tilt's peer react ^15 || ^16 against react 18).
func TestPeerDependencyConflict(t *testing.T) {
	pkg := `{"name":"folio","scripts":{"start":"node server.js"},"dependencies":{"react":"^18.2.0","react-tilt":"^0.1.4"}}`
	lock := func(tiltPeer string) string {
		return `{"lockfileVersion":3,"packages":{"":{"name":"folio"},"node_modules/react":{"version":"18.2.0"},"node_modules/react-tilt":{"version":"0.1.4","peerDependencies":{"react":"` + tiltPeer + `"}}}}`
	}
	df := func(install string) string {
		return "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN " + install + "\nCOPY . .\n" + user + "CMD [\"node\", \"server.js\"]\n"
	}
	ctx := func(peer string, extra ...string) map[string]string {
		m := map[string]string{"package.json": pkg, "package-lock.json": lock(peer), "server.js": "require('http').createServer().listen(3000)\n"}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	runTwins(t, []twin{
		{name: "peer major outside the range", rule: "DG819", line: 4,
			fires: df("npm ci"), ctxFire: ctx("^15.0.0 || ^16.0.0-beta || ^16.0.0"),
			quiet: df("npm ci --legacy-peer-deps")},
		{name: "peer in range", rule: "DG819", line: 4,
			fires: df("npm ci"), ctxFire: ctx("^16.0.0"),
			quiet: df("npm ci"), ctxQui: ctx(">=16.8.0")},
		{name: "npmrc says legacy-peer-deps", rule: "DG819", line: 4,
			fires: df("npm ci"), ctxFire: ctx("^16.0.0"),
			quiet: df("npm ci"), ctxQui: ctx("^16.0.0", ".npmrc", "legacy-peer-deps=true\n")},
	})
}
