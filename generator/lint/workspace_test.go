package lint

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// treeTwin is a bad/good pair on a repository tree: the bad run lints
// Dockerfile with the context ctx (a folder of the tree), the good one
// with ctxQuiet, the Dockerfile at dockerfile (a path in the tree).
type treeTwin struct {
	name, rule    string
	line          int
	tree          map[string]string // the repository (a .git folder is added at its top)
	fires, quiet  string            // Dockerfiles
	ctx, ctxQuiet string            // contexts, relative to the tree
	dockerfile    string            // where the Dockerfile sits (relative to the tree)
	treeQuiet     map[string]string // the good twin's tree (nil: tree)
}

func runTreeTwins(t *testing.T, cases []treeTwin) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			check := func(df string, tree map[string]string, ctx string) []Finding {
				t.Helper()
				dir := t.TempDir()
				writeFiles(t, dir, tree)
				if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
					t.Fatal(err)
				}
				dfPath := filepath.Join(dir, filepath.FromSlash(c.dockerfile))
				writeFiles(t, dir, map[string]string{c.dockerfile: df})
				fs, err := Check(context.Background(), "Dockerfile", []byte(df), Options{Context: filepath.Join(dir, filepath.FromSlash(ctx)), Dockerfile: dfPath})
				if err != nil {
					t.Fatal(err)
				}
				return fs
			}
			qtree := c.treeQuiet
			if qtree == nil {
				qtree = c.tree
			}
			if got := check(c.fires, c.tree, c.ctx); !has(got, c.rule, c.line) {
				t.Errorf("bad: no %s at line %d in %v", c.rule, c.line, got)
			}
			if got := check(c.quiet, qtree, c.ctxQuiet); has(got, c.rule, 0) {
				t.Errorf("good twin: %s fired: %v", c.rule, got)
			}
		})
	}
}

// DG811: a workspace member built from its own folder cannot reach the
// workspace root (documenso apps/remix, hedgedoc backend, mall
// mall-admin, halo application in the failing corpus rows).
func TestWorkspaceRootOutsideContext(t *testing.T) {
	nodeTree := map[string]string{
		"package.json":             `{"name":"mono","private":true,"workspaces":["apps/*","packages/*"]}`,
		"package-lock.json":        `{"lockfileVersion":3}`,
		"packages/ui/package.json": `{"name":"@acme/ui","version":"1.0.0","main":"index.js"}`,
		"packages/ui/index.js":     "module.exports = 1\n",
		"apps/web/package.json":    `{"name":"@acme/web","scripts":{"start":"node server.js"},"dependencies":{"@acme/ui":"*","express":"^4.19.0"}}`,
		"apps/web/server.js":       "require('express')().listen(3000)\n",
	}
	memberDF := "FROM node:24-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nUSER 1000\nCMD [\"node\", \"server.js\"]\n"
	rootDF := "FROM node:24-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER 1000\nCMD [\"node\", \"apps/web/server.js\"]\n"
	mavenTree := map[string]string{
		"pom.xml":                      "<project><groupId>a</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging><modules><module>common</module><module>app</module></modules></project>",
		"common/pom.xml":               "<project><parent><groupId>a</groupId><artifactId>parent</artifactId><version>1</version></parent><artifactId>common</artifactId></project>",
		"app/pom.xml":                  "<project><parent><groupId>a</groupId><artifactId>parent</artifactId><version>1</version></parent><artifactId>app</artifactId><dependencies><dependency><groupId>a</groupId><artifactId>common</artifactId><version>1</version></dependency></dependencies><build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>",
		"app/src/main/java/a/App.java": "package a;\npublic class App { public static void main(String[] a) {} }\n",
	}
	mvnDF := "FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /build\nCOPY pom.xml ./\nRUN mvn -B dependency:go-offline\nCOPY . .\nRUN mvn -B package\nFROM eclipse-temurin:21-jre\nCOPY --from=build /build/target/app.jar /app.jar\nUSER 1000\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n"
	jarOnly := "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nUSER 1000\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n"
	gradleTree := map[string]string{
		"settings.gradle":                      "rootProject.name = 'halo'\ninclude 'api', 'application'\n",
		"gradle/libs.versions.toml":            "[versions]\nspring = \"3.3.0\"\n",
		"api/build.gradle":                     "plugins { id 'java-library' }\n",
		"application/build.gradle":             "plugins { id 'org.springframework.boot' version '3.3.0'\n id 'java' }\ndependencies { implementation project(':api') }\n",
		"application/src/main/java/a/App.java": "package a;\npublic class App { public static void main(String[] a) {} }\n",
	}
	gradleDF := "FROM gradle:8.10-jdk21 AS build\nWORKDIR /build\nCOPY . .\nRUN gradle --no-daemon build -x test\nFROM eclipse-temurin:21-jre\nCOPY --from=build /build/build/libs/app.jar /app.jar\nUSER 1000\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n"
	runTreeTwins(t, []treeTwin{
		{name: "node workspace member alone", rule: "DG811", line: 4, tree: nodeTree,
			fires: memberDF, ctx: "apps/web", dockerfile: "apps/web/Dockerfile",
			quiet: rootDF, ctxQuiet: "."},
		{name: "maven module without its parent", rule: "DG811", line: 4, tree: mavenTree,
			fires: mvnDF, ctx: "app", dockerfile: "app/Dockerfile",
			quiet: mvnDF, ctxQuiet: "."},
		{name: "a prebuilt jar needs no reactor", rule: "DG811", line: 4, tree: mavenTree,
			fires: mvnDF, ctx: "app", dockerfile: "app/Dockerfile",
			quiet: jarOnly, ctxQuiet: "app"},
		{name: "gradle subproject without settings", rule: "DG811", line: 4, tree: gradleTree,
			fires: gradleDF, ctx: "application", dockerfile: "application/Dockerfile",
			quiet: gradleDF, ctxQuiet: "."},
	})
}

