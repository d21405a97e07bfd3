package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each rule fires on its bad Dockerfile at the given line and stays quiet
// on the good twin.
func TestRules(t *testing.T) {
	ctxFiles := map[string]string{"settings.xml": "<settings><servers><server><password>x</password></server></servers></settings>\n", "pom.xml": "<project/>\n", "go.mod": "module x\n\nrequire github.com/google/uuid v1.6.0\n", "main.go": "package main\n", ".npmrc": "//registry/:_authToken=x\n", "package.json": "{}\n", ".dockerignore": "secret.txt\n", "secret.txt": "x\n"}
	cases := []struct {
		rule      string
		line      int
		bad, good string
	}{
		{"DG101", 2, "FROM alpine:3.20\nCOPY missing.txt /x\nUSER 1000\n", "FROM alpine:3.20\nCOPY go.mod /x\nUSER 1000\n"},
		{"DG102", 2, "FROM alpine:3.20\nCOPY secret.txt /x\nUSER 1000\n", "FROM alpine:3.20\nCOPY main.go /x\nUSER 1000\n"},
		{"DG104", 3, "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=biuld /x /x\nUSER 1000\n", "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /x /x\nCOPY --from=busybox:1.36 /bin/sh /sh\nUSER 1000\n"},
		{"DG204", 1, "FROM alpine:3.20\nUSER 1000\nCMD [\"serve\"]\n", "FROM alpine:3.20\nUSER 1000\nEXPOSE 8080\nCMD [\"serve\"]\n"},
		{"DG201", 1, "FROM alpine:3.20\nRUN true\n", "FROM alpine:3.20\nRUN true\nUSER 10001:10001\n"},
		{"DG201", 3, "FROM alpine:3.20\nRUN true\nUSER root\n", "FROM alpine:3.20\nUSER 0\nRUN true\nUSER 1000\n"},
		{"DG202", 2, "FROM alpine:3.20\nUSER app\n", "FROM alpine:3.20\nUSER 1000:1000\n"},
		{"DG203", 1, "FROM golang:1.22\nUSER 1000\n", "FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian13:nonroot\n"},
		{"DG301", 1, "FROM alpine\nUSER 1000\n", "FROM alpine:3.20\nUSER 1000\n"},
		{"DG301", 2, "ARG V=latest\nFROM alpine:${V}\nUSER 1000\n", "ARG V=3.20\nFROM alpine:${V}\nUSER 1000\n"},
		{"DG301", 2, "ARG V=\"latest\"\nFROM alpine:${V}\nUSER 1000\n", "ARG V=\"3.20\"\nFROM alpine:${V}\nUSER 1000\n"},
		{"DG302", 2, "FROM alpine:3.20\nARG NPM_TOKEN\nUSER 1000\n", "FROM alpine:3.20\nARG NPM_REGISTRY_URL\nUSER 1000\n"},
		{"DG302", 2, "FROM alpine:3.20\nENV DB_PASSWORD=x\nUSER 1000\n", "FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db\nUSER 1000\n"},
		{"DG303", 2, "FROM alpine:3.20\nRUN curl -fsSL https://x.example/i.sh | sh\nUSER 1000\n", "FROM alpine:3.20\nRUN curl -fsSLo /tmp/i.sh https://x.example/i.sh\nUSER 1000\n"},
		{"DG304", 2, "FROM maven:3-eclipse-temurin-21 AS b\nCOPY settings.xml /root/.m2/\nFROM scratch\nUSER 1000\n", "FROM maven:3-eclipse-temurin-21 AS b\nCOPY pom.xml ./\nFROM scratch\nUSER 1000\n"},
		{"DG304", 2, "FROM node:24-slim\nCOPY .npmrc package.json ./\nRUN --mount=type=cache,target=/root/.npm npm ci\nUSER 1000\n", "FROM node:24-slim\nCOPY package.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=cache,target=/root/.npm npm ci\nUSER 1000\n"},
		{"DG401", 3, "FROM golang:1.22 AS build\nCOPY go.mod ./\nRUN go mod download\nFROM scratch\nUSER 1000\n", "FROM golang:1.22 AS build\nCOPY go.mod ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nFROM scratch\nUSER 1000\n"},
		{"DG402", 3, "FROM node:24-slim\nCOPY . .\nRUN --mount=type=cache,target=/root/.npm npm ci\nUSER 1000\n", "FROM node:24-slim\nCOPY package.json ./\nRUN --mount=type=cache,target=/root/.npm npm ci\nCOPY . .\nUSER 1000\n"},
		{"DG501", 2, "FROM alpine:3.20\nRUN <<EOF\ntrue\nEOF\nUSER 1000\n", "FROM alpine:3.20\nRUN true\nUSER 1000\n"},
		{"DG502", 2, "FROM alpine:3.20\nCOPY --link go.mod /x\nUSER 1000\n", "FROM alpine:3.20\nCOPY go.mod /x\nUSER 1000\n"},
		{"DG503", 2, "FROM alpine:3.20\nRUN --network=none true\nUSER 1000\n", "FROM alpine:3.20\nRUN true\nUSER 1000\n"},
		{"DG504", 2, "FROM alpine:3.20\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://x.example/a /a\nUSER 1000\n", "FROM alpine:3.20\nADD https://x.example/a /a\nUSER 1000\n"},
		{"DG505", 2, "FROM alpine:3.20\nCOPY --exclude=*.md . /x\nUSER 1000\n", "FROM alpine:3.20\nCOPY . /x\nUSER 1000\n"},
		{"DG601", 2, "FROM golang:1.22 AS b\nENV GOSUMDB=off\nFROM scratch\nUSER 1000\n", "FROM golang:1.22 AS b\nENV GOSUMDB=sum.golang.google.cn\nFROM scratch\nUSER 1000\n"},
		{"DG601", 2, "FROM golang:1.22 AS b\nRUN --mount=type=cache,target=/go/pkg/mod GOFLAGS=-insecure go mod download\nFROM scratch\nUSER 1000\n", "FROM golang:1.22 AS b\nRUN --mount=type=cache,target=/go/pkg/mod GOPRIVATE=git.corp.example go mod download\nFROM scratch\nUSER 1000\n"},
	}
	dir := t.TempDir()
	for name, body := range ctxFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			bad, err := Check(context.Background(), "Dockerfile", []byte(c.bad), Options{Context: dir})
			if err != nil {
				t.Fatal(err)
			}
			if !has(bad, c.rule, c.line) {
				t.Errorf("bad: no %s at line %d in %v", c.rule, c.line, bad)
			}
			good, err := Check(context.Background(), "Dockerfile", []byte(c.good), Options{Context: dir})
			if err != nil {
				t.Fatal(err)
			}
			if has(good, c.rule, 0) {
				t.Errorf("good twin: %s fired: %v", c.rule, good)
			}
		})
	}
}

