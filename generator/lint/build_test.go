package lint

import (
	"context"
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
			fires: "FROM golang:1.24\nWORKDIR /app\nCOPY . .\nRUN cd internal && go build -o /bin/app .\n" + user,
			quiet: "FROM golang:1.24\nWORKDIR /app\nCOPY . .\nRUN cd cmd/app && go build -o /bin/app .\n" + user,
			ctxFire: map[string]string{"go.mod": goMod, "internal/x.go": "package internal\n", "cmd/app/main.go": "package main\n"}},
		// Without -o, go build of a library is a compile check: nothing breaks.
		{name: "without -o a library build is a compile check", rule: "DG821", line: 3,
			fires: "FROM golang:1.24\nCOPY . /src\nRUN cd /src && go build -o app ./lib\n" + user,
			quiet: "FROM golang:1.24\nCOPY . /src\nRUN cd /src && go build ./lib && go build -C /src -o app ./cmd/x\n" + user,
			ctxFire: map[string]string{"go.mod": goMod, "lib/lib.go": "package lib\n", "cmd/x/main.go": "package main\n"}},
	})
}

// What lint cannot follow stays quiet: a folder the build makes, one
// reached through a variable, sources copied from another image.
func TestGoBuildNoMainUnknownStaysQuiet(t *testing.T) {
	ctx := map[string]string{"go.mod": "module x\n\ngo 1.24\n", "lib.go": "package x\n"}
	for _, df := range []string{
		"FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go generate ./... && go build -o app ./gen\n" + user,
		"FROM golang:1.24\nWORKDIR /src\nCOPY . .\nARG PKG=.\nRUN go build -o app $PKG\n" + user,
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
