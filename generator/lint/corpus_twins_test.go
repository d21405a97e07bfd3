package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// False positives found on the lint corpus (make lint-corpus,
// examples/corpus/lint-corpus.tsv), and misses on generated Dockerfiles
// that fail to build, each by its cause: the bad twin is the shape that
// must fire, the good twin the real case.
func TestLintCorpusFalsePositives(t *testing.T) {
	runTwins(t, []twin{
		// ChatGPTNextWeb/NextChat: ENV OPENAI_API_KEY="" is a placeholder.
		{name: "empty ENV is no secret", rule: "DG302", line: 2,
			fires: "FROM alpine:3.20\nENV OPENAI_API_KEY=sk-123\n" + user,
			quiet: "FROM alpine:3.20\nENV OPENAI_API_KEY=\"\"\n" + user},
		// NarHakobyan/awesome-nest-boilerplate: the ARN names a secret, it is none.
		{name: "ARN of a secret", rule: "DG302", line: 2,
			fires: "FROM alpine:3.20\nARG secret_manager_key\n" + user,
			quiet: "FROM alpine:3.20\nARG secret_manager_arn\n" + user},
		// getredash/redash: an .npmrc of settings only.
		{name: "npmrc without auth", rule: "DG304", line: 2,
			fires: "FROM node:24-slim\nCOPY .npmrc package.json ./\n" + user, ctxFire: map[string]string{".npmrc": "//registry.npmjs.org/:_authToken=npm_abc\n", "package.json": "{}"},
			quiet: "FROM node:24-slim\nCOPY .npmrc package.json ./\n" + user, ctxQui: map[string]string{".npmrc": "engine-strict=true\nauto-install-peers=true\n", "package.json": "{}"}},
		// huggingface/chat-ui: a committed .env of empty placeholders.
		{name: "env of placeholders", rule: "DG304", line: 2,
			fires: "FROM node:24-slim\nCOPY .env /app/.env\n" + user, ctxFire: map[string]string{".env": "MONGODB_DB_NAME=chat-ui\nOPENAI_API_KEY=sk-live-1\n"},
			quiet: "FROM node:24-slim\nCOPY .env /app/.env\n" + user, ctxQui: map[string]string{".env": "# Use .env.local for secrets\nMONGODB_DB_NAME=chat-ui\nOPENAI_API_KEY=#your provider API key\nHF_TOKEN=\nUSE_USER_TOKEN=false\n"}},
		{name: "env with a password in a URL", rule: "DG304", line: 2,
			fires: "FROM node:24-slim\nCOPY .env /app/.env\n" + user, ctxFire: map[string]string{".env": "MONGODB_URL=mongodb://app:s3cret@db/app\n"},
			quiet: "FROM node:24-slim\nCOPY .env /app/.env\n" + user, ctxQui: map[string]string{".env": "MONGODB_URL=mongodb://db/app\n"}},
		// macrozheng/mall(-tiny): ADD of the jar mvn package makes.
		{name: "versioned jar is a build output", rule: "DG101", line: 2,
			fires: "FROM eclipse-temurin:21-jre\nADD app.jar /app.jar\n" + user, ctxFire: map[string]string{"README.md": "x"},
			quiet: "FROM eclipse-temurin:21-jre\nADD mall-tiny-1.0.0-SNAPSHOT.jar /app.jar\n" + user},
		{name: "jar is DG106", rule: "DG106", line: 2,
			fires: "FROM eclipse-temurin:21-jre\nADD mall-tiny-1.0.0-SNAPSHOT.jar /app.jar\n" + user, ctxFire: map[string]string{"README.md": "x"},
			quiet: "FROM eclipse-temurin:21-jre\nADD app.conf /app.conf\n" + user, ctxQui: map[string]string{"app.conf": "x"}},
		// binwiederhier/ntfy: goreleaser puts the binary into the context.
		{name: "goreleaser binary", rule: "DG101", line: 2,
			fires: "FROM alpine:3.20\nCOPY ntfy /usr/bin\n" + user, ctxFire: map[string]string{".goreleaser.yml": "builds:\n  - id: linux\n    binary: other\ndockers:\n  - dockerfile: Dockerfile\n"},
			quiet: "FROM alpine:3.20\nCOPY ntfy /usr/bin\n" + user, ctxQui: map[string]string{".goreleaser.yml": "builds:\n  - id: linux\n    binary: ntfy\ndockers:\n  - dockerfile: Dockerfile\n"}},
		// Dokploy/dokploy: CI creates .env.production from its .example.
		{name: "made from an example", rule: "DG101", line: 2,
			fires: "FROM node:24-slim\nCOPY .env.production ./.env\n" + user, ctxFire: map[string]string{"apps/web/.env.example": "x"},
			quiet: "FROM node:24-slim\nCOPY .env.production ./.env\n" + user, ctxQui: map[string]string{"apps/web/.env.production.example": "x"}},
		// huggingface/chat-ui: FROM local_db_${INCLUDE_DB} is a stage.
		{name: "stage named through an ARG: DG201", rule: "DG201", line: 5,
			fires: "ARG INCLUDE_DB=false\nFROM node:24-slim AS base\nFROM base AS local_db_false\nFROM base AS local_db_true\nFROM local_db_${INCLUDE_DB} AS final\n",
			quiet: "ARG INCLUDE_DB=false\nFROM node:24-slim AS base\nUSER 1000\nFROM base AS local_db_false\nFROM base AS local_db_true\nFROM local_db_${INCLUDE_DB} AS final\n"},
		{name: "stage named through an ARG: DG301", rule: "DG301", line: 3,
			fires: "ARG INCLUDE_DB=false\nFROM node:24-slim AS local_db_true\nFROM local_${INCLUDE_DB}\n" + user,
			quiet: "ARG INCLUDE_DB=false\nFROM node:24-slim AS local_db_false\nFROM local_db_${INCLUDE_DB}\n" + user},
		// ollama/ollama, gotify/server: a default naming another variable.
		{name: "default names a variable", rule: "DG301", line: 2,
			fires: "ARG FLAVOR=ubuntu\nFROM ${FLAVOR}\n" + user,
			quiet: "ARG FLAVOR=${TARGETARCH}\nFROM ${FLAVOR}\n" + user},
		// getredash/redash, navidrome, nestjs-prisma-starter: what the
		// scripts need is copied before the install.
		{name: "script inputs copied first", rule: "DG107", line: 4,
			fires:   "FROM node:24-slim\nWORKDIR /app\nCOPY package.json package-lock.json .npmrc ./\nRUN npm ci\nCOPY . .\n" + user,
			ctxFire: map[string]string{"package.json": `{"scripts":{"postinstall":"prisma generate"}}`, "package-lock.json": "{}", ".npmrc": "x", "prisma/schema.prisma": "x"},
			quiet:   "FROM node:24-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY prisma ./prisma/\nRUN npm ci\nCOPY . .\n" + user},
		// getredash/redash, uptime-kuma, astrowind: an .npmrc of settings;
		// jumpserver/lina: .env.staging of public values, and an .example.
		{name: "npmrc of settings is no leak", rule: "DG103",
			fires: "FROM alpine:3.20\n" + user, ctxFire: map[string]string{".dockerignore": ".git\n", ".npmrc": "//npm.pkg.github.com/:_authToken=ghp_x\n"},
			quiet: "FROM alpine:3.20\n" + user, ctxQui: map[string]string{".dockerignore": ".git\n", ".npmrc": "engine-strict=true\nauto-install-peers=true\n"}},
		{name: "env of public values is no leak", rule: "DG103",
			fires: "FROM alpine:3.20\n" + user, ctxFire: map[string]string{".dockerignore": ".git\n", ".env.staging": "DB_PASSWORD=hunter2\n"},
			quiet: "FROM alpine:3.20\n" + user, ctxQui: map[string]string{".dockerignore": ".git\n", ".env.staging": "VUE_APP_BASE_API = '/stage-api'\nENV = 'staging'\n", ".env.development.example": "DB_PASSWORD=changeme\n"}},
		// graalvm/graalvm-demos: mvn --version is no install.
		{name: "version query", rule: "DG401", line: 2,
			fires: "FROM maven:3.9-eclipse-temurin-21\nRUN mvn -B package\n" + user,
			quiet: "FROM maven:3.9-eclipse-temurin-21\nRUN echo maven; mvn --version; echo; gradle --version\n" + user},
		// react-native-website, excalidraw: a workspace member's build run
		// from the root (yarn --cwd website run build) is no install; yarn
		// --cwd app install and bare yarn with flags are.
		{name: "yarn --cwd run is no install", rule: "DG401", line: 2,
			fires: "FROM node:24-slim\nRUN yarn --cwd website install --frozen-lockfile\nRUN yarn --frozen-lockfile\n" + user,
			quiet: "FROM node:24-slim\nRUN yarn --cwd website run build\n" + user},
		// paperless-ngx/paperless-ngx: | in a case pattern is no pipe.
		{name: "case patterns", rule: "DG707", line: 2,
			fires: "FROM alpine:3.20\nRUN case \"$TAG\" in dev|beta) wget -qO- https://x/t.tgz | tar xz ;; esac\n" + user,
			quiet: "FROM alpine:3.20\nRUN case \"$TAG\" in dev|beta|fix*) sed -i s/a/b/ f ;; esac\n" + user},
		// google/docsy-example: floryn90/hugo:ext-alpine ends in USER hugo,
		// so its own final stage is not root, and apk add in it fails.
		{name: "hugo image runs as hugo", rule: "DG201", line: 1,
			fires: "FROM klakegg/hugo:ext-alpine\nRUN git config --global --add safe.directory /src\n",
			quiet: "FROM floryn90/hugo:ext-alpine\nRUN git config --global --add safe.directory /src\n"},
		{name: "package install on a non-root image", rule: "DG713", line: 2,
			fires: "FROM floryn90/hugo:ext-alpine\nRUN apk add git\n",
			quiet: "FROM floryn90/hugo:ext-alpine\nUSER root\nRUN apk add git\nUSER hugo\n"},
		// A generated Yarn 3 Dockerfile copies .yarn/releases before the
		// install: Yarn's own files, not what the scripts need.
		{name: "yarn releases are install input", rule: "DG107", line: 4,
			fires:   "FROM node:24-slim\nCOPY package.json yarn.lock .yarnrc.yml ./\nCOPY .yarn/releases ./.yarn/releases\nRUN yarn install --immutable\nCOPY . .\n" + user,
			ctxFire: map[string]string{"package.json": `{"scripts":{"postinstall":"patch-package"}}`, "yarn.lock": "", ".yarnrc.yml": "", ".yarn/releases/yarn.cjs": "", "patches/x.patch": ""},
			quiet:   "FROM node:24-slim\nCOPY package.json yarn.lock .yarnrc.yml ./\nCOPY .yarn/releases ./.yarn/releases\nCOPY patches ./patches\nRUN yarn install --immutable\nCOPY . .\n" + user},
		// gotify/server (generated): "go build" does not make ui/build/.
		{name: "go build makes no build folder", rule: "DG607",
			fires:   "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n" + user,
			ctxFire: map[string]string{"go.mod": "module x\n\ngo 1.24\n", "main.go": "package main\nfunc main() {}\n", "ui/serve.go": "package ui\n\nimport \"embed\"\n\n//go:embed build/*\nvar box embed.FS\n"},
			quiet:   "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN cd ui && yarn && yarn build\nRUN go build -o /out/app .\n" + user},
		// flipt-io/flipt Dockerfile.dev: only go mod download, and
		// ui/embed.go is behind //go:build assets.
		{name: "no go build", rule: "DG607",
			fires:   "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go mod download && go build -o /out/app .\n" + user,
			ctxFire: map[string]string{"go.mod": "module x\n\ngo 1.24\n", "ui/embed.go": "package ui\n\nimport \"embed\"\n\n//go:embed dist/*\nvar ui embed.FS\n"},
			quiet:   "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go mod download\n" + user},
		{name: "embed behind a build tag", rule: "DG607",
			fires:   "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go build -tags assets -o /out/app .\n" + user,
			ctxFire: map[string]string{"go.mod": "module x\n\ngo 1.24\n", "ui/embed.go": "//go:build assets\n\npackage ui\n\nimport \"embed\"\n\n//go:embed dist/*\nvar ui embed.FS\n"},
			quiet:   "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n" + user},
		// gatsby-starter-blog, astrowind, eleventy-base-blog (generated):
		// npm start is the development server.
		{name: "npm start runs a dev server", rule: "DG206", line: 4,
			fires:   "FROM node:24-slim\nWORKDIR /app\nCOPY . .\nCMD [\"npm\", \"start\"]\n" + user,
			ctxFire: map[string]string{"package.json": `{"scripts":{"start":"astro dev","build":"astro build"}}`},
			quiet:   "FROM node:24-slim\nWORKDIR /app\nCOPY . .\nCMD [\"npm\", \"start\"]\n" + user,
			ctxQui:  map[string]string{"package.json": `{"scripts":{"start":"node server.js","dev":"vite"}}`}},
		{name: "dev server in CMD", rule: "DG206", line: 3,
			fires: "FROM node:24-slim\nWORKDIR /app\nCMD [\"npx\", \"gatsby\", \"develop\"]\n" + user,
			quiet: "FROM node:24-slim\nWORKDIR /app\nCMD [\"npx\", \"gatsby\", \"serve\"]\n" + user},
	})
}

