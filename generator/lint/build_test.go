package lint

import (
	"context"
	"strings"
	"testing"
)

// The build-step and artifact rules (DG821...), each by the cause a real
// failing generated Dockerfile showed (ids of /tmp/unusable.txt in the
// names).
func TestBuildStepRules(t *testing.T) {
	goMod := "module example.com/app\n\ngo 1.24\n"
	goBuild := func(pkg string) string {
		return "FROM golang:1.24 AS build\nWORKDIR /src\nRUN --mount=type=bind,target=/src \\\n    CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/app " + pkg + "\n" +
			"FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nUSER 65532\nENTRYPOINT [\"/app\"]\n"
	}
	runTwins(t, []twin{
		// go-305 pocketbase: the root package is the library; main is in examples/base.
		{name: "go build of a library package (go-305)", rule: "DG821", line: 3,
			fires: goBuild("."), quiet: goBuild("./examples/base"),
			ctxFire: map[string]string{"go.mod": goMod, "lib.go": "// Package app is a library.\npackage app\n", "lib_test.go": "package main\n",
				"examples/base/main.go": "package main\n\nfunc main() {}\n"}},
		// go-317 go-clean-arch, static-201 docsy-example, py-211 searxng: no Go files at the root.
		{name: "go build of a folder without Go files (go-317, static-201, py-211)", rule: "DG821", line: 3,
			fires: goBuild("."), quiet: goBuild("./app"),
			ctxFire: map[string]string{"go.mod": goMod, "README.md": "x", "app/main.go": "package main\n\nfunc main() {}\n"}},
		// Only Windows or ignore-tagged files: a Linux build compiles none.
		{name: "only files for other systems", rule: "DG821", line: 3,
			fires: goBuild("./tool"), quiet: goBuild("./app"),
			ctxFire: map[string]string{"go.mod": goMod, "tool/main_windows.go": "package main\n", "tool/gen.go": "//go:build ignore\n\npackage main\n",
				"app/main.go": "//go:build linux\n\npackage main\n", "app/util.go": "package main\n"}},
		// COPY . . then cd into the package in the same RUN.
		{name: "copied sources and cd", rule: "DG821", line: 4,
			fires:   "FROM golang:1.24\nWORKDIR /app\nCOPY . .\nRUN cd internal && go build -o /bin/app .\n" + user,
			quiet:   "FROM golang:1.24\nWORKDIR /app\nCOPY . .\nRUN cd cmd/app && go build -o /bin/app .\n" + user,
			ctxFire: map[string]string{"go.mod": goMod, "internal/x.go": "package internal\n", "cmd/app/main.go": "package main\n"}},
		// A folder copied with a trailing slash: its contents land in dest.
		{name: "COPY of folders", rule: "DG821", line: 5,
			fires:   "FROM golang:1.24\nWORKDIR /app\nCOPY go.mod go.sum ./\nCOPY internal/ internal/\nRUN go build -o /bin/app ./internal\n" + user,
			quiet:   "FROM golang:1.24\nWORKDIR /app\nCOPY go.mod go.sum ./\nCOPY cmd/ cmd/\nRUN go build -o /bin/app ./cmd/app\n" + user,
			ctxFire: map[string]string{"go.mod": goMod, "go.sum": "", "internal/x.go": "package internal\n", "cmd/app/main.go": "package main\n"}},
		// Without -o, go build of a library is a compile check: nothing breaks.
		{name: "without -o a library build is a compile check", rule: "DG821", line: 3,
			fires:   "FROM golang:1.24\nCOPY . /src\nRUN cd /src && go build -o app ./lib\n" + user,
			quiet:   "FROM golang:1.24\nCOPY . /src\nRUN cd /src && go build ./lib && go build -C /src -o app ./cmd/x\n" + user,
			ctxFire: map[string]string{"go.mod": goMod, "lib/lib.go": "package lib\n", "cmd/x/main.go": "package main\n"}},
	})
}

