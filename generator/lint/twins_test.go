package lint

import (
	"context"
	"testing"
)

// twin is a bad/good pair: rule fires on fires (at line, 0 for any) and
// stays quiet on quiet, each with its own build context.
type twin struct {
	name            string
	rule            string
	line            int
	fires, quiet    string            // Dockerfiles
	ctxFire, ctxQui map[string]string // contexts (nil: the same as ctxFire)
	private         []string          // --private for the bad run only
}

func runTwins(t *testing.T, cases []twin) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			check := func(df string, files map[string]string, private []string) []Finding {
				t.Helper()
				dir := t.TempDir()
				writeFiles(t, dir, files)
				fs, err := Check(context.Background(), "Dockerfile", []byte(df), Options{Context: dir, Private: private})
				if err != nil {
					t.Fatal(err)
				}
				return fs
			}
			qctx := c.ctxQui
			if qctx == nil {
				qctx = c.ctxFire
			}
			if got := check(c.fires, c.ctxFire, c.private); !has(got, c.rule, c.line) {
				t.Errorf("bad: no %s at line %d in %v", c.rule, c.line, got)
			}
			if got := check(c.quiet, qctx, nil); has(got, c.rule, 0) {
				t.Errorf("good twin: %s fired: %v", c.rule, got)
			}
		})
	}
}

const user = "USER 1000\n"