// java-319 (generated): mvnw is committed without its executable bit.
func TestScriptNotExecutable(t *testing.T) {
	df := "FROM eclipse-temurin:21-jdk\nWORKDIR /app\nCOPY mvnw pom.xml ./\nCOPY .mvn .mvn\nRUN ./mvnw -B dependency:go-offline\n" + user
	ctx := func(mode os.FileMode) map[string]string {
		return map[string]string{"pom.xml": "<project/>", ".mvn/wrapper/maven-wrapper.properties": "x"}
	}
	for _, c := range []struct {
		name  string
		mode  os.FileMode
		df    string
		fires bool
	}{
		{"0644", 0o644, df, true},
		{"0755", 0o755, df, false},
		{"COPY --chmod", 0o644, strings.Replace(df, "COPY mvnw", "COPY --chmod=755 mvnw", 1), false},
		{"sh ./mvnw", 0o644, strings.Replace(df, "RUN ./mvnw", "RUN sh ./mvnw", 1), false},
	} {
		dir := t.TempDir()
		writeFiles(t, dir, ctx(c.mode))
		if err := os.WriteFile(filepath.Join(dir, "mvnw"), []byte("#!/bin/sh\n"), c.mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(dir, "mvnw"), c.mode); err != nil {
			t.Fatal(err)
		}
		fs, err := Check(context.Background(), "Dockerfile", []byte(c.df), Options{Context: dir})
		if err != nil {
			t.Fatal(err)
		}
		if got := has(fs, "DG109", 5); got != c.fires {
			t.Errorf("%s: DG109 at line 5 = %v, want %v: %v", c.name, got, c.fires, fs)
		}
	}
}

// frp (generated): the embedding file comes after 200 other Go files.
func TestGoEmbedFoundInALargeModule(t *testing.T) {
	files := map[string]string{"go.mod": "module x\n\ngo 1.24\n", "web/frpc/embed.go": "package frpc\n\nimport \"embed\"\n\n//go:embed dist\nvar content embed.FS\n"}
	for i := range maxEmbedReads + 50 {
		files[fmt.Sprintf("pkg/p%03d/f.go", i)] = "package p\n"
	}
	runTwins(t, []twin{{name: "embed after the read budget", rule: "DG607",
		fires: "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/frpc ./cmd/frpc\n" + user, ctxFire: files,
		quiet: "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN cd web/frpc && npm ci && npm run build -- --outDir dist\nRUN go build -o /out/frpc ./cmd/frpc\n" + user}})
}
