package catalog

import (
	"context"
	"strings"
	"testing"
)

// TestBuiltinTemplatesAreParsedOnce: the built-in catalog cannot change,
// so its template sets are parsed once per process (parsing was most of a
// generation's time); a team catalog's, which can, are parsed each time.
// Each render still gets its own budget: a runaway render does not make
// the next one fail.
func TestBuiltinTemplatesAreParsedOnce(t *testing.T) {
	c, err := Load(context.Background(), Refs{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	tm, ok := c.Get("go")
	if !ok {
		t.Fatal("no built-in go template")
	}
	a, err := c.parse(tm)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := c.parse(tm); a != b {
		t.Error("the built-in go template was parsed twice")
	}

	team := catalog(t, map[string]string{"t/template.yaml": meta, "t/Dockerfile.tmpl": "FROM x\n{{ range $i := until 9000 }}{{ range $j := until 9000 }}{{ end }}{{ end }}\n"})
	ttm, _ := team.Get("t")
	if a, _ := team.parse(ttm); a != nil {
		if b, _ := team.parse(ttm); a == b {
			t.Error("a team template was cached")
		}
	}
	for range 2 {
		if _, err := team.Render(ttm, map[string]any{}); err == nil || !strings.Contains(err.Error(), "steps") {
			t.Fatalf("got %v, want the work bound", err)
		}
	}
}
