package generator_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

// TestReadmeSecurityNamesRealTests: README's "Security" section is the
// threat model; each guarantee row names the package it rests on and the
// tests that prove it, and every test it names exists (a renamed or deleted
// test must not leave a guarantee without proof).
func TestReadmeSecurityNamesRealTests(t *testing.T) {
	root := testkit.RepoRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(readme), "\n## Security\n")
	if !ok {
		t.Fatal(`README.md has no "## Security" section`)
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	for _, want := range []string{"**Trusted:**", "**Not trusted:**"} {
		if !strings.Contains(sec, want) {
			t.Errorf("the Security section does not say what is %s", want)
		}
	}
	defined := map[string]bool{}
	decl := regexp.MustCompile(`(?m)^func ((?:Test|Fuzz)[A-Za-z0-9_]+)\(`)
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, "_test.go") {
			data, _ := os.ReadFile(p)
			for _, m := range decl.FindAllSubmatch(data, -1) {
				defined[string(m[1])] = true
			}
		}
		return nil
	})
	named := regexp.MustCompile("`((?:Test|Fuzz)[A-Za-z0-9_]+)`")
	rows := 0
	for _, line := range strings.Split(sec, "\n") {
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| Guarantee") {
			continue
		}
		rows++
		cells := strings.Split(line, " | ")
		tests := named.FindAllStringSubmatch(cells[len(cells)-1], -1)
		if len(cells) < 3 || len(tests) == 0 {
			t.Errorf("a guarantee without a package or a test: %s", line)
		}
		for _, m := range tests {
			if !defined[m[1]] {
				t.Errorf("README Security names %s, which no test file defines", m[1])
			}
		}
	}
	if rows < 10 {
		t.Errorf("the Security section lists %d guarantees", rows)
	}
}