// Issue 16: each false positive, by its cause.
func TestFalsePositivesFixed(t *testing.T) {
	goReq := "module example.com/app\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n"
	runTwins(t, []twin{
		// DG101 on build outputs of the project's documented build: an info
		// "build X first", not an error.
		{name: "build output is DG106", rule: "DG106", line: 2,
			fires: "FROM eclipse-temurin:21-jre\nCOPY target/quarkus-app/lib/ /app/lib/\n" + user, ctxFire: map[string]string{"pom.xml": "<project/>"},
			quiet: "FROM eclipse-temurin:21-jre\nCOPY pom.xml /app/\n" + user},
		{name: "build output is no DG101", rule: "DG101", line: 2,
			fires: "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\n" + user, ctxFire: map[string]string{"README.md": "x"},
			quiet: "FROM eclipse-temurin:21-jre\nCOPY target/*-runner.jar /app.jar\n" + user, ctxQui: map[string]string{"pom.xml": "<project/>"}},
		{name: "gitignored output is DG106", rule: "DG106", line: 2,
			fires: "FROM nginx:1.27\nCOPY public/bundle.js /usr/share/nginx/html/\n" + user, ctxFire: map[string]string{".gitignore": "# built\nbundle.js\n"},
			quiet: "FROM nginx:1.27\nCOPY .gitignore /x\n" + user},
		// DG101 on an optional wildcard source.
		{name: "optional wildcard", rule: "DG101", line: 2,
			fires: "FROM node:24-slim\nCOPY package.json yarn.lock ./\n" + user, ctxFire: map[string]string{"package.json": "{}"},
			quiet: "FROM node:24-slim\nCOPY package.json yarn.lock* ./\n" + user},
		// DG103: ! re-includes are on purpose; .env.example is a placeholder.
		{name: "re-included on purpose", rule: "DG103",
			fires: "FROM alpine:3.20\n" + user, ctxFire: map[string]string{".dockerignore": "node_modules\n", ".npmrc": "_authToken=npm_x\n", ".env.production": "DB_PASSWORD=x\n"},
			quiet: "FROM alpine:3.20\n" + user, ctxQui: map[string]string{".dockerignore": "*\n!package.json\n!.npmrc\n!.env.production\n", ".npmrc": "_authToken=npm_x\n", ".env.production": "DB_PASSWORD=x\n"}},
		{name: "env placeholders", rule: "DG103",
			fires: "FROM alpine:3.20\n" + user, ctxFire: map[string]string{".dockerignore": ".git\n", ".env.local": "API_KEY=x\n"},
			quiet: "FROM alpine:3.20\n" + user, ctxQui: map[string]string{".dockerignore": ".git\n", ".env.example": "x", ".env.sample": "x"}},
		// DG201 on bases that already run as non-root.
		{name: "non-root base by table", rule: "DG201", line: 1,
			fires: "FROM grafana/grafana-oss-fork:11.0.0\nCOPY dash.json /etc/grafana/\n", ctxFire: map[string]string{"dash.json": "{}"},
			quiet: "FROM grafana/grafana:11.0.0\nCOPY dash.json /etc/grafana/\n"},
		{name: "non-root base by its Dockerfile in the context", rule: "DG201", line: 1,
			fires: "FROM acme/hugo:0.128\nCMD [\"hugo\", \"server\"]\n", ctxFire: map[string]string{"hugo/Dockerfile": "FROM alpine:3.20\nRUN adduser -D hugo\n"},
			quiet: "FROM acme/hugo:0.128\nCMD [\"hugo\", \"server\"]\n", ctxQui: map[string]string{"hugo/Dockerfile": "FROM alpine:3.20\nRUN adduser -D hugo\nUSER hugo\n"}},
		// DG401 on vendored and standard-library-only Go builds, and on
		// `sdk install gradle`.
		{name: "vendored go build", rule: "DG401", line: 3,
			fires: "FROM golang:1.22 AS b\nCOPY . .\nRUN go build -o /app .\nFROM scratch\n" + user, ctxFire: map[string]string{"go.mod": goReq},
			quiet: "FROM golang:1.22 AS b\nCOPY . .\nRUN go build -o /app .\nFROM scratch\n" + user, ctxQui: map[string]string{"go.mod": goReq, "vendor/modules.txt": "# github.com/google/uuid v1.6.0\n"}},
		{name: "vendored go build in a subfolder", rule: "DG401", line: 4,
			fires: "FROM golang:1.22 AS b\nCOPY svc/ ./\nFROM b AS build\nRUN go build -o /app .\nFROM scratch\n" + user, ctxFire: map[string]string{"svc/go.mod": goReq},
			quiet: "FROM golang:1.22 AS b\nCOPY svc/ ./\nFROM b AS build\nRUN go build -o /app .\nFROM scratch\n" + user, ctxQui: map[string]string{"svc/go.mod": goReq, "svc/vendor/modules.txt": "x"}},
		{name: "stdlib-only go build", rule: "DG401", line: 3,
			fires: "FROM golang:1.22 AS b\nCOPY go.mod ./\nRUN go install golang.org/x/tools/cmd/stringer@v0.20.0\nFROM scratch\n" + user, ctxFire: map[string]string{"go.mod": "module x\n"},
			quiet: "FROM golang:1.22 AS b\nCOPY go.mod ./\nRUN go mod download && go build -o /app .\nFROM scratch\n" + user},
		{name: "sdk install gradle", rule: "DG401", line: 2,
			fires: "FROM eclipse-temurin:21-jdk AS b\nRUN ./gradlew build\nFROM scratch\n" + user, ctxFire: map[string]string{},
			quiet: "FROM eclipse-temurin:21-jdk AS b\nRUN sdk install gradle 8.7\nFROM scratch\n" + user},
		// DG602/DG603: privacy from GOPRIVATE/GONOPROXY/--private and known
		// public hosts, never from a name prefix alone.
		{name: "public hosts with internal-looking names", rule: "DG602", line: 3,
			fires:   "FROM golang:1.22 AS b\nCOPY go.mod ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nFROM scratch\n" + user,
			ctxFire: map[string]string{"go.mod": "module x\n\nrequire code.gitea.io/sdk/gitea v0.19.0\n"}, private: []string{"code.gitea.io/*"},
			quiet:  "FROM golang:1.22 AS b\nCOPY go.mod ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nFROM scratch\n" + user,
			ctxQui: map[string]string{"go.mod": "module x\n\nrequire (\n\tcode.gitea.io/sdk/gitea v0.19.0\n\tcode.cloudfoundry.org/lager v1.0.0\n\tgit.sr.ht/~sircmpwn/getopt v1.0.0\n\tgit.acme.io/x v1.0.0\n)\n"}},
		// A later ENV GOPRIVATE replaces an earlier one (and keeps a stage
		// of thousands of ENV lines linear).
		{name: "the last GOPRIVATE counts", rule: "DG602", line: 5,
			fires:   "FROM golang:1.22 AS b\nENV GOPRIVATE=git.corp.example\nENV GOPRIVATE=github.com/acme\nCOPY go.mod ./\nRUN --mount=type=ssh --mount=type=cache,target=/go/pkg/mod go mod download\nFROM scratch\n" + user,
			ctxFire: map[string]string{"go.mod": "module x\n\nrequire git.corp.example/team/lib v1.0.0\n"},
			quiet:   "FROM golang:1.22 AS b\nENV GOPRIVATE=github.com/acme\nENV GOPRIVATE=git.corp.example,github.com/acme\nCOPY go.mod ./\nRUN --mount=type=ssh --mount=type=cache,target=/go/pkg/mod go mod download\nFROM scratch\n" + user},
		// DG302 on names that merely contain a secret word.
		{name: "AUTHOR and TOKENIZERS_PARALLELISM", rule: "DG302", line: 2,
			fires: "FROM python:3.13-slim\nENV HF_TOKEN=x apiKey=y\n" + user,
			quiet: "FROM python:3.13-slim\nARG AUTHOR=me\nENV TOKENIZERS_PARALLELISM=false\nENV OAUTH_CALLBACK_URL=/cb PASSWORD_FILE=/run/secrets/p\n" + user},
		// DG304 on a CA certificate into the trust store.
		{name: "CA certificate", rule: "DG304", line: 2,
			fires: "FROM alpine:3.20\nCOPY tls.pem /etc/app/\n" + user, ctxFire: map[string]string{"tls.pem": "-----BEGIN PRIVATE KEY-----\n", "corp-ca.pem": "-----BEGIN CERTIFICATE-----\n"},
			quiet: "FROM alpine:3.20\nCOPY corp-ca.pem /usr/local/share/ca-certificates/corp-ca.crt\nCOPY corp-ca.pem /etc/app/ca.pem\n" + user},
		// DG604 on go mod download in a child stage.
		{name: "go.mod from the parent stage", rule: "DG604", line: 4,
			fires: "FROM golang:1.22 AS deps\nWORKDIR /src\nFROM deps AS build\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nFROM scratch\n" + user, ctxFire: map[string]string{"go.mod": goReq},
			quiet: "FROM golang:1.22 AS deps\nCOPY go.mod ./\nFROM deps AS build\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nFROM scratch\n" + user},
		// DG203 on an image whose name contains "rust".
		{name: "rust in a name", rule: "DG203", line: 1,
			fires: "FROM rust:1.80\n" + user,
			quiet: "FROM rustdesk/rustdesk-server:1.1.11\n" + user},
	})
}

