package catalog

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
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

	// Only the embedded catalog is cached, whatever another is named.
	fake, err := LoadCatalog(Source{Name: BuiltinSource, FS: fstest.MapFS{
		"go/template.yaml":   {Data: []byte(strings.Replace(meta, "name: t", "name: go", 1))},
		"go/Dockerfile.tmpl": {Data: []byte("FROM fake\n")},
	}})
	if err != nil {
		t.Fatal(err)
	}
	ftm, _ := fake.Get("go")
	if out, err := fake.Render(ftm, map[string]any{}); err != nil || string(out[0].Content) != "FROM fake\n" {
		t.Errorf("a catalog named builtin got the embedded one's template: %q, %v", out, err)
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