// The context may be given relative to the working directory (dockgen
// lint --context . apps/web/Dockerfile, the corpus tool's call): the
// project's folder is still found inside it, so the workspace root, the
// context itself, is no finding (fastapi's backend/Dockerfile in the lint
// corpus fired before).
func TestWorkspaceRootRelativeContext(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"pyproject.toml":         "[tool.uv.workspace]\nmembers = [\"backend\"]\n",
		"uv.lock":                "version = 1\n",
		"backend/pyproject.toml": "[project]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"fastapi\"]\n",
		"backend/app/main.py":    "from fastapi import FastAPI\napp = FastAPI()\n",
	})
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	df := "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN pip install uv && uv sync --frozen\nUSER 1000\nCMD [\"fastapi\", \"run\", \"backend/app/main.py\"]\n"
	writeFiles(t, dir, map[string]string{"backend/Dockerfile": df})
	t.Chdir(dir)
	fs, err := Check(context.Background(), "backend/Dockerfile", []byte(df), Options{Context: ".", Dockerfile: "backend/Dockerfile"})
	if err != nil {
		t.Fatal(err)
	}
	if has(fs, "DG811", 0) {
		t.Errorf("DG811 on a context that holds the workspace root: %v", fs)
	}
	fs, err = Check(context.Background(), "Dockerfile", []byte(df), Options{Context: "backend", Dockerfile: "backend/Dockerfile"})
	if err != nil {
		t.Fatal(err)
	}
	if !has(fs, "DG811", 4) {
		t.Errorf("no DG811 for the member's own folder as the context: %v", fs)
	}
}

// DG811 points at the install of the project's own kind: a Python
// member's Dockerfile that also builds a frontend with bun (fastapi's
// backend/Dockerfile) is flagged at uv sync; one that only builds the
// frontend reads nothing of the Python workspace.
func TestWorkspaceRootInstallOfTheKind(t *testing.T) {
	tree := map[string]string{
		"pyproject.toml":         "[tool.uv.workspace]\nmembers = [\"backend\"]\n",
		"uv.lock":                "version = 1\n",
		"backend/pyproject.toml": "[project]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"fastapi\"]\n",
		"backend/app/main.py":    "from fastapi import FastAPI\napp = FastAPI()\n",
	}
	front := "FROM oven/bun:1 AS ui\nWORKDIR /ui\nRUN bun install\n"
	both := front + "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen\nUSER 1000\nCMD [\"fastapi\", \"run\", \"app/main.py\"]\n"
	runTreeTwins(t, []treeTwin{{name: "uv sync after a bun stage", rule: "DG811", line: 7, tree: tree,
		fires: both, ctx: "backend", dockerfile: "backend/Dockerfile",
		quiet: front + "FROM nginx:1.27\nCOPY --from=ui /ui/dist /usr/share/nginx/html\nUSER 101\n", ctxQuiet: "backend"}})
}