// Issue 16: misses within lint's own scope, each a rule or an extension
// of one, with a bad/good twin.
func TestMissesFound(t *testing.T) {
	goReq := map[string]string{"go.mod": "module example.com/app\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n"}
	build := func(run string) string {
		return "FROM golang:1.22 AS b\nCOPY go.mod ./\n" + run + "\nFROM scratch\n" + user
	}
	runTwins(t, []twin{
		{name: "curl into python", rule: "DG303", line: 2,
			fires: "FROM python:3.13-slim\nRUN curl -sSL https://install.python-poetry.org | python3 -\n" + user,
			quiet: "FROM python:3.13-slim\nRUN curl -sSLo /tmp/install.py https://install.python-poetry.org\n" + user},
		{name: "sh -c $(curl)", rule: "DG303", line: 2,
			fires: "FROM debian:12\nRUN sh -c \"$(curl -fsSL https://x.example/install.sh)\"\n" + user,
			quiet: "FROM debian:12\nRUN sh -c \"$(cat /etc/os-release)\" && curl -fsSLo /tmp/i.sh https://x.example/install.sh\n" + user},
		{name: "sudo -E bash", rule: "DG303", line: 2,
			fires: "FROM debian:12\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | sudo -E bash -\n" + user,
			quiet: "FROM debian:12\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x -o /tmp/setup.sh | tee /tmp/log\n" + user},
		{name: "GOPRIVATE=*", rule: "DG601", line: 3,
			fires: "FROM golang:1.22 AS b\nCOPY go.mod ./\nENV GOPRIVATE=*\nFROM scratch\n" + user, ctxFire: goReq,
			quiet: "FROM golang:1.22 AS b\nCOPY go.mod ./\nENV GOPRIVATE=*.corp.example,github.com/acme\nFROM scratch\n" + user},
		{name: "GOFLAGS -insecure after another flag", rule: "DG601", line: 3,
			fires: "FROM golang:1.22 AS b\nCOPY go.mod ./\nENV GOFLAGS=\"-mod=mod -insecure\"\nFROM scratch\n" + user, ctxFire: goReq,
			quiet: "FROM golang:1.22 AS b\nCOPY go.mod ./\nENV GOFLAGS=\"-mod=mod -trimpath\"\nFROM scratch\n" + user},
		{name: "JDK final image", rule: "DG203", line: 1,
			fires: "FROM eclipse-temurin:17\n" + user,
			quiet: "FROM eclipse-temurin:17-jre\n" + user},
		{name: ".NET SDK final image", rule: "DG203", line: 1,
			fires: "FROM mcr.microsoft.com/dotnet/sdk:8.0\n" + user,
			quiet: "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n" + user},
		{name: "cargo fetch without a cache", rule: "DG401", line: 2,
			fires: "FROM rust:1.80 AS b\nRUN cargo fetch\nFROM scratch\n" + user,
			quiet: "FROM rust:1.80 AS b\nRUN --mount=type=cache,target=/usr/local/cargo/registry cargo fetch\nFROM scratch\n" + user},
		{name: "dotnet restore without a cache", rule: "DG401", line: 2,
			fires: "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS b\nRUN dotnet restore\nFROM scratch\n" + user,
			quiet: "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS b\nRUN --mount=type=cache,target=/root/.nuget/packages dotnet restore\nFROM scratch\n" + user},
		{name: "dotnet publish without a cache", rule: "DG401", line: 2,
			fires: "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS b\nRUN dotnet publish -c Release -o /app\nFROM scratch\n" + user,
			quiet: "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS b\nRUN --mount=type=cache,target=/root/.nuget/packages dotnet publish -c Release -o /app\nFROM scratch\n" + user},
		{name: "go install without a cache", rule: "DG401", line: 3,
			fires: build("RUN go install ./cmd/server"), ctxFire: goReq,
			quiet: build("RUN --mount=type=cache,target=/go/pkg/mod go install ./cmd/server")},
		{name: "a folder emptied by .dockerignore", rule: "DG102", line: 2,
			fires: "FROM nginx:1.27\nCOPY app/ /usr/share/nginx/html/\n" + user, ctxFire: map[string]string{".dockerignore": "app/*\n", "app/index.html": "x", "app/main.js": "x"},
			quiet: "FROM nginx:1.27\nCOPY app/ /usr/share/nginx/html/\n" + user, ctxQui: map[string]string{".dockerignore": "app/*\n!app/index.html\n", "app/index.html": "x", "app/main.js": "x"}},
		{name: "DG204 although DG201 fires", rule: "DG204", line: 1,
			fires: "FROM alpine:3.20\nCMD [\"serve\"]\n",
			quiet: "FROM alpine:3.20\nEXPOSE 8080\nCMD [\"serve\"]\n"},
		{name: "DG402 not masked by pip install --upgrade pip", rule: "DG402", line: 4,
			fires: "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install --upgrade pip\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n" + user, ctxFire: map[string]string{"requirements.txt": "flask\n"},
			quiet: "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install --upgrade pip\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\nCOPY . .\n" + user},
	})
}