func has(fs []Finding, rule string, line int) bool {
	for _, f := range fs {
		if f.Rule == rule && (line == 0 || f.Line == line) {
			return true
		}
	}
	return false
}

func TestIgnoreCommentsAndOption(t *testing.T) {
	df := "FROM alpine\n# dockgen:ignore DG201\nRUN true\n"
	got, err := Check(context.Background(), "Dockerfile", []byte("# dockgen:ignore DG301\n"+df), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if has(got, "DG301", 0) {
		t.Errorf("ignore comment did not apply: %v", got)
	}
	got, _ = Check(context.Background(), "Dockerfile", []byte(df), Options{Ignore: []string{"DG301", "DG201"}})
	if has(got, "DG301", 0) || has(got, "DG201", 0) {
		t.Errorf("--ignore did not apply: %v", got)
	}
}

func TestDockerignoreLeaks(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{".git", "node_modules"} {
		if err := os.Mkdir(filepath.Join(dir, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "server.key"), []byte("k"), 0o600); err != nil {
		t.Fatal(err)
	}
	df := []byte("FROM alpine:3.20\nUSER 1000\n")
	got, _ := Check(context.Background(), "Dockerfile", df, Options{Context: dir})
	if n := count(got, "DG103"); n != 3 {
		t.Errorf("want 3 DG103 (.git, node_modules, server.key), got %v", got)
	}
	if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte(".git\nnode_modules\n*.key\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ = Check(context.Background(), "Dockerfile", df, Options{Context: dir})
	if count(got, "DG103") != 0 {
		t.Errorf("excluded paths still flagged: %v", got)
	}
}

func count(fs []Finding, rule string) int {
	n := 0
	for _, f := range fs {
		if f.Rule == rule {
			n++
		}
	}
	return n
}

func TestRuleIDsAreUniqueAndDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] || r.Why == "" || r.Fix == "" || r.Name == "" || !strings.HasPrefix(r.ID, "DG") {
			t.Errorf("rule %+v: duplicate or undocumented", r)
		}
		seen[r.ID] = true
	}
}

