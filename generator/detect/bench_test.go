package detect_test

import (
	"fmt"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// BenchmarkDetect100k detects a Node app in a 100,000-file tree: 60,000
// files in node_modules (skipped by name) and 40,000 source files in a
// four-level tree the walk does read. Budget (DESIGN.md): under 300 ms.
func BenchmarkDetect100k(b *testing.B) {
	root := b.TempDir()
	mk := func(rel, data string) { writeFile(b, root, rel, data) }
	mk("package.json", `{"name":"big","scripts":{"start":"node src/server.js"},"dependencies":{"express":"^4"}}`)
	mk("package-lock.json", "{}")
	mk("src/server.js", "require('express')().listen(process.env.PORT || 3000)\n")
	files := 3
	for i := 0; files < 60_000; i++ {
		for j := 0; j < 20; j++ {
			mk(fmt.Sprintf("node_modules/pkg%d/lib/f%d.js", i, j), "")
			files++
		}
	}
	for i := 0; files < 100_000; i++ {
		for j := 0; j < 40; j++ {
			mk(fmt.Sprintf("src/a%d/b%d/c%d/f%d.js", i%10, i%100, i, j), "")
			files++
		}
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := detect.Dir(root)
		if err != nil {
			b.Fatal(err)
		}
		if res.Chosen != 0 || res.Projects[0].Entry != "src/server.js" {
			b.Fatalf("unexpected result %+v", res)
		}
	}
}

// BenchmarkDetectWorkspace150 detects a Node workspace of 150 packages
// (50 files each): every member looks up its workspace root and the
// workspace's packages, which a walk reads once.
func BenchmarkDetectWorkspace150(b *testing.B) {
	root := b.TempDir()
	mk := func(rel, data string) { writeFile(b, root, rel, data) }
	mk("package.json", `{"name":"mono","private":true,"workspaces":["packages/*"]}`)
	mk("package-lock.json", "{}")
	for i := range 150 {
		mk(fmt.Sprintf("packages/p%d/package.json", i), fmt.Sprintf(`{"name":"p%d","scripts":{"start":"node index.js","build":"tsc"},"dependencies":{"p%d":"*"}}`, i, (i+1)%150))
		mk(fmt.Sprintf("packages/p%d/index.js", i), "")
		for j := range 48 {
			mk(fmt.Sprintf("packages/p%d/src/f%d.js", i, j), "")
		}
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := detect.Dir(root)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Projects) != 151 || res.Projects[1].BuildRoot != "." {
			b.Fatalf("unexpected result: %d projects", len(res.Projects))
		}
	}
}