// DG606: a go.mod replace whose folder the build cannot see.
func TestGoReplaceMissing(t *testing.T) {
	dl := "RUN --mount=type=cache,target=/go/pkg/mod go mod download\n"
	tail := "FROM scratch\n" + user
	runTwins(t, []twin{
		{name: "replace outside the context", rule: "DG606", line: 3,
			fires: "FROM golang:1.22 AS b\nCOPY go.mod ./\n" + dl + tail, ctxFire: map[string]string{"go.mod": "module x\n\nreplace example.com/lib => ../lib\n"},
			quiet: "FROM golang:1.22 AS b\nCOPY go.mod ./\nCOPY lib/go.mod lib/\n" + dl + tail, ctxQui: map[string]string{"go.mod": "module x\n\nreplace example.com/lib => ./lib\n", "lib/go.mod": "module example.com/lib\n"}},
		{name: "replace not copied before go mod download", rule: "DG606", line: 3,
			fires: "FROM golang:1.22 AS b\nCOPY go.mod ./\n" + dl + "COPY . .\n" + tail, ctxFire: map[string]string{"go.mod": "module x\n\nreplace example.com/lib => ./lib\n", "lib/go.mod": "module example.com/lib\n"},
			quiet: "FROM golang:1.22 AS b\nCOPY go.mod ./\nCOPY lib/ lib/\n" + dl + "COPY . .\n" + tail},
		{name: "replace excluded by .dockerignore", rule: "DG606", line: 3,
			fires: "FROM golang:1.22 AS b\nCOPY . .\n" + dl + tail, ctxFire: map[string]string{"go.mod": "module x\n\nreplace example.com/lib => ./lib\n", "lib/go.mod": "module example.com/lib\n", ".dockerignore": "lib\n"},
			quiet: "FROM golang:1.22 AS b\nCOPY . .\n" + dl + tail, ctxQui: map[string]string{"go.mod": "module x\n\nreplace example.com/lib => ./lib\n", "lib/go.mod": "module example.com/lib\n", ".dockerignore": ".git\n"}},
	})
}