func TestGoModuleSourceRules(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/app\n\ngo 1.22\n\nrequire (\n\tgit.corp.example/team/lib v1.0.0\n\tgithub.com/google/uuid v1.6.0\n)\n")
	write("go.sum", "")
	check := func(df string) []Finding {
		t.Helper()
		fs, err := Check(context.Background(), "Dockerfile", []byte(df), Options{Context: dir})
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}
	tail := "FROM gcr.io/distroless/static-debian13:nonroot\n"
	bad := check("FROM golang:1.22 AS build\nCOPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n" + tail)
	if !has(bad, "DG602", 3) || !has(bad, "DG603", 3) {
		t.Errorf("private module without GOPRIVATE or ssh: %v", bad)
	}
	good := check("FROM golang:1.22 AS build\nENV GOPRIVATE=git.corp.example/team\nCOPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=ssh go mod download\n" + tail)
	if has(good, "DG602", 0) || has(good, "DG603", 0) {
		t.Errorf("configured private module flagged: %v", good)
	}
	early := check("FROM golang:1.22 AS build\nRUN --mount=type=cache,target=/go/pkg/mod GOPRIVATE=git.corp.example --mount=type=ssh go mod download\nCOPY . .\n" + tail)
	if !has(early, "DG604", 2) {
		t.Errorf("download before go.mod: %v", early)
	}
	bound := check("FROM golang:1.22 AS build\nENV GOPRIVATE=git.corp.example\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=ssh --mount=type=bind,source=go.mod,target=/src/go.mod go mod download\n" + tail)
	if has(bound, "DG604", 0) {
		t.Errorf("bind-mounted go.mod flagged: %v", bound)
	}

	write("vendor/modules.txt", "# git.corp.example/team/lib v1.0.0\n")
	write(".dockerignore", "vendor\n")
	vend := check("FROM golang:1.22 AS build\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/go-build go build -mod=mod -o /app .\n" + tail)
	if !has(vend, "DG605", 0) || has(vend, "DG602", 0) {
		t.Errorf("vendor ignored: %v", vend)
	}
}

func TestCredentialsInURL(t *testing.T) {
	bad, _ := Check(context.Background(), "Dockerfile", []byte("FROM python:3.13-slim\nARG PIP_INDEX_URL=https://bob:s3cret@pypi.corp.example/simple\nRUN --mount=type=cache,target=/root/.cache/pip pip install -i https://bob:s3cret@pypi.corp.example/simple flask\nUSER 1000\n"), Options{})
	if !has(bad, "DG305", 2) || !has(bad, "DG305", 3) {
		t.Errorf("credentials in URLs: %v", bad)
	}
	good, _ := Check(context.Background(), "Dockerfile", []byte("FROM python:3.13-slim\nARG PIP_INDEX_URL=https://pypi.corp.example/simple\nUSER 1000\n"), Options{})
	if has(good, "DG305", 0) {
		t.Errorf("plain URL flagged: %v", good)
	}
}

// TestReadmeDocumentsEveryRule: each rule and build-log pattern has its
// line in the README.
func TestReadmeDocumentsEveryRule(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules {
		row := "| " + r.ID + " | " + r.Name + " | " + string(r.Severity) + " | " + r.Why + " | " + r.Fix + " |"
		if !strings.Contains(string(readme), row) {
			t.Errorf("README lacks the line of %s, or it differs from the rule; want\n%s", r.ID, row)
		}
	}
	for _, p := range LogPatterns {
		if !strings.Contains(string(readme), "| "+p.ID+" |") {
			t.Errorf("README lacks the line of %s", p.ID)
		}
	}
}

func TestParseErrorIsAnError(t *testing.T) {
	got, err := Check(context.Background(), "Dockerfile", []byte("FROOM alpine\nRUN true\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Rule != "BuildError" || got[0].Severity != SevError || got[0].Line != 1 {
		t.Errorf("got %v", got)
	}
}
