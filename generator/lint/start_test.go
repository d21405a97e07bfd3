package lint

import (
	"strings"
	"testing"
)

// goImage is a two-stage Go image of package PKG whose final stage runs
// the binary; tail ends the final stage.
func goImage(pkg, tail string) string {
	return "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -trimpath -o /out/app " + pkg + "\n" +
		"FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /out/app /usr/local/bin/app\nUSER 65532:65532\nEXPOSE 8080\n" + tail
}

const goMod = "module example.com/acme/app\n\ngo 1.23\n"

// A server started by a subcommand, started without it (thelounge,
// temporal, ollama): the program prints its help and exits.
func TestStartSubcommandMissing(t *testing.T) {
	urfave := map[string]string{"go.mod": goMod,
		"main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"github.com/urfave/cli/v2\"\n)\n\nfunc main() {\n\tapp := cli.NewApp()\n\tapp.Commands = []*cli.Command{\n\t\t{\n\t\t\tName: \"start\",\n\t\t\tAction: func(c *cli.Context) error { return http.ListenAndServe(\":8080\", nil) },\n\t\t},\n\t\t{Name: \"version\"},\n\t}\n}\n"}
	other := map[string]string{"go.mod": goMod, "main.go": urfave["main.go"], "cmd/tool/main.go": "package main\n\nfunc main() {}\n"}
	node := map[string]string{"package.json": `{"name":"lounge","scripts":{"start":"node index start"},"dependencies":{"express":"4.0.0"}}`,
		"index.js": "require('./src/command-line');\n", "src/server.js": "const express = require('express');\nexpress().listen(9000);\n"}
	nodeImage := "FROM node:24-slim\nWORKDIR /app\nCOPY . .\nUSER 1000:1000\nEXPOSE 9000\n"
	runTwins(t, []twin{
		{name: "go: no subcommand", rule: "DG831", line: 9,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: urfave,
			quiet: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"+`CMD ["start"]`+"\n")},
		// BuildKit: ENTRYPOINT resets a CMD inherited from the base stage,
		// not one its own stage sets before it.
		{name: "go: CMD before ENTRYPOINT in one stage counts", rule: "DG831", line: 11,
			fires: "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian13:nonroot AS base\nCOPY --from=build /out/app /usr/local/bin/app\n" +
				`CMD ["start"]` + "\nFROM base\nUSER 65532:65532\nEXPOSE 8080\n" + `ENTRYPOINT ["/usr/local/bin/app"]` + "\n", ctxFire: urfave,
			quiet: goImage(".", `CMD ["start"]`+"\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
		{name: "go: another subcommand is the user's choice", rule: "DG831", line: 9,
			fires: goImage("./", `ENTRYPOINT ["/usr/local/bin/app", "--log-level=debug"]`+"\n"), ctxFire: urfave,
			quiet: goImage(".", `ENTRYPOINT ["/usr/local/bin/app", "--log-level", "debug", "version"]`+"\n")},
		{name: "go: the image builds another main package", rule: "DG831", line: 9,
			fires: goImage("./.", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: other,
			quiet: goImage("./cmd/tool", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
		{name: "go: a wrapper script starts it", rule: "DG831", line: 9,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: urfave,
			quiet: goImage(".", `ENTRYPOINT ["/entrypoint.sh"]`+"\n")},
		{name: "node: start script's subcommand dropped", rule: "DG831", line: 6,
			fires: nodeImage + `CMD ["node", "index.js"]` + "\n", ctxFire: node,
			quiet: nodeImage + `CMD ["node", "index", "start"]` + "\n"},
		{name: "node: another script is the user's choice", rule: "DG831", line: 6,
			fires: nodeImage + `CMD ["node", "/app/index.js"]` + "\n", ctxFire: node,
			quiet: nodeImage + `CMD ["node", "src/server.js"]` + "\n"},
	})
}

// A listen address whose default, read from the code, is loopback, and an
// image that overrides it neither way (filebrowser, miniflux, transfer.sh).
func TestStartListenLoopback(t *testing.T) {
	server := "package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.ListenAndServe(addr, nil) }\n"
	flag := map[string]string{"go.mod": goMod, "main.go": server,
		"flags.go": "package main\n\nfunc init() {\n\tflags.StringP(\"address\", \"a\", \"127.0.0.1\", \"address\")\n\tflags.StringP(\"port\", \"p\", \"8080\", \"port\")\n}\n"}
	env := map[string]string{"go.mod": goMod, "main.go": server,
		"config.go": "package main\n\nvar defaults = map[string]opt{\n\t\"LISTEN_ADDR\": {\n\t\traw: \"127.0.0.1:8080\",\n\t},\n}\n"}
	fastify := "FROM node:24-slim\nWORKDIR /app\nCOPY . .\nUSER 1000:1000\nEXPOSE 3000\n"
	runTwins(t, []twin{
		{name: "flag not passed", rule: "DG832", line: 9,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: flag,
			quiet: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"+`CMD ["--address", "0.0.0.0"]`+"\n")},
		{name: "flag with a value", rule: "DG832", line: 9,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app", "--port=8080"]`+"\n"), ctxFire: flag,
			quiet: goImage(".", `ENTRYPOINT ["/usr/local/bin/app", "-address=0.0.0.0"]`+"\n")},
		{name: "node: Fastify without a host", rule: "DG832", line: 6,
			fires: fastify + `CMD ["node", "server.js"]` + "\n", ctxFire: map[string]string{"package.json": `{"name":"api","main":"server.js","dependencies":{"fastify":"5.0.0"}}`, "server.js": "const app = require('fastify')();\napp.listen({ port: process.env.PORT ?? 3000 });\n"},
			quiet: fastify + `CMD ["node", "server.js"]` + "\n", ctxQui: map[string]string{"package.json": `{"name":"api","main":"server.js","dependencies":{"fastify":"5.0.0"}}`, "server.js": "const app = require('fastify')();\napp.listen({ port: 3000, host: '0.0.0.0' });\n"}},
		{name: "env not set", rule: "DG832", line: 9,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: env,
			quiet: goImage(".", "ENV LISTEN_ADDR=0.0.0.0:8080\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
	})
}

// go build command lines as Dockerfiles write them: the packages and the
// -o value, up to the end of the shell command.
func TestGoBuildArgs(t *testing.T) {
	for line, want := range map[string]string{
		"-trimpath -ldflags='-s -w' -o /out/app ./cmd/app":  "./cmd/app /out/app",
		"-o=/bin/srv -tags netgo . && echo ok ./other":      ". /bin/srv",
		"-mod vendor -o app":                                ". app",
		"-tags=prod ./cmd/a ./cmd/b":                        "./cmd/a,./cmd/b ",
		"-ldflags \"-X main.v=$VERSION\" -o /out/x main.go": ". /out/x",
		"-o /go/bin/ ./cmd/server \\":                       "./cmd/server /go/bin/",
	} {
		pkgs, out := goBuildArgs(strings.Fields(line))
		if got := strings.Join(pkgs, ",") + " " + out; got != want {
			t.Errorf("go build %s: got %q, want %q", line, got, want)
		}
	}
}