// DG107: lifecycle scripts run by the install before the sources exist.
func TestInstallScriptsBeforeSources(t *testing.T) {
	pkg := map[string]string{"package.json": `{"scripts": {"postinstall": "patch-package", "start": "node server.js"}}`, "package-lock.json": "{}"}
	install := "RUN --mount=type=cache,target=/root/.npm npm ci\n"
	runTwins(t, []twin{
		{name: "postinstall before sources", rule: "DG107", line: 3,
			fires: "FROM node:24-slim\nCOPY package.json package-lock.json ./\n" + install + "COPY . .\n" + user, ctxFire: pkg,
			quiet: "FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts\nCOPY . .\nRUN npm rebuild\n" + user},
		{name: "scripts dropped from the copied package.json", rule: "DG107", line: 4,
			fires: "FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN node -e 'delete require(\"./package.json\").scripts'\n" + install + "COPY . .\n" + user, ctxFire: pkg,
			quiet: "FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN node -e 'const fs=require(\"fs\"),p=JSON.parse(fs.readFileSync(\"package.json\"));for(const s of [\"postinstall\"])delete p.scripts[s];fs.writeFileSync(\"package.json\",JSON.stringify(p))'\n" + install + "COPY . .\n" + user, ctxQui: pkg},
		{name: "npm pkg delete", rule: "DG107", line: 3,
			fires: "FROM node:24-slim\nCOPY package.json package-lock.json ./\n" + install + "COPY . .\n" + user, ctxFire: pkg,
			quiet: "FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm pkg delete scripts.postinstall\n" + install + "COPY . .\n" + user, ctxQui: pkg},
		{name: "no lifecycle scripts", rule: "DG107", line: 3,
			fires: "FROM node:24-slim\nCOPY package*.json ./\n" + install + "COPY . .\n" + user, ctxFire: pkg,
			quiet: "FROM node:24-slim\nCOPY package*.json ./\n" + install + "COPY . .\n" + user, ctxQui: map[string]string{"package.json": `{"scripts": {"start": "node server.js"}}`}},
	})
}

