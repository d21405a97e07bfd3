package lint

import "testing"

// Package hygiene (issue 16, hadolint's territory): a bad/good twin each.
func TestPackageHygiene(t *testing.T) {
	deb := "FROM debian:12-slim\n"
	aptCached := "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked "
	runTwins(t, []twin{
		{name: "apt recommends", rule: "DG701", line: 2,
			fires: deb + aptCached + "apt-get update && apt-get install -y curl\n" + user,
			quiet: deb + aptCached + "apt-get update && apt-get install -y --no-install-recommends curl\n" + user},
		{name: "apt lists kept", rule: "DG702", line: 2,
			fires: deb + "RUN apt-get update && apt-get install -y --no-install-recommends curl\n" + user,
			quiet: deb + "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n" + aptCached + "apt-get update\n" + user},
		{name: "apt not apt-get", rule: "DG703", line: 2,
			fires: deb + aptCached + "apt update && apt install -y --no-install-recommends curl\n" + user,
			quiet: deb + aptCached + "apt-get update && apt-get install -y --no-install-recommends curl\n" + user},
		{name: "apk cache", rule: "DG704", line: 2,
			fires: "FROM alpine:3.20\nRUN apk add curl\n" + user,
			quiet: "FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN --mount=type=cache,target=/var/cache/apk apk add jq\n" + user},
		{name: "ADD local file", rule: "DG705", line: 2,
			fires: "FROM alpine:3.20\nADD app.conf /etc/app.conf\n" + user, ctxFire: map[string]string{"app.conf": "x", "rootfs.tar.gz": "x"},
			quiet: "FROM alpine:3.20\nCOPY app.conf /etc/app.conf\nADD rootfs.tar.gz /\n" + user},
		{name: "ADD URL without checksum", rule: "DG705", line: 2,
			fires: "FROM alpine:3.20\nADD https://x.example/tool.tgz /opt/\n" + user,
			quiet: "FROM alpine:3.20\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://x.example/tool.tgz /opt/\n" + user},
		{name: "cd in RUN", rule: "DG706", line: 2,
			fires: "FROM alpine:3.20\nRUN cd /src && make\n" + user,
			quiet: "FROM alpine:3.20\nWORKDIR /src\nRUN make\n" + user},
		{name: "pipe without pipefail", rule: "DG707", line: 2,
			fires: "FROM debian:12-slim\nRUN curl -fsSL https://x.example/a.tgz | tar -xz\n" + user,
			quiet: "FROM debian:12-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://x.example/a.tgz | tar -xz\nRUN command -v yarn || npm install --global yarn@1.22.22\nRUN echo 'a|b' > /x\n" + user},
		{name: "pipe with set -o pipefail", rule: "DG707", line: 2,
			fires: "FROM alpine:3.20\nRUN wget -qO- https://x.example/a.tgz | tar -xz\n" + user,
			quiet: "FROM alpine:3.20\nRUN set -eo pipefail && wget -qO- https://x.example/a.tgz | tar -xz\n" + user},
		{name: "sudo", rule: "DG708", line: 3,
			fires: "FROM debian:12-slim\nUSER 1000\nRUN sudo apt-get install -y --no-install-recommends curl\n",
			quiet: "FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends curl\nUSER 1000\n"},
		{name: "final stage on the build platform", rule: "DG709", line: 2,
			fires: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM --platform=$BUILDPLATFORM gcr.io/distroless/static-debian13:nonroot\n",
			quiet: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian13:nonroot\n"},
		{name: "exec form with literal quotes", rule: "DG710", line: 2,
			fires: "FROM nginxinc/nginx-unprivileged:1.27\nCMD [\"nginx\", \"-g\", \"'daemon off;'\"]\n",
			quiet: "FROM nginxinc/nginx-unprivileged:1.27\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n"},
		{name: "TARGETARCH without ARG", rule: "DG711", line: 2,
			fires: "FROM golang:1.22 AS build\nRUN GOARCH=$TARGETARCH go build -o /app .\nFROM scratch\n" + user,
			quiet: "FROM golang:1.22 AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -o /app .\nFROM scratch\n" + user},
		{name: "RUN export", rule: "DG712", line: 2,
			fires: "FROM alpine:3.20\nRUN export PATH=/opt/bin:$PATH\n" + user,
			quiet: "FROM alpine:3.20\nENV PATH=/opt/bin:$PATH\nRUN export CGO_ENABLED=0 && make\n" + user},
		{name: "package install as a non-root user", rule: "DG713", line: 4,
			fires: "FROM debian:12-slim AS base\nUSER 1000\nFROM base\nRUN apt-get install -y --no-install-recommends curl\n",
			quiet: "FROM debian:12-slim AS base\nUSER 1000\nFROM base\nUSER root\nRUN apt-get install -y --no-install-recommends curl\nUSER 1000\n"},
	})
}
