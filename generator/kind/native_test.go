package kind

import (
	"strings"
	"testing"
)

func TestNodeNative(t *testing.T) {
	n := NodeNative([]NativeDep{
		{Name: "canvas", Spec: "^2.11.2", Where: "package.json:9", Major: 2, Prod: true},
		{Name: "sqlite3", Spec: "^5.1.7", Where: "package.json:12", Major: 5},
		{Name: "express", Spec: "^4", Major: 4, Prod: true},
	})
	if b := strings.Join(n.Build, " "); !strings.Contains(b, "python3") || !strings.Contains(b, "libcairo2-dev") || !strings.Contains(b, "g++") {
		t.Errorf("build = %q, want node-gyp's tools and cairo's headers", b)
	}
	if r := strings.Join(n.Runtime, " "); !strings.Contains(r, "libcairo2") || strings.Contains(r, "-dev") {
		t.Errorf("runtime = %q, want canvas' libraries only", r)
	}
	if len(n.Why) != 2 || !strings.Contains(n.Why[0], "package.json:9") {
		t.Errorf("why = %q", n.Why)
	}
	// A devDependency never reaches the runtime: its libraries are not needed.
	if n := NodeNative([]NativeDep{{Name: "canvas", Major: 2}}); len(n.Runtime) != 0 || len(n.Build) == 0 {
		t.Errorf("dev canvas: %+v", n)
	}
	// A scoped fork builds like the package it forks (h2-node-13, dockge:
	// @louislam/sqlite3); type declarations build nothing.
	if n := NodeNative([]NativeDep{{Name: "@louislam/sqlite3", Spec: "15.1.6", Major: 15, Prod: true}}); !strings.Contains(strings.Join(n.Build, " "), "g++") {
		t.Errorf("@louislam/sqlite3: %+v", n)
	}
	if n := NodeNative([]NativeDep{{Name: "@types/sqlite3", Major: 3}}); len(n.Build) != 0 {
		t.Errorf("@types/sqlite3: %+v", n)
	}
	// bcrypt 6 ships its prebuilt binaries inside the npm package.
	if n := NodeNative([]NativeDep{{Name: "bcrypt", Major: 6, Prod: true}}); len(n.Build)+len(n.Why) != 0 {
		t.Errorf("bcrypt 6: %+v", n)
	}
	if n := NodeNative([]NativeDep{{Name: "bcrypt", Major: 5, Prod: true}}); strings.Join(n.Build, " ") != "g++ make python3" {
		t.Errorf("bcrypt 5: %+v", n)
	}
}

func TestGoNative(t *testing.T) {
	n, ok := GoNative([]NativeDep{{Name: "github.com/mattn/go-sqlite3", Where: "go.mod:5"}, {Name: "golang.org/x/text"}})
	if !ok {
		t.Fatal("go-sqlite3 needs cgo")
	}
	// gcc and libc6-dev are in the golang image: no apt step for them.
	if len(n.Build) != 0 || len(n.Runtime) != 0 || len(n.Why) != 1 || !strings.Contains(n.Why[0], "golang image") {
		t.Errorf("go-sqlite3: %+v", n)
	}
	if _, ok := GoNative([]NativeDep{{Name: "modernc.org/sqlite"}}); ok {
		t.Error("modernc.org/sqlite is pure Go")
	}
	if _, err := parseNative([]byte("go: [{package: x, when: always, runtime: [libpcap0.8]}]")); err == nil {
		t.Error("a go row with runtime packages: distroless cannot install them")
	}
}