// DG205: a server that listens on loopback only is unreachable in a container.
func TestRuntimeLoopback(t *testing.T) {
	base := "FROM python:3.13-slim\nEXPOSE 8000\n" + user
	runTwins(t, []twin{
		{name: "uvicorn default", rule: "DG205", line: 4,
			fires: base + "CMD [\"uvicorn\", \"app.main:app\", \"--port\", \"8000\"]\n",
			quiet: base + "CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]\n"},
		{name: "flask run via python -m", rule: "DG205", line: 4,
			fires: base + "CMD python -m flask run --port 8000\n",
			quiet: base + "ENV FLASK_RUN_HOST=0.0.0.0\nCMD python -m flask run --port 8000\n"},
		{name: "runserver", rule: "DG205", line: 4,
			fires: base + "CMD [\"python\", \"manage.py\", \"runserver\"]\n",
			quiet: base + "CMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]\n"},
		{name: "explicit loopback", rule: "DG205", line: 5,
			fires: base + "ENTRYPOINT [\"gunicorn\"]\nCMD [\"--bind\", \"127.0.0.1:8000\", \"app:app\"]\n",
			quiet: base + "ENTRYPOINT [\"gunicorn\"]\nCMD [\"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n"},
		{name: "explicit loopback with =", rule: "DG205", line: 4,
			fires: base + "CMD [\"node\", \"server.js\", \"--host=localhost\"]\n",
			quiet: base + "CMD [\"node\", \"server.js\", \"--host=0.0.0.0\"]\n"},
	})
}

// DG108: a web root filled from a folder without index.html.
func TestStaticRootNoIndex(t *testing.T) {
	nginx := "FROM nginxinc/nginx-unprivileged:1.27\n"
	runTwins(t, []twin{
		{name: "sources instead of the build output", rule: "DG108", line: 2,
			fires: nginx + "COPY src/ /usr/share/nginx/html/\n", ctxFire: map[string]string{"src/main.ts": "x", "public/index.html": "x"},
			quiet: nginx + "COPY public/ /usr/share/nginx/html/\n"},
		{name: "index.html copied apart", rule: "DG108", line: 2,
			fires: nginx + "COPY assets /usr/share/nginx/html\n", ctxFire: map[string]string{"assets/app.css": "x", "index.html": "x"},
			quiet: nginx + "COPY assets /usr/share/nginx/html\nCOPY index.html /usr/share/nginx/html/\n"},
		{name: "built by an earlier stage", rule: "DG108", line: 3,
			fires: "FROM node:24-slim AS build\nFROM nginxinc/nginx-unprivileged:1.27\nCOPY src/ /usr/share/nginx/html/\n", ctxFire: map[string]string{"src/main.ts": "x"},
			quiet: "FROM node:24-slim AS build\nFROM nginxinc/nginx-unprivileged:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\nCOPY src/ /usr/share/nginx/html/\n"},
	})
}

// DG607: //go:embed of files the build cannot see.
func TestGoEmbedMissing(t *testing.T) {
	df := "FROM golang:1.22 AS b\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /app .\nFROM scratch\n" + user
	src := "package main\n\nimport \"embed\"\n\n//go:embed static/*.html \"templates\"\nvar files embed.FS\n\nfunc main() {}\n"
	goMod := "module x\n\nrequire github.com/google/uuid v1.6.0\n"
	runTwins(t, []twin{
		{name: "excluded by .dockerignore", rule: "DG607", line: 5,
			fires: df, ctxFire: map[string]string{"go.mod": goMod, "main.go": src, "static/index.html": "x", "templates/a.tmpl": "x", ".dockerignore": "**/*.html\n"},
			quiet: df, ctxQui: map[string]string{"go.mod": goMod, "main.go": src, "static/index.html": "x", "templates/a.tmpl": "x", ".dockerignore": ".git\n"}},
		{name: "missing unless an earlier stage makes it", rule: "DG607", line: 5,
			fires: df, ctxFire: map[string]string{"go.mod": goMod, "main.go": src, "templates/a.tmpl": "x"},
			quiet: "FROM node:24-slim AS web\nRUN mkdir static && echo hi > static/index.html\n" + df},
	})
}
