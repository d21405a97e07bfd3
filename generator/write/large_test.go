package write

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// An existing 64 MiB Dockerfile (sparse: no disk used) is compared by size,
// not read whole, and its diff is one line instead of a quadratic diff of
// 64 MiB (a 1 GB file used to take 31 s and 7.4 GB with --dry-run).
func TestLargeExistingFileIsNotReadWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(64 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	changes, err := Plan(dir, []File{{Path: "Dockerfile", Content: []byte("FROM scratch\n")}}, true)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Diff(changes[0])
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 8<<20 {
		t.Errorf("planning and diffing allocated %d MiB", got>>20)
	}
	c := changes[0]
	if c.Status != Overwritten || c.Old != nil || c.OldSize != 64<<20 {
		t.Errorf("status %s, %d bytes held, size %d", c.Status, len(c.Old), c.OldSize)
	}
	if !strings.Contains(d, "Dockerfile differs: too large to diff (existing 67108864 bytes") {
		t.Errorf("diff (first 200 bytes of %d):\n%s", len(d), d[:min(len(d), 200)])
	}
	// Overwriting it still works and keeps the rollback copy cheap (a link).
	if err := Apply(dir, changes); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "FROM scratch\n" {
		t.Errorf("got %q", got)
	}
}

// A file of the same size is compared byte for byte: equal is unchanged.
func TestSameSizeComparison(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a"), []byte("abc\n"), 0o644)
	changes, _ := Plan(dir, []File{{Path: "a", Content: []byte("abc\n")}, {Path: "a", Content: []byte("abd\n")}}, false)
	if changes[0].Status != Unchanged || changes[1].Status != Conflict {
		t.Errorf("got %s and %s", changes[0].Status, changes[1].Status)
	}
}