// What lint cannot follow stays quiet: a folder the build makes, one
// reached through a variable, sources copied from another image.
func TestGoBuildNoMainUnknownStaysQuiet(t *testing.T) {
	ctx := map[string]string{"go.mod": "module x\n\ngo 1.24\n", "lib.go": "package x\n", "api/openapi.yaml": "x", "api/gen.go.tmpl": "x"}
	for _, df := range []string{
		"FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go generate ./... && go build -o app ./gen\n" + user,
		"FROM golang:1.24\nWORKDIR /src\nCOPY . .\nARG PKG=.\nRUN go build -o app $PKG\n" + user,
		// The folder holds only what a generator writes Go from.
		"FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go generate ./...\nRUN go build -o app ./api\n" + user,
		"FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN sqlc generate && go build -o app ./api\n" + user,
		"FROM golang:1.24\nWORKDIR /src\nCOPY --from=src /x .\nRUN go build -o app .\n" + user,
		"FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go build -o app example.com/app/cmd/x\n" + user,
	} {
		if got := checkIn(t, df, ctx); has(got, "DG821", 0) {
			t.Errorf("%q: DG821 fired: %v", df, got)
		}
	}
}

// checkIn lints a Dockerfile against a context of these files.
func checkIn(t *testing.T, df string, files map[string]string) []Finding {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	fs, err := Check(context.Background(), "Dockerfile", []byte(df), Options{Context: dir})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// The site build's output folder, as detection reads it from the
// project's config (static-210 lina: vue.config.js outputDir; static-212
// luna: angular.json outputPath dist/luna).
func TestCopyOfTheBuildOutput(t *testing.T) {
	vue := map[string]string{
		"package.json":      `{"name":"web","scripts":{"build":"vue-cli-service build"},"devDependencies":{"@vue/cli-service":"^5.0.0"}}`,
		"vue.config.js":     "module.exports = {\n  outputDir: 'web',\n}\n",
		"public/index.html": "<!doctype html><div id=app></div>\n",
		"src/main.js":       "import Vue from 'vue'\n",
	}
	nginx := func(build, src string) string {
		return "FROM node:24-slim AS " + build + "\nWORKDIR /app\nCOPY . .\nRUN npm run build\n" +
			"FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY --from=" + build + " " + src + " /usr/share/nginx/html/\n"
	}
	angular := map[string]string{
		"package.json":   `{"name":"luna","scripts":{"build":"ng build --configuration production"},"devDependencies":{"@angular/cli":"^17.0.0"}}`,
		"angular.json":   `{"projects":{"luna":{"projectType":"application","architect":{"build":{"builder":"@angular-devkit/build-angular:browser","options":{"outputPath":"dist/luna","index":"src/index.html"}}}}}}`,
		"src/index.html": "<!doctype html><app-root></app-root>\n",
	}
	runTwins(t, []twin{
		{name: "vue outputDir (static-210)", rule: "DG822", line: 6,
			fires: nginx("build", "/app/dist/"), quiet: nginx("build", "/app/web/"), ctxFire: vue},
		{name: "relative --from source is from the stage's root", rule: "DG822", line: 6,
			fires: nginx("site", "app/dist"), quiet: nginx("site", "app/web"), ctxFire: vue},
		{name: "angular outputPath below the copied folder (static-212)", rule: "DG108", line: 6,
			fires: nginx("build", "/app/dist/"), quiet: nginx("build", "/app/dist/luna/"), ctxFire: angular},
	})
	// A committed folder, or one the Dockerfile's own build names, is no
	// fault of the project's config; nor is a stage that builds nothing.
	for name, df := range map[string]string{
		"committed":       nginx("build", "/app/public/"),
		"no build":        "FROM node:24-slim AS build\nWORKDIR /app\nCOPY . .\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n" + user,
		"other image":     "FROM nginx:1.27\nCOPY --from=node:24 /app/dist /usr/share/nginx/html\n" + user,
		"unknown sources": "FROM node:24-slim AS build\nWORKDIR /app\nRUN git clone https://x/y . && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n" + user,
	} {
		if got := checkIn(t, df, vue); has(got, "DG822", 0) {
			t.Errorf("%s: DG822 fired: %v", name, got)
		}
	}
	// excalidraw (lint corpus): the Dockerfile builds a workspace member
	// (its own package.json, its own outDir) with another script.
	member := map[string]string{"app/package.json": `{"name":"app"}`}
	for k, v := range vue {
		member[k] = v
	}
	for name, df := range map[string]string{
		"a member's output": nginx("build", "/app/app/build"),
		"another script":    strings.Replace(nginx("build", "/app/dist"), "npm run build", "npm run build:docs", 1),
	} {
		if got := checkIn(t, df, member); has(got, "DG822", 0) {
			t.Errorf("%s: DG822 fired: %v", name, got)
		}
	}
}

// static-209 excalidraw-app: the web root is filled with the project's
// folder, whose index.html is Vite's template (a module script of .tsx).
func TestStaticRootSourcePage(t *testing.T) {
	page := func(script string) string {
		return "<!doctype html><html><body><div id=root></div><script type=\"module\" src=\"" + script + "\"></script></body></html>\n"
	}
	df := "FROM nginx:1.27\nCOPY . /usr/share/nginx/html/\n" + user
	runTwins(t, []twin{
		{name: "a TypeScript module", rule: "DG108", line: 2, fires: df, quiet: df,
			ctxFire: map[string]string{"index.html": page("index.tsx")},
			ctxQui:  map[string]string{"index.html": page("assets/index-3f2a.js")}},
		{name: "the folder of a project whose build writes dist/", rule: "DG108", line: 2, fires: df, quiet: df,
			ctxFire: map[string]string{"index.html": page("/src/main.js"), "src/main.js": "x",
				"package.json": `{"name":"web","scripts":{"build":"vite build"},"devDependencies":{"vite":"^5.0.0"}}`},
			ctxQui: map[string]string{"index.html": page("/src/main.js"), "src/main.js": "x"}},
		{name: "a built page copied over it", rule: "DG108", line: 5,
			fires:   "FROM node:24 AS build\nCOPY . /app\nRUN cd /app && npx vite build\nFROM nginx:1.27\nCOPY . /usr/share/nginx/html/\n" + user,
			quiet:   "FROM node:24 AS build\nCOPY . /app\nRUN cd /app && npx vite build\nFROM nginx:1.27\nCOPY . /usr/share/nginx/html/\nCOPY --from=build /app/dist/ /usr/share/nginx/html/\n" + user,
			ctxFire: map[string]string{"index.html": page("index.tsx")}},
	})
}

// node-121 blues-stack: the installs run before COPY . ., and no step
// runs prisma generate, so the image has no Prisma client.
func TestPrismaNotGenerated(t *testing.T) {
	pj := func(scripts string) map[string]string {
		return map[string]string{
			"package.json":         `{"name":"app","scripts":{` + scripts + `},"dependencies":{"@prisma/client":"^5.20.0"},"devDependencies":{"prisma":"^5.20.0"}}`,
			"prisma/schema.prisma": "generator client {\n  provider = \"prisma-client-js\"\n}\n",
			"server.js":            "x",
		}
	}
	build := func(step string) string {
		return "FROM node:24-slim AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\n" + step +
			"FROM node:24-slim\nWORKDIR /app\nCOPY --from=build /app ./\nUSER 1000\nCMD [\"npm\", \"start\"]\n"
	}
	plain := pj(`"build":"remix build","start":"node server.js","setup":"prisma generate && prisma migrate deploy"`)
	runTwins(t, []twin{
		{name: "no generate (node-121)", rule: "DG823", line: 5,
			fires: build("RUN npm run build\n"), quiet: build("RUN npx prisma generate && npm run build\n"), ctxFire: plain},
		{name: "the build script generates", rule: "DG823", line: 5,
			fires: build("RUN npm run build\n"), quiet: build("RUN npm run build\n"), ctxFire: plain,
			ctxQui: pj(`"build":"npm run gen && remix build","gen":"prisma generate","start":"node server.js"`)},
		{name: "a prebuild hook generates", rule: "DG823", line: 5,
			fires: build("RUN yarn build\n"), quiet: build("RUN yarn build\n"), ctxFire: plain,
			ctxQui: pj(`"prebuild":"prisma generate","build":"remix build","start":"node server.js"`)},
		{name: "the start script generates", rule: "DG823", line: 5,
			fires: build("RUN npm run build\n"), quiet: build("RUN npm run build\n"), ctxFire: plain,
			ctxQui: pj(`"build":"remix build","start":"prisma generate && node server.js"`)},
		{name: "an install after the schema is copied", rule: "DG823", line: 5,
			fires: build("RUN npm run build\n"), quiet: build("RUN npm ci && npm run build\n"), ctxFire: plain},
	})
	committed := pj(`"build":"remix build"`)
	committed["prisma/schema.prisma"] = "generator client {\n  provider = \"prisma-client-js\"\n  output = \"../src/generated/prisma\"\n}\n"
	committed["src/generated/prisma/index.js"] = "x"
	if got := checkIn(t, build("RUN npm run build\n"), committed); has(got, "DG823", 0) {
		t.Errorf("a committed client: DG823 fired: %v", got)
	}
}

// java-305 javalinstagram: maven-assembly-plugin makes the runnable
// jar-with-dependencies; the image took the plain jar beside it.
func TestJavaThinJar(t *testing.T) {
	pom := `<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>shop</artifactId><version>1.0</version>
<dependencies><dependency><groupId>io.javalin</groupId><artifactId>javalin</artifactId><version>6.1.3</version></dependency></dependencies>
<build><plugins><plugin><artifactId>maven-assembly-plugin</artifactId>
<configuration><descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs><archive><manifest><mainClass>x.Main</mainClass></manifest></archive></configuration>
<executions><execution><phase>package</phase><goals><goal>single</goal></goals></execution></executions>
</plugin></plugins></build></project>
`
	ctx := map[string]string{"pom.xml": pom, "src/main/java/x/Main.java": "package x;\npublic class Main { public static void main(String[] a) {} }\n"}
	build := func(jar string) string {
		return "FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /build\nCOPY . .\nRUN mvn -B package && cp target/" + jar + " /out/app.jar\n" +
			"FROM eclipse-temurin:21-jre\nCOPY --from=build /out/app.jar /app.jar\nUSER 10001\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n"
	}
	copyFrom := func(jar string) string {
		return "FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /build\nCOPY . .\nRUN mvn -B package\n" +
			"FROM eclipse-temurin:21-jre\nCOPY --from=build /build/target/" + jar + " /app.jar\nUSER 10001\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n"
	}
	runTwins(t, []twin{
		{name: "cp of the plain jar (java-305)", rule: "DG824", line: 4, ctxFire: ctx,
			fires: build("shop-1.0.jar"), quiet: build("shop-1.0-jar-with-dependencies.jar")},
		{name: "COPY --from of the plain jar", rule: "DG824", line: 6, ctxFire: ctx,
			fires: copyFrom("shop-1.0.jar"), quiet: copyFrom("shop-1.0-jar-with-dependencies.jar")},
		{name: "a glob is not judged", rule: "DG824", line: 6, ctxFire: ctx,
			fires: copyFrom("shop-1.0.jar"), quiet: copyFrom("*-with-dependencies.jar")},
	})
}

// java-302 jhipster-sample-app: JHipster builds production with -Pprod.
func TestJavaProfileMissing(t *testing.T) {
	ctx := map[string]string{
		".yo-rc.json": `{"generator-jhipster":{"baseName":"shop"}}`,
		"pom.xml": `<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>shop</artifactId><version>1.0</version>
<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent>
<profiles><profile><id>dev</id></profile><profile><id>prod</id></profile></profiles></project>
`,
	}
	active := map[string]string{".yo-rc.json": ctx[".yo-rc.json"],
		"pom.xml": strings.Replace(ctx["pom.xml"], "<id>prod</id>", "<id>prod</id><activation><activeByDefault>true</activeByDefault></activation>", 1)}
	df := func(build string) string {
		return "FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /build\nCOPY . .\nRUN " + build + "\n" +
			"FROM eclipse-temurin:21-jre\nCOPY --from=build /build/target/shop-1.0.jar /app.jar\nUSER 10001\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n"
	}
	runTwins(t, []twin{
		{name: "mvn package without -Pprod (java-302)", rule: "DG825", line: 4, ctxFire: ctx,
			fires: df("mvn -B -DskipTests package"), quiet: df("mvn -B -Pprod -DskipTests package")},
		{name: "profiles in a list", rule: "DG825", line: 4, ctxFire: ctx,
			fires: df("sh ./mvnw -Pdev,webapp verify"), quiet: df("sh ./mvnw --activate-profiles webapp,prod verify")},
		{name: "resolving dependencies builds nothing", rule: "DG825", line: 4, ctxFire: ctx,
			fires: df("mvn -B package"), quiet: df("mvn -B dependency:go-offline")},
		{name: "a prod profile active by default", rule: "DG825", line: 4, ctxFire: ctx, ctxQui: active,
			fires: df("mvn -B package"), quiet: df("mvn -B package")},
	})
}

// go-302 navidrome: the Makefile builds with -tags netgo,sqlite_fts5, and
// main.go uses buildtags.NETGO, declared only behind //go:build netgo.
func TestGoBuildTagsMissing(t *testing.T) {
	ctx := map[string]string{
		"go.mod":   "module example.com/app\n\ngo 1.24\n",
		"Makefile": "build:\n\tgo build -tags=netgo -o app .\n",
		"main.go": "package main\n\nimport \"example.com/app/conf/buildtags\"\n\n" +
			"// without -tags netgo: undefined: buildtags.OTHER\nfunc main() { _ = buildtags.NETGO }\n",
		"conf/buildtags/doc.go":   "// Package buildtags fails the build without the tags.\npackage buildtags\n",
		"conf/buildtags/netgo.go": "//go:build netgo\n\npackage buildtags\n\nvar NETGO = true\n\nvar OTHER = 1\n",
	}
	build := func(flags string) string {
		return "FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN go build " + flags + " -o /out/app .\n" +
			"FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT [\"/app\"]\n"
	}
	// A !netgo file declares the name too: the build works either way.
	both := map[string]string{"conf/buildtags/cgo.go": "//go:build !netgo\n\npackage buildtags\n\nvar NETGO = false\n"}
	for k, v := range ctx {
		if _, ok := both[k]; !ok {
			both[k] = v
		}
	}
	runTwins(t, []twin{
		{name: "tag left out (go-302)", rule: "DG826", line: 4, ctxFire: ctx,
			fires: build("-trimpath"), quiet: build("-trimpath -tags netgo")},
		{name: "a counterpart without the tag", rule: "DG826", line: 4, ctxFire: ctx, ctxQui: both,
			fires: build("-trimpath"), quiet: build("-trimpath")},
	})
}

// static-220 es6tutorial: ditto's config.js names README.md as the home
// page, and the .dockerignore dropped README*.
func TestDocsIgnored(t *testing.T) {
	site := func(ignore string) map[string]string {
		return map[string]string{
			".dockerignore": ignore, "README.md": "# Book\n", "index.html": "<script src=\"config.js\"></script>\n",
			"config.js": "var CONFIG = { index: \"README.md\" };\n",
		}
	}
	df := "FROM nginx:1.27\nCOPY . /usr/share/nginx/html/\n" + user
	plain := map[string]string{".dockerignore": "README*\n", "README.md": "# x\n", "index.html": "<h1>hi</h1>\n"}
	runTwins(t, []twin{
		{name: "README is the home page (static-220)", rule: "DG827", fires: df, quiet: df,
			ctxFire: site(".git\nREADME*\n"), ctxQui: site(".git\nREADME*\n!README.md\n")},
		{name: "a page that does not read it", rule: "DG827", fires: df, quiet: df,
			ctxFire: site("README*\n"), ctxQui: plain},
	})
}

// node-108 indie-stack: a Remix app (remix-serve ./build/index.js) served
// as static files by nginx.
func TestStaticServeOfServer(t *testing.T) {
	remix := map[string]string{
		"package.json": `{"name":"app","scripts":{"build":"remix build","start":"remix-serve ./build/index.js"},"dependencies":{"@remix-run/node":"^2.0.0","@remix-run/serve":"^2.0.0"}}`,
		"app/root.tsx": "export default function App() {}\n",
	}
	build := "FROM node:24-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm install && npm run build\n"
	runTwins(t, []twin{
		{name: "nginx of a Remix build (node-108)", rule: "DG828", line: 6, ctxFire: remix,
			fires: build + "FROM nginx:1.27\nCOPY --from=build /app/build/client /usr/share/nginx/html\n" + user,
			quiet: build + "FROM node:24-slim\nWORKDIR /app\nCOPY --from=build /app /app\n" + user + "CMD [\"npm\", \"start\"]\n"},
		{name: "a Vite site is no server", rule: "DG828", line: 6, ctxFire: remix,
			ctxQui: map[string]string{"package.json": `{"name":"app","scripts":{"build":"vite build"},"devDependencies":{"vite":"^5.0.0"}}`, "index.html": "<div id=app></div>\n"},
			fires:  build + "FROM nginx:1.27\nCOPY --from=build /app/build/client /usr/share/nginx/html\n" + user,
			quiet:  build + "FROM nginx:1.27\nCOPY --from=build /app/build/client /usr/share/nginx/html\n" + user},
	})
}

// npm-run-all's patterns are followed; task runners and start scripts
// lint cannot read leave DG823 quiet.
func TestPrismaGenerateThroughRunners(t *testing.T) {
	pj := func(scripts string) map[string]string {
		return map[string]string{
			"package.json":         `{"name":"app","scripts":{` + scripts + `},"dependencies":{"@prisma/client":"^5.20.0"},"devDependencies":{"prisma":"^5.20.0"}}`,
			"prisma/schema.prisma": "generator client {\n  provider = \"prisma-client-js\"\n}\n",
		}
	}
	df := func(tail string) string {
		return "FROM node:24-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\n" + user + tail
	}
	runTwins(t, []twin{
		{name: "run-s build:* (node-121's shape)", rule: "DG823", line: 5, fires: df(""), quiet: df(""),
			ctxFire: pj(`"build":"npm-run-all --sequential build:*","build:remix":"remix build"`),
			ctxQui:  pj(`"build":"npm-run-all --sequential build:*","build:db":"prisma generate","build:remix":"remix build"`)},
		{name: "turbo", rule: "DG823", line: 5, fires: df(""), quiet: df(""),
			ctxFire: pj(`"build":"remix build"`), ctxQui: pj(`"build":"turbo run build"`)},
		{name: "an entrypoint script", rule: "DG823", line: 5, ctxFire: pj(`"build":"remix build"`),
			fires: df("CMD [\"node\", \"server.js\"]\n"), quiet: df("ENTRYPOINT [\"./docker-entrypoint.sh\"]\n")},
	})
}

// react-native-website (corpus static-208), linted with the repository
// root as context: the stage copies the root and builds the root's
// package, not the site in website/, so what website's config writes
// says nothing about it.
func TestCopyOutputOfAnotherFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"package.json":              `{"name":"root","private":true,"workspaces":["website"]}`,
		"website/package.json":      `{"name":"web","scripts":{"build":"vue-cli-service build"},"devDependencies":{"@vue/cli-service":"^5.0.0"}}`,
		"website/vue.config.js":     "module.exports = {\n  outputDir: 'web',\n}\n",
		"website/public/index.html": "<!doctype html>\n",
	})
	df := "FROM node:24-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n" + user
	check := func(copySrc string) []Finding {
		fs, err := Check(context.Background(), "Dockerfile", []byte(strings.Replace(df, "COPY . .", copySrc, 1)),
			Options{Context: dir, Dockerfile: dir + "/website/Dockerfile"})
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}
	if got := check("COPY . ."); has(got, "DG822", 0) {
		t.Errorf("the root's build: DG822 fired: %v", got)
	}
	if got := check("COPY website/ ."); !has(got, "DG822", 6) {
		t.Errorf("the site's build: no DG822: %v", got)
	}
}
